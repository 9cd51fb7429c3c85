import type { ModelGraph, RelationEdge } from '../analysis/model-graph.js';
import { isDelayedRelation } from '../analysis/relation-scales.js';
import { bowedCurve, centre, round } from './box-geometry.js';
import type { DiagramScene, SceneCategory, SceneEdge, SceneNode, ScenePoint } from './diagram-scene.js';
import type { FlowDirection, NodeText } from './elk-graph.js';
import { elkCategoryId, elkNodeId, measureNode, toElkGraph } from './elk-graph.js';
import type { ElkLayouter, KeptPacking } from './part-packing.js';
import { defaultAspectRatio } from './part-packing.js';
import type { DiagramPlacer, Placement, PlacementMemory } from './placement.js';
import { LocalPlacer } from './placement.js';

export type { ElkLayouter } from './part-packing.js';

export interface DiagramLayoutOptions extends PlacementMemory {
    /** Width / height of where the picture is shown (the preview's panel, an export): the categories are packed to it. */
    readonly aspectRatio?: number;
    /** Which picture of the model this is (PlacementRequest.picture). */
    readonly picture?: string;
    /** Every factor laid out as one flow, left to right or downwards, without the categories' areas (DiagramView.flow). */
    readonly flow?: boolean;
    /** The picture's packing before a window reload (PlacementRequest.recalled). */
    readonly recalled?: KeptPacking;
}

/**
 * Lays out a model graph and returns the scene in absolute coordinates: each category by ELK
 * (which routes the relations inside it), the categories packed to the aspect ratio, then every
 * relation between categories routed around the boxes through the gaps (placement.ts). Given
 * ELK, the placement runs in this process, remembering what `options` lets it; given a
 * DiagramPlacer (the language server's layout worker), it runs there, with the placer's memory.
 */
export async function layoutDiagram(graph: ModelGraph, layouter: ElkLayouter | DiagramPlacer, options: DiagramLayoutOptions = {}): Promise<DiagramScene> {
    const texts = new Map<string, NodeText>(graph.factors.map(factor => [factor.id, measureNode(factor)]));
    const placed = graph.relations.filter(relation => relation.source !== relation.target);
    const aspectRatio = validAspectRatio(options.aspectRatio);
    const placer = 'place' in layouter ? layouter : new LocalPlacer(layouter, options);
    const place = (direction?: FlowDirection): Promise<Placement> => {
        const { root, edgeOfRelation } = toElkGraph(graph, texts, direction);
        return placer.place({
            root,
            relations: placed.map(relation => ({ source: elkNodeId(relation.source), target: elkNodeId(relation.target), edge: edgeOfRelation.get(relation.index) })),
            aspectRatio,
            picture: options.picture,
            recalled: options.recalled
        });
    };
    // A flow reads left to right; in a tall, narrow panel a path of a few factors in a row
    // would be shown too small to read, so it runs downwards when that is shown larger.
    const placement = options.flow ? largerWhenFitted(await place('RIGHT'), await place('DOWN'), aspectRatio) : await place();
    const { boxes } = placement;
    const categories: SceneCategory[] = [];
    for (const category of graph.categories) {
        const box = boxes.get(elkCategoryId(category.id));
        if (box) {
            categories.push({ ...box, id: category.id, label: category.label, color: category.color, depth: graph.categoryPath(category.id).length - 1, description: category.description, location: category.location });
        }
    }
    categories.sort((a, b) => a.depth - b.depth);
    const nodes: SceneNode[] = [];
    for (const factor of graph.factors) {
        const box = boxes.get(elkNodeId(factor.id));
        if (box) {
            nodes.push({
                ...box, id: factor.id, label: factor.label, lines: texts.get(factor.id)!.lines, kind: factor.kind, role: factor.role,
                key: factor.key, direction: factor.direction, category: factor.category, description: factor.description, location: factor.location,
                ...(options.flow && factor.category !== undefined ? { categoryLabel: graph.category(factor.category)?.label } : {})
            });
        }
    }
    const nodeById = new Map(nodes.map(node => [node.id, node]));
    const placedAt = new Map(placed.map((relation, k) => [relation.index, k]));
    const edges: SceneEdge[] = [];
    for (const relation of graph.relations) {
        const source = nodeById.get(relation.source);
        const target = nodeById.get(relation.target);
        if (!source || !target) {
            continue;
        }
        const k = placedAt.get(relation.index);
        const route = k === undefined ? undefined : placement.routes[k];
        if (relation.source === relation.target) {
            edges.push(sceneEdge(relation, selfLoop(source), false));
        } else if (route && placement.aroundBoxes[k!] && source.category !== target.category) {
            edges.push({ ...sceneEdge(relation, route, false), betweenCategories: true });
        } else if (route) {
            edges.push(sceneEdge(relation, route, false));
        } else {
            edges.push(sceneEdge(relation, curveBetween(source, target), true));
        }
    }
    return { width: placement.width, height: placement.height, title: graph.data.title, categories, nodes, edges, packing: placement.packing };
}

/** Of two pictures, the one shown larger when fitted to a panel of the aspect ratio (the first on a tie). */
function largerWhenFitted(first: Placement, second: Placement, aspectRatio: number): Placement {
    const fitted = (picture: Placement): number => Math.min(aspectRatio / picture.width, 1 / picture.height);
    return fitted(second) > fitted(first) ? second : first;
}

function validAspectRatio(ratio: number | undefined): number {
    return ratio !== undefined && Number.isFinite(ratio) && ratio > 0.05 && ratio < 20 ? ratio : defaultAspectRatio;
}

function sceneEdge(relation: RelationEdge, points: readonly ScenePoint[], curved: boolean): SceneEdge {
    return {
        relation: relation.index,
        source: relation.source,
        target: relation.target,
        sign: relation.sign,
        strength: relation.strength,
        strengthClass: relation.strengthClass,
        speedClass: relation.speedClass,
        delay: relation.delay,
        delayed: isDelayedRelation(relation),
        note: relation.note,
        points,
        curved,
        signAt: signPosition(points),
        location: relation.location
    };
}

/** A relation of a factor to itself: a small loop over the node's top-right corner. */
function selfLoop(node: SceneNode): ScenePoint[] {
    const right = node.x + node.width;
    const top = node.y;
    return [
        { x: right - 14, y: top },
        { x: right - 14, y: top - 14 },
        { x: right + 14, y: top - 14 },
        { x: right + 14, y: top + 14 },
        { x: right, y: top + 14 }
    ];
}

/**
 * A gentle curve from border to border, bowed to the right of its direction so that the two
 * relations of a pair pointing at each other do not lie on top of one another.
 */
function curveBetween(source: SceneNode, target: SceneNode): ScenePoint[] {
    const from = centre(source);
    const to = centre(target);
    return bowedCurve(source, target, Math.min(60, Math.hypot(to.x - from.x, to.y - from.y) * 0.12));
}

/** Near the head, a little to the side of the last segment, so the sign reads as the arrow's. */
function signPosition(points: readonly ScenePoint[]): ScenePoint {
    const end = points[points.length - 1];
    const before = points[points.length - 2];
    const dx = end.x - before.x;
    const dy = end.y - before.y;
    const length = Math.hypot(dx, dy) || 1;
    const back = Math.min(16, length / 2);
    const ux = dx / length;
    const uy = dy / length;
    return { x: round(end.x - ux * back - uy * 9), y: round(end.y - uy * back + ux * 9) };
}
