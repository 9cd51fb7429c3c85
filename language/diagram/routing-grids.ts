import type { SceneBox, ScenePoint } from './diagram-scene.js';
import type { RoutingGraph } from './route-search.js';
import { horizontal, vertical } from './route-search.js';

/** Where a route leaves or enters a box: a grid node just outside one side, and the point on the border. */
export interface BoxSide {
    readonly node: number;
    readonly axis: number;
    readonly border: ScenePoint;
}

/** How near a corner of its box a route may end on a side `length` long: room for the arrowhead, less on a short side. */
export function cornerMargin(length: number): number {
    return Math.min(8, length / 4);
}

/**
 * The grid inside one area's ring: the lines just beside every box (at `clearance`) and through
 * its centre, and the ring itself. Its nodes are the crossings of the lines outside every box,
 * numbered i + j × columns, so the grid needs no adjacency lists: the neighbours of a node are
 * the crossings next to it that are not inside a box. It depends on the ring and the boxes only.
 */
export class AreaGrid implements RoutingGraph {
    private readonly xs: number[];
    private readonly ys: number[];
    private readonly columns: number;
    /** 1 where the crossing lies inside a box. */
    private readonly blocked: Uint8Array;
    /** The nodes on the ring, which routes to other areas leave the area by. */
    readonly ring: number[] = [];

    constructor(ring: SceneBox, boxes: readonly SceneBox[], private readonly clearance: number) {
        const c = clearance;
        const within = (from: number, to: number) => (value: number): boolean => value >= from && value <= to;
        this.xs = uniqueSorted([ring.x, ring.x + ring.width, ...boxes.flatMap(b => [b.x - c, b.x + b.width / 2, b.x + b.width + c])].map(snap))
            .filter(within(ring.x, ring.x + ring.width));
        this.ys = uniqueSorted([ring.y, ring.y + ring.height, ...boxes.flatMap(b => [b.y - c, b.y + b.height / 2, b.y + b.height + c])].map(snap))
            .filter(within(ring.y, ring.y + ring.height));
        const columns = this.xs.length;
        const rows = this.ys.length;
        this.columns = columns;
        this.blocked = new Uint8Array(columns * rows);
        // Crossings inside a box or closer to it than half the clearance: another box's line that fell
        // on a box's border made routes run along it, reading as arrows that touch that box.
        const near = clearance / 2;
        for (const b of boxes) {
            // The box's centre lines are among the blocked ones, so no grid edge jumps over a box.
            const i0 = firstAbove(this.xs, b.x - near);
            const i1 = firstAtOrAbove(this.xs, b.x + b.width + near);
            const j0 = firstAbove(this.ys, b.y - near);
            const j1 = firstAtOrAbove(this.ys, b.y + b.height + near);
            for (let j = j0; j < j1; j++) {
                this.blocked.fill(1, i0 + j * columns, i1 + j * columns);
            }
        }
        for (let j = 0; j < rows; j++) {
            for (let i = 0; i < columns; i++) {
                if ((i === 0 || j === 0 || i === columns - 1 || j === rows - 1) && !this.blocked[i + j * columns]) {
                    this.ring.push(i + j * columns);
                }
            }
        }
    }

    get size(): number {
        return this.blocked.length;
    }

    xOf(node: number): number {
        return this.xs[node % this.columns];
    }

    yOf(node: number): number {
        return this.ys[Math.floor(node / this.columns)];
    }

    neighboursOf(node: number, into: Int32Array): number {
        const columns = this.columns;
        const i = node % columns;
        let count = 0;
        if (i + 1 < columns && !this.blocked[node + 1]) {
            into[count++] = node + 1;
        }
        if (i > 0 && !this.blocked[node - 1]) {
            into[count++] = node - 1;
        }
        if (node + columns < this.blocked.length && !this.blocked[node + columns]) {
            into[count++] = node + columns;
        }
        if (node >= columns && !this.blocked[node - columns]) {
            into[count++] = node - columns;
        }
        return count;
    }

    /** The node just outside each side of a box, where the grid has one. */
    sidesOf(box: SceneBox): BoxSide[] {
        const cx = snap(box.x + box.width / 2);
        const cy = snap(box.y + box.height / 2);
        const c = this.clearance;
        const candidates: Array<[number, number, number, ScenePoint]> = [
            [snap(box.x + box.width + c), cy, horizontal, { x: box.x + box.width, y: cy }],
            [snap(box.x - c), cy, horizontal, { x: box.x, y: cy }],
            [cx, snap(box.y - c), vertical, { x: cx, y: box.y }],
            [cx, snap(box.y + box.height + c), vertical, { x: cx, y: box.y + box.height }]
        ];
        const sides: BoxSide[] = [];
        for (const [x, y, axis, border] of candidates) {
            const i = indexOf(this.xs, x);
            const j = indexOf(this.ys, y);
            const node = i + j * this.columns;
            if (i >= 0 && j >= 0 && !this.blocked[node]) {
                sides.push({ node, axis, border });
            }
        }
        return sides;
    }

    /**
     * A path from a box (its first node one of the box's sides) with its first stretch made
     * straight: from the last node of the path that a straight line across the same side reaches
     * unhindered, it leaves the side there, off its middle. A box close in front of the middle
     * made the route to the middle wrap round that box, a detour that framed it as though the
     * arrow were its own.
     */
    straightenedFrom(box: SceneBox, side: BoxSide, nodes: readonly number[]): { side: BoxSide; nodes: readonly number[] } {
        const columns = this.columns;
        const alongX = side.axis === vertical;
        const [lines, from, length] = alongX ? [this.xs, box.x, box.width] : [this.ys, box.y, box.height];
        const margin = cornerMargin(length);
        const sideLine = alongX ? Math.floor(side.node / columns) : side.node % columns;
        for (let k = nodes.length - 1; k > 0; k--) {
            const node = nodes[k];
            const across = alongX ? node % columns : Math.floor(node / columns);
            const out = alongX ? Math.floor(node / columns) : node % columns;
            const at = lines[across];
            if (at < from + margin || at > from + length - margin || !this.clearBetween(across, sideLine, out, alongX)) {
                continue;
            }
            const start = alongX ? across + sideLine * columns : sideLine + across * columns;
            const border = alongX ? { x: at, y: side.border.y } : { x: side.border.x, y: at };
            return { side: { node: start, axis: side.axis, border }, nodes: start === node ? nodes.slice(k) : [start, ...nodes.slice(k)] };
        }
        return { side, nodes };
    }

    /**
     * A path to a node of the ring with its last stretch made straight: from the first node of the
     * path that reaches the ring's side in a straight line, it goes out to the ring there and
     * along it. A route that came round a box to a ring node beyond it wrapped that box.
     */
    straightenedToRing(nodes: readonly number[]): readonly number[] {
        const columns = this.columns;
        const rows = this.ys.length;
        const ringNode = nodes[nodes.length - 1];
        const ringColumn = ringNode % columns;
        const ringRow = Math.floor(ringNode / columns);
        // From the node after the box's side: the route leaves its box along the side's axis.
        for (let k = 1; k < nodes.length - 2; k++) {
            const column = nodes[k] % columns;
            const row = Math.floor(nodes[k] / columns);
            for (const [onRow, line] of [[true, 0], [true, rows - 1], [false, 0], [false, columns - 1]] as const) {
                if ((onRow ? ringRow : ringColumn) !== line) {
                    continue;
                }
                const reached = onRow ? column + line * columns : line + row * columns;
                if (onRow ? this.clearBetween(column, row, line, true) && this.clearBetween(line, column, ringColumn, false) : this.clearBetween(row, column, line, false) && this.clearBetween(line, row, ringRow, true)) {
                    return [...nodes.slice(0, k + 1), reached, ringNode];
                }
            }
        }
        return nodes;
    }

    /** Whether every crossing from `from` to `to` along one grid line (a column where `column`, else a row) lies outside the boxes. */
    private clearBetween(line: number, from: number, to: number, column: boolean): boolean {
        const step = from < to ? 1 : -1;
        for (let k = from; k !== to + step; k += step) {
            if (this.blocked[column ? line + k * this.columns : k + line * this.columns]) {
                return false;
            }
        }
        return true;
    }

    /** The ring node nearest a point (in Manhattan distance), or -1 when the whole ring is blocked. */
    nearestRingNode(toward: ScenePoint): number {
        let best = -1;
        let bestDistance = Infinity;
        for (const node of this.ring) {
            const distance = Math.abs(this.xOf(node) - toward.x) + Math.abs(this.yOf(node) - toward.y);
            if (distance < bestDistance) {
                best = node;
                bestDistance = distance;
            }
        }
        return best;
    }
}

/**
 * The gaps between areas: the crossings of the lines along every ring's sides that lie outside
 * every ring, joined along each line where no area stands between them. It depends on the rings
 * only, so an edit that keeps every area's place and size keeps it, and the routes through it.
 */
export class GapGraph implements RoutingGraph {
    private readonly x: number[] = [];
    private readonly y: number[] = [];
    /** Nodes on each horizontal line by y, and on each vertical line by x, in order along the line. */
    private readonly rows = new Map<number, number[]>();
    private readonly columns = new Map<number, number[]>();
    private readonly offsets: Int32Array;
    private readonly adjacent: Int32Array;

    constructor(private readonly rings: readonly SceneBox[]) {
        const xs = uniqueSorted(rings.flatMap(r => [r.x, r.x + r.width]));
        const ys = uniqueSorted(rings.flatMap(r => [r.y, r.y + r.height]));
        for (const y of ys) {
            const blocked = rings.filter(r => r.y < y && y < r.y + r.height);
            for (const x of xs) {
                if (!blocked.some(r => r.x < x && x < r.x + r.width)) {
                    const node = this.x.length;
                    this.x.push(x);
                    this.y.push(y);
                    pushTo(this.rows, y, node);
                    pushTo(this.columns, x, node);
                }
            }
        }
        const from: number[] = [];
        const to: number[] = [];
        for (const [lines, axis] of [[this.rows, horizontal], [this.columns, vertical]] as const) {
            for (const [position, line] of lines) {
                for (let k = 0; k + 1 < line.length; k++) {
                    if (this.open(axis, position, this.along(axis, line[k]), this.along(axis, line[k + 1]))) {
                        from.push(line[k]);
                        to.push(line[k + 1]);
                    }
                }
            }
        }
        this.offsets = new Int32Array(this.size + 1);
        for (let e = 0; e < from.length; e++) {
            this.offsets[from[e] + 1]++;
            this.offsets[to[e] + 1]++;
        }
        for (let n = 0; n < this.size; n++) {
            this.offsets[n + 1] += this.offsets[n];
        }
        const filled = this.offsets.slice(0, this.size);
        this.adjacent = new Int32Array(this.offsets[this.size]);
        for (let e = 0; e < from.length; e++) {
            this.adjacent[filled[from[e]]++] = to[e];
            this.adjacent[filled[to[e]]++] = from[e];
        }
    }

    get size(): number {
        return this.x.length;
    }

    xOf(node: number): number {
        return this.x[node];
    }

    yOf(node: number): number {
        return this.y[node];
    }

    neighboursOf(node: number, into: Int32Array): number {
        let count = 0;
        for (let k = this.offsets[node]; k < this.offsets[node + 1]; k++) {
            into[count++] = this.adjacent[k];
        }
        return count;
    }

    /**
     * How a route reaches the gaps from a point on a ring: the nearest nodes on either hand
     * along each ring side the point lies on, at the cost of the way there, or the node at
     * the point itself.
     */
    entriesAt(point: ScenePoint): Array<{ node: number; axis: number; cost: number }> {
        const entries: Array<{ node: number; axis: number; cost: number }> = [];
        for (const [lines, axis, position, along] of [[this.rows, horizontal, point.y, point.x], [this.columns, vertical, point.x, point.y]] as const) {
            const line = lines.get(position);
            if (!line) {
                continue;
            }
            const k = firstAlongAtOrAbove(line, node => this.along(axis, node), along);
            for (const node of [line[k - 1], line[k]]) {
                if (node === undefined) {
                    continue;
                }
                const at = this.along(axis, node);
                if (at === along) {
                    return [{ node, axis: horizontal, cost: 0 }, { node, axis: vertical, cost: 0 }];
                }
                if (this.open(axis, position, Math.min(at, along), Math.max(at, along))) {
                    entries.push({ node, axis, cost: Math.abs(at - along) });
                }
            }
        }
        return entries;
    }

    private along(axis: number, node: number): number {
        return axis === horizontal ? this.x[node] : this.y[node];
    }

    /** Whether the stretch of a line from `from` to `to` stays out of every ring's inside. */
    private open(axis: number, position: number, from: number, to: number): boolean {
        return !this.rings.some(r => axis === horizontal
            ? r.y < position && position < r.y + r.height && r.x < to && from < r.x + r.width
            : r.x < position && position < r.x + r.width && r.y < to && from < r.y + r.height);
    }
}

/** The first of the nodes, in order along a line, at or beyond `value`. */
function firstAlongAtOrAbove(line: readonly number[], along: (node: number) => number, value: number): number {
    let low = 0;
    let high = line.length;
    while (low < high) {
        const mid = (low + high) >> 1;
        if (along(line[mid]) < value) {
            low = mid + 1;
        } else {
            high = mid;
        }
    }
    return low;
}

function pushTo(lines: Map<number, number[]>, position: number, node: number): void {
    const line = lines.get(position);
    if (line) {
        line.push(node);
    } else {
        lines.set(position, [node]);
    }
}

/** Coordinates on a half-pixel grid, so lines from different boxes that nearly meet become one. */
export function snap(value: number): number {
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
