import type { SceneBox, ScenePoint } from './diagram-scene.js';
import { MinHeap } from './min-heap.js';

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
 * Routes relations orthogonally around factor boxes, in the shortest way with few bends, through
 * a grid of lines: inside each area the lines just beside every box and through its centre,
 * between areas the rings around them and the lines that continue their sides across the gaps.
 * A route may cross only the areas of its own two ends, so it runs between categories in the
 * gaps and never passes under a box. The grid of an area has one line per box side, so it stays
 * small, and A* finds each route after visiting little more than the nodes near it.
 * Returns one polyline per request from the source's border to the target's, or undefined
 * where no route exists (a box walled in by others).
 */
export async function routeAroundBoxes(areas: readonly SceneBox[], boxes: readonly RoutedBox[], requests: readonly RouteRequest[], spacing: RouterSpacing, memory = new RouteMemory()): Promise<(ScenePoint[] | undefined)[]> {
    const search = memory.searchFor(areas, boxes, spacing);
    const routes: (ScenePoint[] | undefined)[] = [];
    let sliceStarted = Date.now();
    for (const request of requests) {
        routes.push(memory.route(request, () => search.route(boxes[request.source], boxes[request.target])));
        // Thousands of routes take seconds; the language server answers other requests in between.
        if (Date.now() - sliceStarted > sliceMs) {
            await new Promise<void>(resolve => setTimeout(resolve, 0));
            sliceStarted = Date.now();
        }
    }
    return routes;
}

/**
 * The grid and the routes of the last layout, kept while no box and no area has moved: a route
 * depends on nothing else, so after an edit that only adds or removes relations between
 * categories, only the new ones are routed.
 */
export class RouteMemory {
    private signature = '';
    private search?: RouteSearch;
    private readonly routes = new Map<string, ScenePoint[] | undefined>();

    searchFor(areas: readonly SceneBox[], boxes: readonly RoutedBox[], spacing: RouterSpacing): RouteSearch {
        const signature = JSON.stringify([areas, boxes, spacing]);
        if (!this.search || signature !== this.signature) {
            this.signature = signature;
            this.search = new RouteSearch(new RoutingGrid(areas, boxes, spacing), spacing.bend);
            this.routes.clear();
        }
        return this.search;
    }

    route(request: RouteRequest, find: () => ScenePoint[] | undefined): ScenePoint[] | undefined {
        const key = `${request.source}>${request.target}`;
        if (!this.routes.has(key)) {
            this.routes.set(key, find());
        }
        return this.routes.get(key);
    }
}

const sliceMs = 50;

const horizontal = 0;
const vertical = 1;

/** Where a route leaves or enters a box: a grid node just outside one side, and the point on the border. */
interface BoxSide {
    readonly node: number;
    readonly axis: number;
    readonly border: ScenePoint;
}

interface AreaGrid {
    readonly xs: number[];
    readonly ys: number[];
    /** Node id per (i, j), at i + j * xs.length; -1 inside a box. */
    readonly nodes: Int32Array;
    /** The nodes on the area's ring, which routes to other areas leave it by. */
    readonly ring: number[];
}

/** The routing graph: nodes at line crossings, edges along the lines between neighbouring nodes. */
class RoutingGrid {
    readonly x: number[] = [];
    readonly y: number[] = [];
    /** The area a node lies inside, or -1 for nodes in the gaps and on the rings, which every route may use. */
    readonly owner: number[] = [];
    private readonly shared = new Map<string, number>();
    private readonly edgeFrom: number[] = [];
    private readonly edgeTo: number[] = [];
    readonly areaGrids: AreaGrid[];
    /** Compressed adjacency: the neighbours of node n are neighbours[offsets[n] .. offsets[n + 1]). */
    offsets = new Int32Array(0);
    neighbours = new Int32Array(0);

    constructor(areas: readonly SceneBox[], boxes: readonly RoutedBox[], private readonly spacing: RouterSpacing) {
        const rings = areas.map(area => inflate(area, spacing.ring));
        const boxesOf = areas.map((): SceneBox[] => []);
        for (const { box, area } of boxes) {
            boxesOf[area].push(box);
        }
        this.areaGrids = rings.map((ring, area) => this.addArea(area, ring, boxesOf[area]));
        this.addGaps(rings);
        this.buildAdjacency();
    }

    get size(): number {
        return this.x.length;
    }

    /** The node just outside each side of a box, where the grid has one. */
    sidesOf(routed: RoutedBox): BoxSide[] {
        const { box, area } = routed;
        const grid = this.areaGrids[area];
        const cx = snap(box.x + box.width / 2);
        const cy = snap(box.y + box.height / 2);
        const c = this.spacing.clearance;
        const candidates: Array<[number, number, number, ScenePoint]> = [
            [snap(box.x + box.width + c), cy, horizontal, { x: box.x + box.width, y: cy }],
            [snap(box.x - c), cy, horizontal, { x: box.x, y: cy }],
            [cx, snap(box.y - c), vertical, { x: cx, y: box.y }],
            [cx, snap(box.y + box.height + c), vertical, { x: cx, y: box.y + box.height }]
        ];
        const sides: BoxSide[] = [];
        for (const [x, y, axis, border] of candidates) {
            const i = indexOf(grid.xs, x);
            const j = indexOf(grid.ys, y);
            const node = i < 0 || j < 0 ? -1 : grid.nodes[i + j * grid.xs.length];
            if (node >= 0) {
                sides.push({ node, axis, border });
            }
        }
        return sides;
    }

    private addArea(area: number, ring: SceneBox, boxes: readonly SceneBox[]): AreaGrid {
        const c = this.spacing.clearance;
        const within = (from: number, to: number) => (value: number): boolean => value >= from && value <= to;
        const xs = uniqueSorted([ring.x, ring.x + ring.width, ...boxes.flatMap(b => [b.x - c, b.x + b.width / 2, b.x + b.width + c])].map(snap))
            .filter(within(ring.x, ring.x + ring.width));
        const ys = uniqueSorted([ring.y, ring.y + ring.height, ...boxes.flatMap(b => [b.y - c, b.y + b.height / 2, b.y + b.height + c])].map(snap))
            .filter(within(ring.y, ring.y + ring.height));
        const columns = xs.length;
        const insideBox = new Uint8Array(columns * ys.length);
        for (const b of boxes) {
            // Lines strictly inside the box: the box's centre lines are among them, so no grid edge jumps over a box.
            const i0 = firstAbove(xs, b.x);
            const i1 = firstAtOrAbove(xs, b.x + b.width);
            const j0 = firstAbove(ys, b.y);
            const j1 = firstAtOrAbove(ys, b.y + b.height);
            for (let j = j0; j < j1; j++) {
                insideBox.fill(1, i0 + j * columns, i1 + j * columns);
            }
        }
        const nodes = new Int32Array(columns * ys.length).fill(-1);
        const ringNodes: number[] = [];
        for (let j = 0; j < ys.length; j++) {
            for (let i = 0; i < columns; i++) {
                const at = i + j * columns;
                if (insideBox[at]) {
                    continue;
                }
                if (i === 0 || j === 0 || i === columns - 1 || j === ys.length - 1) {
                    nodes[at] = this.sharedNode(xs[i], ys[j]);
                    ringNodes.push(nodes[at]);
                } else {
                    nodes[at] = this.addNode(xs[i], ys[j], area);
                }
            }
        }
        for (let j = 0; j < ys.length; j++) {
            for (let i = 0; i < columns; i++) {
                const node = nodes[i + j * columns];
                if (node < 0) {
                    continue;
                }
                if (i + 1 < columns && nodes[i + 1 + j * columns] >= 0) {
                    this.addEdge(node, nodes[i + 1 + j * columns]);
                }
                if (j + 1 < ys.length && nodes[i + (j + 1) * columns] >= 0) {
                    this.addEdge(node, nodes[i + (j + 1) * columns]);
                }
            }
        }
        return { xs, ys, nodes, ring: ringNodes };
    }

    /**
     * The gaps between areas: the crossings of the lines along every ring's sides, outside every
     * ring, then along each line every pair of neighbouring gap or ring nodes not separated by an area.
     */
    private addGaps(rings: readonly SceneBox[]): void {
        const xs = uniqueSorted(rings.flatMap(r => [r.x, r.x + r.width]));
        const ys = uniqueSorted(rings.flatMap(r => [r.y, r.y + r.height]));
        for (const y of ys) {
            const blocked = rings.filter(r => r.y < y && y < r.y + r.height);
            for (const x of xs) {
                if (!blocked.some(r => r.x < x && x < r.x + r.width)) {
                    this.sharedNode(x, y);
                }
            }
        }
        const gapNodes = [...this.shared.values()];
        this.linkAlongLines(gapNodes, rings, horizontal);
        this.linkAlongLines(gapNodes, rings, vertical);
    }

    private linkAlongLines(nodes: readonly number[], rings: readonly SceneBox[], axis: number): void {
        const along = axis === horizontal ? this.x : this.y;
        const across = axis === horizontal ? this.y : this.x;
        const lines = new Map<number, number[]>();
        for (const node of nodes) {
            const line = lines.get(across[node]);
            if (line) {
                line.push(node);
            } else {
                lines.set(across[node], [node]);
            }
        }
        for (const [position, line] of lines) {
            line.sort((a, b) => along[a] - along[b]);
            const blocked = rings
                .filter(r => axis === horizontal ? r.y < position && position < r.y + r.height : r.x < position && position < r.x + r.width)
                .map(r => axis === horizontal ? [r.x, r.x + r.width] : [r.y, r.y + r.height]);
            for (let k = 0; k + 1 < line.length; k++) {
                const from = along[line[k]];
                const to = along[line[k + 1]];
                if (!blocked.some(([start, end]) => start < to && from < end)) {
                    this.addEdge(line[k], line[k + 1]);
                }
            }
        }
    }

    private sharedNode(x: number, y: number): number {
        const key = `${x},${y}`;
        let node = this.shared.get(key);
        if (node === undefined) {
            node = this.addNode(x, y, -1);
            this.shared.set(key, node);
        }
        return node;
    }

    private addNode(x: number, y: number, owner: number): number {
        this.x.push(x);
        this.y.push(y);
        this.owner.push(owner);
        return this.x.length - 1;
    }

    private addEdge(a: number, b: number): void {
        if (a !== b) {
            this.edgeFrom.push(a);
            this.edgeTo.push(b);
        }
    }

    private buildAdjacency(): void {
        const offsets = new Int32Array(this.size + 1);
        for (let e = 0; e < this.edgeFrom.length; e++) {
            offsets[this.edgeFrom[e] + 1]++;
            offsets[this.edgeTo[e] + 1]++;
        }
        for (let n = 0; n < this.size; n++) {
            offsets[n + 1] += offsets[n];
        }
        const filled = offsets.slice(0, this.size);
        const neighbours = new Int32Array(offsets[this.size]);
        for (let e = 0; e < this.edgeFrom.length; e++) {
            neighbours[filled[this.edgeFrom[e]]++] = this.edgeTo[e];
            neighbours[filled[this.edgeTo[e]]++] = this.edgeFrom[e];
        }
        this.offsets = offsets;
        this.neighbours = neighbours;
    }
}

/** Where a search may start or end: a node, the axis a route runs along there, and what it costs to use it. */
interface Terminal {
    readonly node: number;
    readonly axis: number;
    readonly cost: number;
}

const estimateWeight = 3;

/** Nodes a search may visit at most, for one route: a walled-in box costs this much and no more. */
const searchBudget = 60_000;

/**
 * Routes in three parts where the ends lie in different areas: from the source to the point of
 * its area's ring nearest the target, along the gaps to the point of the target area's ring
 * nearest that, and on to the target. Each part is a search that heads straight for its goal;
 * a single search from end to end would first flood the source area wherever another area
 * stands in the way. Parts out of and into a box are shared by the relations that use them.
 */
class RouteSearch {
    private readonly cost: Float64Array;
    private readonly parent: Int32Array;
    private readonly stamp: Int32Array;
    private readonly done: Uint8Array;
    private generation = 0;
    private readonly heap = new MinHeap();
    private readonly boxPaths = new Map<string, number[] | undefined>();

    constructor(private readonly grid: RoutingGrid, private readonly bend: number) {
        const states = grid.size * 2;
        this.cost = new Float64Array(states);
        this.parent = new Int32Array(states);
        this.stamp = new Int32Array(states);
        this.done = new Uint8Array(states);
    }

    route(from: RoutedBox, to: RoutedBox): ScenePoint[] | undefined {
        const { grid } = this;
        const starts = grid.sidesOf(from);
        const ends = grid.sidesOf(to);
        if (starts.length === 0 || ends.length === 0) {
            return undefined;
        }
        let nodes: number[] | undefined;
        if (from.area === to.area) {
            nodes = this.search(starts.map(terminal), ends.map(terminal), from.area);
        } else {
            const exit = this.nearestRingNode(from.area, centre(to.box));
            const entry = this.nearestRingNode(to.area, { x: grid.x[exit], y: grid.y[exit] });
            const out = this.boxPath(from, starts, exit);
            const into = this.boxPath(to, ends, entry);
            const between = out && into && this.search([{ node: exit, axis: horizontal, cost: 0 }, { node: exit, axis: vertical, cost: 0 }], [{ node: entry, axis: horizontal, cost: 0 }, { node: entry, axis: vertical, cost: 0 }], -1);
            nodes = out && into && between && [...out, ...between.slice(1), ...[...into].reverse().slice(1)];
        }
        if (!nodes) {
            return undefined;
        }
        const first = starts.find(side => side.node === nodes![0]);
        const last = ends.find(side => side.node === nodes![nodes!.length - 1]);
        return first && last && withoutStraightPoints([first.border, ...nodes.map(node => ({ x: grid.x[node], y: grid.y[node] })), last.border]);
    }

    /** The way from a box to a node of its area's ring, remembered for every relation that takes it. */
    private boxPath(box: RoutedBox, sides: readonly BoxSide[], ringNode: number): number[] | undefined {
        const key = `${sides[0].node}>${ringNode}`;
        if (!this.boxPaths.has(key)) {
            this.boxPaths.set(key, this.search(sides.map(terminal), [{ node: ringNode, axis: horizontal, cost: 0 }, { node: ringNode, axis: vertical, cost: 0 }], box.area));
        }
        return this.boxPaths.get(key);
    }

    private nearestRingNode(area: number, toward: ScenePoint): number {
        const { grid } = this;
        let best = -1;
        let bestDistance = Infinity;
        for (const node of grid.areaGrids[area].ring) {
            const distance = Math.abs(grid.x[node] - toward.x) + Math.abs(grid.y[node] - toward.y);
            if (distance < bestDistance) {
                best = node;
                bestDistance = distance;
            }
        }
        return best;
    }

    /**
     * Weighted A* over (node, axis of arrival) states, so that a bend costs what it should,
     * through the gaps and the inside of `area` only (-1: the gaps only). The nodes of the
     * cheapest route found, or undefined.
     */
    private search(starts: readonly Terminal[], goals: readonly Terminal[], area: number): number[] | undefined {
        const { grid } = this;
        this.generation++;
        this.heap.clear();
        const goalAt = new Map<number, Terminal[]>();
        for (const goal of goals) {
            goalAt.set(goal.node, [...goalAt.get(goal.node) ?? [], goal]);
        }
        // The length still to go, plus a bend where the goal is neither level with nor in line with the node: never more than the rest costs.
        const estimate = (node: number): number => {
            let best = Infinity;
            for (const goal of goals) {
                const dx = Math.abs(grid.x[node] - grid.x[goal.node]);
                const dy = Math.abs(grid.y[node] - grid.y[goal.node]);
                best = Math.min(best, dx + dy + (dx > 0 && dy > 0 ? this.bend : 0));
            }
            return best;
        };
        for (const start of starts) {
            this.relax(start.node * 2 + start.axis, start.cost, -1, estimate(start.node));
        }
        let best: { state: number; cost: number } | undefined;
        let visited = 0;
        while (this.heap.size > 0 && visited < searchBudget) {
            const priority = this.heap.peekKey();
            if (best && priority >= best.cost) {
                break;
            }
            const state = this.heap.pop();
            if (this.done[state]) {
                continue;
            }
            this.done[state] = 1;
            visited++;
            const node = state >> 1;
            const axis = state & 1;
            const g = this.cost[state];
            for (const goal of goalAt.get(node) ?? []) {
                const total = g + goal.cost + (axis === goal.axis ? 0 : this.bend);
                if (!best || total < best.cost) {
                    best = { state, cost: total };
                }
            }
            for (let k = grid.offsets[node]; k < grid.offsets[node + 1]; k++) {
                const next = grid.neighbours[k];
                const owner = grid.owner[next];
                if (owner >= 0 && owner !== area) {
                    continue;
                }
                const dx = grid.x[next] - grid.x[node];
                const dy = grid.y[next] - grid.y[node];
                const nextAxis = dy === 0 ? horizontal : vertical;
                const step = Math.abs(dx) + Math.abs(dy) + (nextAxis === axis ? 0 : this.bend);
                this.relax(next * 2 + nextAxis, g + step, state, estimate(next));
            }
        }
        if (!best) {
            return undefined;
        }
        const nodes: number[] = [];
        for (let state = best.state; state >= 0; state = this.parent[state]) {
            nodes.push(state >> 1);
        }
        return nodes.reverse();
    }

    private relax(state: number, cost: number, parent: number, estimate: number): void {
        if (this.stamp[state] === this.generation && this.cost[state] <= cost) {
            return;
        }
        this.stamp[state] = this.generation;
        this.done[state] = 0;
        this.cost[state] = cost;
        this.parent[state] = parent;
        // The estimate weighs three times what it is: the search then heads for the goal and visits
        // far fewer nodes, for routes a little longer than the shortest where boxes stand in the way (weighted A*).
        this.heap.push(cost + estimate * estimateWeight, state);
    }
}

function terminal(side: BoxSide): Terminal {
    return { node: side.node, axis: side.axis, cost: 0 };
}

function centre(box: SceneBox): ScenePoint {
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drops the points in the middle of a straight run. */
function withoutStraightPoints(points: readonly ScenePoint[]): ScenePoint[] {
    const kept: ScenePoint[] = [points[0]];
    for (let k = 1; k < points.length - 1; k++) {
        const before = kept[kept.length - 1];
        const after = points[k + 1];
        const point = points[k];
        const straight = (before.x === point.x && point.x === after.x) || (before.y === point.y && point.y === after.y);
        if (!straight) {
            kept.push(point);
        }
    }
    kept.push(points[points.length - 1]);
    return kept;
}

function inflate(box: SceneBox, by: number): SceneBox {
    return { x: snap(box.x - by), y: snap(box.y - by), width: snap(box.width + 2 * by), height: snap(box.height + 2 * by) };
}

/** Coordinates on a half-pixel grid, so lines from different boxes that nearly meet become one. */
function snap(value: number): number {
    return Math.round(value * 2) / 2;
}

function uniqueSorted(values: number[]): number[] {
    values.sort((a, b) => a - b);
    return values.filter((value, k) => k === 0 || value !== values[k - 1]);
}

/** The index of `value` in a sorted array, or -1. */
function indexOf(sorted: readonly number[], value: number): number {
    const k = firstAtOrAbove(sorted, value);
    return sorted[k] === value ? k : -1;
}

function firstAtOrAbove(sorted: readonly number[], value: number): number {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
        const mid = (low + high) >> 1;
        if (sorted[mid] < value) {
            low = mid + 1;
        } else {
            high = mid;
        }
    }
    return low;
}

function firstAbove(sorted: readonly number[], value: number): number {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
        const mid = (low + high) >> 1;
        if (sorted[mid] <= value) {
            low = mid + 1;
        } else {
            high = mid;
        }
    }
    return low;
}
