import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { ModelGraph, RelationEdge } from '../analysis/model-graph.js';
import { isDelayedRelation } from '../analysis/relation-scales.js';
import type { DiagramScene, SceneBox, SceneCategory, SceneEdge, SceneNode, ScenePoint } from './diagram-scene.js';
import type { NodeText } from './elk-graph.js';
import { elkCategoryId, elkNodeId, measureNode, toElkGraph } from './elk-graph.js';
import type { RoutedBox, RouteRequest } from './orthogonal-router.js';
import { RouteMemory, routeAroundBoxes } from './orthogonal-router.js';
import type { ElkLayouter } from './part-packing.js';
import type { PackingMemory } from './part-packing.js';
import { defaultAspectRatio, layoutInParts, partGap } from './part-packing.js';

export type { ElkLayouter } from './part-packing.js';

export interface DiagramLayoutOptions {
    /** Width / height of where the picture is shown (the preview's panel, an export): the categories are packed to it. */
    readonly aspectRatio?: number;
    /** The routes of the previous layout, reused where no box has moved (the preview keeps one across edits). */
    readonly routes?: RouteMemory;
    /** The packings of earlier layouts: categories whose size did not change keep their places (the preview keeps one across edits). */
    readonly packing?: PackingMemory;
}

/** How relations between categories keep clear of boxes; the bend cost keeps them straight where it can. */
const routerSpacing = { clearance: 6, ring: partGap / 2, bend: 40 } as const;

/**
 * Lays out a model graph and returns the scene in absolute coordinates: each category by ELK
 * (which routes the relations inside it), the categories packed to the aspect ratio, then every
 * relation between categories routed around the boxes through the gaps (orthogonal-router.ts).
 */
export async function layoutDiagram(graph: ModelGraph, elk: ElkLayouter, options: DiagramLayoutOptions = {}): Promise<DiagramScene> {
    const texts = new Map<string, NodeText>(graph.factors.map(factor => [factor.id, measureNode(factor)]));
    const { root, edgeOfRelation } = toElkGraph(graph, texts);
    const laidOut = await layoutInParts(root, elk, validAspectRatio(options.aspectRatio), options.packing);
    const boxes = absoluteBoxes(laidOut);
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
                key: factor.key, direction: factor.direction, category: factor.category, description: factor.description, location: factor.location
            });
        }
    }
    const nodeById = new Map(nodes.map(node => [node.id, node]));
    const routes = edgeRoutes(laidOut, boxes);
    const between = await routesBetweenCategories(graph, laidOut, boxes, relation => !routes.has(edgeOfRelation.get(relation.index) ?? ''), options.routes ?? new RouteMemory());
    const edges: SceneEdge[] = [];
    for (const relation of graph.relations) {
        const source = nodeById.get(relation.source);
        const target = nodeById.get(relation.target);
        if (!source || !target) {
            continue;
        }
        const routed = routes.get(edgeOfRelation.get(relation.index) ?? '');
        const around = between.get(relation.index);
        if (relation.source === relation.target) {
            edges.push(sceneEdge(relation, selfLoop(source), false));
        } else if (routed && routed.length >= 2) {
            edges.push(sceneEdge(relation, routed, false));
        } else if (around) {
            edges.push({ ...sceneEdge(relation, around, false), betweenCategories: true });
        } else {
            edges.push(sceneEdge(relation, curveBetween(source, target), true));
        }
    }
    return { width: Math.ceil(laidOut.width ?? 0), height: Math.ceil(laidOut.height ?? 0), title: graph.data.title, categories, nodes, edges };
}

function validAspectRatio(ratio: number | undefined): number {
    return ratio !== undefined && Number.isFinite(ratio) && ratio > 0.05 && ratio < 20 ? ratio : defaultAspectRatio;
}

/**
 * Routes of the relations ELK did not route (`needsRoute`), which join boxes in different
 * categories, around every factor box. The areas are the packed top-level parts.
 */
async function routesBetweenCategories(graph: ModelGraph, laidOut: ElkNode, boxes: ReadonlyMap<string, SceneBox>, needsRoute: (relation: RelationEdge) => boolean, memory: RouteMemory): Promise<Map<number, ScenePoint[]>> {
    const wanted = graph.relations.filter(relation => relation.source !== relation.target && needsRoute(relation));
    const routes = new Map<number, ScenePoint[]>();
    if (wanted.length === 0) {
        return routes;
    }
    const areas: SceneBox[] = [];
    const routed: RoutedBox[] = [];
    const boxIndex = new Map<string, number>();
    const addFactors = (node: ElkNode, area: number): void => {
        if (node.id.startsWith(elkNodeId(''))) {
            boxIndex.set(node.id, routed.length);
            routed.push({ box: boxes.get(node.id)!, area });
        }
        node.children?.forEach(child => addFactors(child, area));
    };
    for (const part of laidOut.children ?? []) {
        areas.push(boxes.get(part.id)!);
        addFactors(part, areas.length - 1);
    }
    const requests: RouteRequest[] = [];
    const requested: RelationEdge[] = [];
    for (const relation of wanted) {
        const source = boxIndex.get(elkNodeId(relation.source));
        const target = boxIndex.get(elkNodeId(relation.target));
        if (source !== undefined && target !== undefined) {
            requests.push({ source, target });
            requested.push(relation);
        }
    }
    (await routeAroundBoxes(areas, routed, requests, routerSpacing, memory)).forEach((points, k) => {
        if (points) {
            routes.set(requested[k].index, points);
        }
    });
    return routes;
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

function absoluteBoxes(root: ElkNode): Map<string, SceneBox> {
    const boxes = new Map<string, SceneBox>();
    const visit = (node: ElkNode, offsetX: number, offsetY: number): void => {
        for (const child of node.children ?? []) {
            const x = offsetX + (child.x ?? 0);
            const y = offsetY + (child.y ?? 0);
            boxes.set(child.id, { x, y, width: child.width ?? 0, height: child.height ?? 0 });
            visit(child, x, y);
        }
    };
    boxes.set(root.id, { x: 0, y: 0, width: root.width ?? 0, height: root.height ?? 0 });
    visit(root, 0, 0);
    return boxes;
}

/** Edge routes in absolute coordinates; ELK gives them relative to each edge's container. */
function edgeRoutes(root: ElkNode, boxes: ReadonlyMap<string, SceneBox>): Map<string, ScenePoint[]> {
    const routes = new Map<string, ScenePoint[]>();
    const visit = (node: ElkNode): void => {
        for (const edge of node.edges ?? []) {
            const container = boxes.get(edge.container ?? node.id) ?? { x: 0, y: 0 };
            const section = edge.sections?.[0];
            if (section) {
                const points = [section.startPoint, ...section.bendPoints ?? [], section.endPoint]
                    .map(p => ({ x: round(container.x + p.x), y: round(container.y + p.y) }));
                routes.set(edge.id, points);
            }
        }
        for (const child of node.children ?? []) {
            visit(child);
        }
    };
    visit(root);
    return routes;
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
    const dx = to.x - from.x;
    const dy = to.y - from.y;
    const length = Math.hypot(dx, dy) || 1;
    const bow = Math.min(60, length * 0.12);
    const control = { x: round((from.x + to.x) / 2 - (dy / length) * bow), y: round((from.y + to.y) / 2 + (dx / length) * bow) };
    return [borderPoint(source, control), control, borderPoint(target, control)];
}

function centre(box: SceneNode): ScenePoint {
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Where the line from a box's centre towards `toward` leaves the box. */
function borderPoint(box: SceneNode, toward: ScenePoint): ScenePoint {
    const c = centre(box);
    const dx = toward.x - c.x;
    const dy = toward.y - c.y;
    const scale = Math.min(dx === 0 ? Infinity : (box.width / 2) / Math.abs(dx), dy === 0 ? Infinity : (box.height / 2) / Math.abs(dy));
    return Number.isFinite(scale) ? { x: round(c.x + dx * scale), y: round(c.y + dy * scale) } : c;
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

function round(value: number): number {
    return Math.round(value * 10) / 10;
}
