import { MinHeap } from './min-heap.js';

export const horizontal = 0;
export const vertical = 1;

/** A graph of points joined by horizontal and vertical segments, as the router searches it. */
export interface RoutingGraph {
    readonly size: number;
    xOf(node: number): number;
    yOf(node: number): number;
    /** Writes the neighbours of `node` into `into` and returns how many there are. */
    neighboursOf(node: number, into: Int32Array): number;
}

/** Where a search may start or end: a node, the axis a route runs along there, and what it costs to use it. */
export interface Terminal {
    readonly node: number;
    readonly axis: number;
    readonly cost: number;
}

/** The estimate weighs this many times the length still to go (weighted A*). */
const estimateWeight = 3;

/** Nodes a search may visit at most, for one route: a walled-in box costs this much and no more. */
const searchBudget = 60_000;

/** The most neighbours a node of a routing graph has: one in each direction. */
const maxNeighbours = 4;

/**
 * Weighted A* over (node, axis of arrival) states, so that a bend costs what it should. One
 * instance serves every graph of a layout in turn: its working arrays grow to the largest.
 */
export class RouteSearch {
    private cost = new Float64Array(0);
    private parent = new Int32Array(0);
    private stamp = new Int32Array(0);
    private done = new Uint8Array(0);
    private generation = 0;
    private readonly heap = new MinHeap();
    private readonly neighbours = new Int32Array(maxNeighbours);

    constructor(private readonly bend: number) {}

    get bendCost(): number {
        return this.bend;
    }

    /** The nodes of the cheapest route found from one of `starts` to one of `goals`, or undefined. */
    search(graph: RoutingGraph, starts: readonly Terminal[], goals: readonly Terminal[]): number[] | undefined {
        this.reserve(graph.size * 2);
        this.generation++;
        this.heap.clear();
        const goalNodes = goals.map(goal => goal.node);
        const goalX = goals.map(goal => graph.xOf(goal.node));
        const goalY = goals.map(goal => graph.yOf(goal.node));
        const bend = this.bend;
        // The length still to go, plus a bend where the goal is neither level with nor in line with the node: never more than the rest costs.
        const estimate = (x: number, y: number): number => {
            let best = Infinity;
            for (let k = 0; k < goalX.length; k++) {
                const dx = Math.abs(x - goalX[k]);
                const dy = Math.abs(y - goalY[k]);
                const rest = dx + dy + (dx > 0 && dy > 0 ? bend : 0);
                if (rest < best) {
                    best = rest;
                }
            }
            return best;
        };
        for (const start of starts) {
            this.relax(start.node * 2 + start.axis, start.cost, -1, estimate(graph.xOf(start.node), graph.yOf(start.node)));
        }
        let best: { state: number; cost: number } | undefined;
        let visited = 0;
        const neighbours = this.neighbours;
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
            for (let k = 0; k < goalNodes.length; k++) {
                if (goalNodes[k] === node) {
                    const total = g + goals[k].cost + (axis === goals[k].axis ? 0 : bend);
                    if (!best || total < best.cost) {
                        best = { state, cost: total };
                    }
                }
            }
            const x = graph.xOf(node);
            const y = graph.yOf(node);
            const count = graph.neighboursOf(node, neighbours);
            for (let k = 0; k < count; k++) {
                const next = neighbours[k];
                const nextX = graph.xOf(next);
                const nextY = graph.yOf(next);
                const nextAxis = nextY === y ? horizontal : vertical;
                const step = Math.abs(nextX - x) + Math.abs(nextY - y) + (nextAxis === axis ? 0 : bend);
                const nextState = next * 2 + nextAxis;
                // Only a cheaper way to a state is worth its estimate and a place in the heap.
                if (this.stamp[nextState] !== this.generation || g + step < this.cost[nextState]) {
                    this.relax(nextState, g + step, state, estimate(nextX, nextY));
                }
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
        // far fewer nodes, for routes a little longer than the shortest where boxes stand in the way.
        this.heap.push(cost + estimate * estimateWeight, state);
    }

    private reserve(states: number): void {
        if (this.stamp.length >= states) {
            return;
        }
        // Fresh stamps are 0, below every generation, so no state of an earlier search looks visited.
        this.cost = new Float64Array(states);
        this.parent = new Int32Array(states);
        this.stamp = new Int32Array(states);
        this.done = new Uint8Array(states);
    }
}
