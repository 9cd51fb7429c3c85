import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { CategoryLayoutMemory } from './category-memory.js';
import { BoxIndex } from './drawing-quality.js';
import type { SceneBox, ScenePoint } from './diagram-scene.js';
import { elkNodeId } from './elk-graph.js';
import type { RoutedBox, RouteRequest } from './orthogonal-router.js';
import { RouteMemory, routeAroundBoxes } from './orthogonal-router.js';
import type { ElkLayouter, KeptPacking } from './part-packing.js';
import { keptPackingOf, layoutInParts, PackingMemory, partGap } from './part-packing.js';
import { setRoutesApart } from './route-separation.js';
import { withoutTurnBacks } from './route-turn-backs.js';

/**
 * Everything the placement of a diagram needs, as plain data, so that it can be done in the
 * language server's layout worker: the ELK graph of the model (elk-graph.ts) and the relations
 * to draw, by the ELK ids of their ends and the ELK edge that carries them, if any.
 */
export interface PlacementRequest {
    readonly root: ElkNode;
    readonly relations: readonly PlacedRelation[];
    /** Width / height of where the picture is shown: the categories are packed to it. */
    readonly aspectRatio: number;
    /** Which picture of the model this is (its view; empty for the whole model): what a placer remembers of one is not bent to another. */
    readonly picture?: string;
    /** The picture's packing before a window reload (KeptPacking): kept to unless the placer remembers a newer one. */
    readonly recalled?: KeptPacking;
}

export interface PlacedRelation {
    readonly source: string;
    readonly target: string;
    /** The ELK edge that routes it inside its category; none for a relation between categories. */
    readonly edge?: string;
}

/** Where everything went: boxes in absolute coordinates by ELK id, and a route per relation of the request. */
export interface Placement {
    readonly width: number;
    readonly height: number;
    readonly boxes: ReadonlyMap<string, SceneBox>;
    /** ELK's route, the router's route around the boxes, or undefined (drawn as a curve). */
    readonly routes: readonly (ScenePoint[] | undefined)[];
    /** Whether each route is the router's, between categories. */
    readonly aroundBoxes: readonly boolean[];
    /** How the parts were packed, for the preview to keep across a window reload. */
    readonly packing: KeptPacking;
}

/** Anything that places diagrams: in this process (LocalPlacer), or in the language server's layout worker. */
export interface DiagramPlacer {
    place(request: PlacementRequest): Promise<Placement>;
}

/** What a placer keeps across layouts, so that an edit moves and re-routes as little as it can. */
export interface PlacementMemory {
    /** The routes of the previous layout, reused where their areas stayed as they were. */
    readonly routes?: RouteMemory;
    /** The packings of earlier layouts: categories whose size did not change keep their places. */
    readonly packing?: PackingMemory;
    /** The layouts of categories in earlier pictures: a category laid out again keeps what it can of its last one. */
    readonly categories?: CategoryLayoutMemory;
}

/** Everything a preview remembers across its layouts, empty: what the layout worker keeps. */
export function previewMemory(): Required<PlacementMemory> {
    return { routes: new RouteMemory(), packing: new PackingMemory(), categories: new CategoryLayoutMemory() };
}

/** Places diagrams in this process, with ELK as given. */
export class LocalPlacer implements DiagramPlacer {
    constructor(private readonly elk: ElkLayouter, private readonly memory: PlacementMemory = {}) {}

    place(request: PlacementRequest): Promise<Placement> {
        return placeDiagram(request, this.elk, this.memory);
    }
}

/** How relations between categories (and a category view's stubs) keep clear of boxes; the bend cost keeps them straight where it can. */
export const routerSpacing = { clearance: 6, ring: partGap / 2, bend: 40 } as const;

/**
 * Lays out each category by ELK (which routes the relations inside it), packs the categories
 * to the aspect ratio, then routes every other relation around the boxes through the gaps
 * (orthogonal-router.ts), sets apart the ends that meet at a box (route-ends.ts) and the lines
 * that run along each other (route-separation.ts).
 */
export async function placeDiagram(request: PlacementRequest, elk: ElkLayouter, memory: PlacementMemory = {}): Promise<Placement> {
    const laidOut = await layoutInParts(request.root, elk, { aspectRatio: request.aspectRatio, packing: memory.packing, categories: memory.categories, picture: request.picture, recalled: request.recalled });
    const boxes = absoluteBoxes(laidOut);
    const elkRoutes = edgeRoutes(laidOut, boxes);
    const routes = request.relations.map(relation => relation.edge === undefined ? undefined : elkRoutes.get(relation.edge));
    const around = routesBetweenCategories(laidOut, boxes, request.relations, routes, memory.routes ?? new RouteMemory());
    const factorBoxes = [...boxes].filter(([id]) => id.startsWith(elkNodeId(''))).map(([, box]) => box);
    const ended = request.relations.map((relation, k) => {
        const points = routes[k] ?? around.get(k);
        const source = boxes.get(relation.source);
        const target = boxes.get(relation.target);
        return points && source && target ? { points, source, target, movable: !routes[k] } : undefined;
    });
    return {
        width: Math.ceil(laidOut.width ?? 0),
        height: Math.ceil(laidOut.height ?? 0),
        boxes,
        routes: setRoutesApart(ended, factorBoxes, {
            picture: boxes.get(laidOut.id)!,
            areas: (laidOut.children ?? []).map(part => boxes.get(part.id)!)
        }),
        aroundBoxes: routes.map((route, k) => !route && around.has(k)),
        packing: keptPackingOf(laidOut)
    };
}

/**
 * Routes of the relations ELK did not route, which join boxes in different categories, around
 * every factor box, by the relation's index in the request. The areas are the packed top-level parts.
 */
function routesBetweenCategories(laidOut: ElkNode, boxes: ReadonlyMap<string, SceneBox>, relations: readonly PlacedRelation[], elkRoutes: readonly (ScenePoint[] | undefined)[], memory: RouteMemory): Map<number, ScenePoint[]> {
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
    const requested: number[] = [];
    relations.forEach((relation, k) => {
        const source = boxIndex.get(relation.source);
        const target = boxIndex.get(relation.target);
        if (!elkRoutes[k] && source !== undefined && target !== undefined) {
            requests.push({ source, target });
            requested.push(k);
        }
    });
    const routes = new Map<number, ScenePoint[]>();
    if (requests.length > 0) {
        const index = new BoxIndex(routed.map(({ box }) => box));
        routeAroundBoxes(areas, routed, requests, routerSpacing, memory).forEach((points, k) => {
            if (points) {
                routes.set(requested[k], withoutTurnBacks(points, index, routerSpacing.clearance));
            }
        });
    }
    return routes;
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

function round(value: number): number {
    return Math.round(value * 10) / 10;
}
