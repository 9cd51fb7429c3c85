import { centre } from './box-geometry.js';
import type { SceneBox, ScenePoint } from './diagram-scene.js';
import type { Terminal } from './route-search.js';
import { horizontal, RouteSearch, vertical } from './route-search.js';
import type { BoxSide } from './routing-grids.js';
import { AreaGrid, GapGraph, snap } from './routing-grids.js';

/** A factor box to route around, and the area (top-level category) it lies in. */
export interface RoutedBox {
    readonly box: SceneBox;
    readonly area: number;
}

/** A relation to route, between two boxes given by their index. */
export interface RouteRequest {
    readonly source: number;
    readonly target: number;
}

export interface RouterSpacing {
    /** How far a route keeps from a box it passes. */
    readonly clearance: number;
    /** How far outside an area its ring runs: half the gap between areas, so routes between areas run in the middle of the gap. */
    readonly ring: number;
    /** The cost of a bend, in pixels of length: fewer bends read better than a slightly shorter route. */
    readonly bend: number;
}

/**
 * Routes relations orthogonally around factor boxes, in the shortest way with few bends: inside
 * each area through the grid of lines just beside every box and through its centre
 * (routing-grids.ts), between areas through the gaps, along the lines that continue the rings'
 * sides. A route crosses only the areas of its own two ends, so it runs between categories in
 * the gaps and never passes under a box. It goes in three parts where its ends lie in different
 * areas: from the source to the point of its area's ring nearest the target, along the gaps to
 * the point of the target area's ring nearest that, and on to the target; each part depends on
 * one area or on the rings only, and is kept in `memory` for as long as that stays as it was.
 * A route leaves and enters a box at the middle of a side, or off it where it then goes straight
 * (a box close in front of the middle made it wrap round that box), and goes out to the ring in
 * a straight line from as near its box as it can.
 * Returns one polyline per request from the source's border to the target's, or undefined
 * where no route exists (a box walled in by others).
 */
export function routeAroundBoxes(areas: readonly SceneBox[], boxes: readonly RoutedBox[], requests: readonly RouteRequest[], spacing: RouterSpacing, memory = new RouteMemory()): (ScenePoint[] | undefined)[] {
    const routing = memory.routingFor(areas, boxes, spacing);
    return requests.map(request => routing.route(request.source, request.target));
}

/**
 * What the router worked out for the last layout, kept across edits: each area's grid with the
 * ways out of its boxes and the routes from its boxes, for as long as the area's ring and boxes
 * stay as they were, and the gaps with the routes through them, for as long as every ring does.
 * After an edit inside one category that keeps its area's place and size, only the relations
 * to and from that category are routed again.
 */
export class RouteMemory {
    private areas = new Map<string, AreaRouter>();
    private gaps?: GapRouter;
    private search?: RouteSearch;
    private last?: LayoutRouting;

    /** How many routes the last layout worked out again (from the kept ways out of boxes and through the gaps where it could); it kept the others whole. */
    get routedInLastLayout(): number {
        return this.last?.searched ?? 0;
    }

    /** The routing of one layout: the areas' and gaps' routers, kept ones where nothing changed. */
    routingFor(areas: readonly SceneBox[], boxes: readonly RoutedBox[], spacing: RouterSpacing): LayoutRouting {
        if (!this.search || this.search.bendCost !== spacing.bend) {
            this.search = new RouteSearch(spacing.bend);
            this.areas.clear();
            this.gaps = undefined;
        }
        const rings = areas.map(area => inflate(area, spacing.ring));
        const gapSignature = JSON.stringify(rings);
        if (this.gaps?.signature !== gapSignature) {
            this.gaps = new GapRouter(gapSignature, new GapGraph(rings));
        }
        const boxesOf = areas.map((): SceneBox[] => []);
        const localIndex: number[] = [];
        for (const { box, area } of boxes) {
            localIndex.push(boxesOf[area].length);
            boxesOf[area].push(box);
        }
        const previous = this.areas;
        this.areas = new Map();
        const routers = rings.map((ring, area) => {
            const signature = JSON.stringify([ring, boxesOf[area], spacing.clearance]);
            const router = this.areas.get(signature) ?? previous.get(signature) ?? new AreaRouter(new AreaGrid(ring, boxesOf[area], spacing.clearance), boxesOf[area]);
            this.areas.set(signature, router);
            return router;
        });
        const live = new Set(this.areas.values());
        for (const router of live) {
            router.forgetRoutesExcept(live, this.gaps);
        }
        this.last = new LayoutRouting(boxes.map(({ area }, k) => ({ router: routers[area], local: localIndex[k] })), this.gaps, this.search);
        return this.last;
    }
}

/** A path of grid nodes from a box, and the side of the box it leaves from. */
interface PathFromBox {
    readonly side: BoxSide;
    readonly nodes: readonly number[];
}

/** A box as the routers know it: the router of its area and its index among that area's boxes. */
interface LocatedBox {
    readonly router: AreaRouter;
    readonly local: number;
}

class LayoutRouting {
    searched = 0;

    constructor(
        private readonly located: readonly LocatedBox[],
        private readonly gaps: GapRouter,
        private readonly search: RouteSearch
    ) {}

    route(source: number, target: number): ScenePoint[] | undefined {
        const from = this.located[source];
        const to = this.located[target];
        return from.router.routeTo(from.local, to.router, to.local, this.gaps, () => this.find(from, to));
    }

    private find(from: LocatedBox, to: LocatedBox): ScenePoint[] | undefined {
        const { search } = this;
        this.searched++;
        const a = from.router;
        const b = to.router;
        const starts = a.sidesOf(from.local);
        const ends = b.sidesOf(to.local);
        if (starts.length === 0 || ends.length === 0) {
            return undefined;
        }
        if (a === b) {
            const nodes = search.search(a.grid, starts.map(terminal), ends.map(terminal));
            const first = nodes && starts.find(side => side.node === nodes[0]);
            const last = nodes && ends.find(side => side.node === nodes[nodes.length - 1]);
            if (!nodes || !first || !last) {
                return undefined;
            }
            const out = a.straightenedFrom(from.local, first, nodes);
            const into = a.straightenedFrom(to.local, last, [...out.nodes].reverse());
            return withoutStraightPoints([out.side.border, ...[...into.nodes].reverse().map(node => a.pointOf(node)), into.side.border]);
        }
        const exit = a.grid.nearestRingNode(centre(b.boxes[to.local]));
        const entry = b.grid.nearestRingNode(a.pointOf(exit));
        const out = a.pathToRing(from.local, exit, search);
        const into = b.pathToRing(to.local, entry, search);
        const between = out && into && this.gaps.between(a.pointOf(exit), b.pointOf(entry), search);
        if (!out || !into || !between) {
            return undefined;
        }
        return withoutStraightPoints([
            out.side.border, ...out.nodes.map(node => a.pointOf(node)), ...between, ...[...into.nodes].reverse().map(node => b.pointOf(node)), into.side.border
        ]);
    }
}

/** One area's grid, and what has been routed in it: it depends on the area's ring and boxes only. */
class AreaRouter {
    private readonly sides: Array<BoxSide[] | undefined> = [];
    private readonly ringPaths = new Map<string, PathFromBox | undefined>();
    /** Routes from this area's boxes, by the router of the target's area, with the gaps they were routed through. */
    private routes = new Map<AreaRouter, { gaps: GapRouter; byBoxes: Map<string, ScenePoint[] | undefined> }>();

    constructor(readonly grid: AreaGrid, readonly boxes: readonly SceneBox[]) {}

    pointOf(node: number): ScenePoint {
        return { x: this.grid.xOf(node), y: this.grid.yOf(node) };
    }

    sidesOf(local: number): BoxSide[] {
        return this.sides[local] ??= this.grid.sidesOf(this.boxes[local]);
    }

    routeTo(local: number, target: AreaRouter, targetLocal: number, gaps: GapRouter, find: () => ScenePoint[] | undefined): ScenePoint[] | undefined {
        let toArea = this.routes.get(target);
        if (!toArea || (target !== this && toArea.gaps !== gaps)) {
            toArea = { gaps, byBoxes: new Map() };
            this.routes.set(target, toArea);
        }
        const key = `${local}>${targetLocal}`;
        if (!toArea.byBoxes.has(key)) {
            toArea.byBoxes.set(key, find());
        }
        return toArea.byBoxes.get(key);
    }

    /** The way from a box to a node of the ring, shared by every relation that takes it, and the side of the box it leaves. */
    pathToRing(local: number, ringNode: number, search: RouteSearch): PathFromBox | undefined {
        const key = `${local}>${ringNode}`;
        if (!this.ringPaths.has(key)) {
            const sides = this.sidesOf(local);
            const nodes = search.search(this.grid, sides.map(terminal), [{ node: ringNode, axis: horizontal, cost: 0 }, { node: ringNode, axis: vertical, cost: 0 }]);
            const side = nodes && sides.find(candidate => candidate.node === nodes[0]);
            this.ringPaths.set(key, nodes && side && this.straightenedFrom(local, side, this.grid.straightenedToRing(nodes)));
        }
        return this.ringPaths.get(key);
    }

    /** A path from one of this area's boxes, leaving its side in a straight line where it can (routing-grids.ts). */
    straightenedFrom(local: number, side: BoxSide, nodes: readonly number[]): PathFromBox {
        return this.grid.straightenedFrom(this.boxes[local], side, nodes);
    }

    /** Drops the routes to areas no longer laid out as they were, and the routes through gaps that changed. */
    forgetRoutesExcept(live: ReadonlySet<AreaRouter>, gaps: GapRouter): void {
        this.routes = new Map([...this.routes].filter(([target, { gaps: routedThrough }]) => live.has(target) && (target === this || routedThrough === gaps)));
    }
}

/** The gaps between the areas, and the ways through them found so far: they depend on the rings only. */
class GapRouter {
    private readonly paths = new Map<string, ScenePoint[] | undefined>();

    constructor(readonly signature: string, private readonly graph: GapGraph) {}

    /** The way from a point on one ring to a point on another, both included. */
    between(from: ScenePoint, to: ScenePoint, search: RouteSearch): ScenePoint[] | undefined {
        if (from.x === to.x && from.y === to.y) {
            return [from];
        }
        const key = `${from.x},${from.y}>${to.x},${to.y}`;
        if (!this.paths.has(key)) {
            const nodes = search.search(this.graph, this.graph.entriesAt(from), this.graph.entriesAt(to));
            this.paths.set(key, nodes && [from, ...nodes.map(node => ({ x: this.graph.xOf(node), y: this.graph.yOf(node) })), to]);
        }
        return this.paths.get(key);
    }
}

function terminal(side: BoxSide): Terminal {
    return { node: side.node, axis: side.axis, cost: 0 };
}

/** Drops repeated points and the points in the middle of a straight run (or of a run that turns straight back). */
export function withoutStraightPoints(points: readonly ScenePoint[]): ScenePoint[] {
    const distinct = points.filter((point, k) => k === 0 || point.x !== points[k - 1].x || point.y !== points[k - 1].y);
    const kept: ScenePoint[] = [distinct[0]];
    for (let k = 1; k < distinct.length - 1; k++) {
        const before = kept[kept.length - 1];
        const after = distinct[k + 1];
        const point = distinct[k];
        const straight = (before.x === point.x && point.x === after.x) || (before.y === point.y && point.y === after.y);
        if (!straight) {
            kept.push(point);
        }
    }
    kept.push(distinct[distinct.length - 1]);
    return kept;
}

function inflate(box: SceneBox, by: number): SceneBox {
    return { x: snap(box.x - by), y: snap(box.y - by), width: snap(box.width + 2 * by), height: snap(box.height + 2 * by) };
}
