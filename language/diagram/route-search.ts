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
        const generation = ++this.generation;
        const { cost, parent, stamp, done, heap, neighbours, bend } = this;
        heap.clear();
        // Goals at the same point (one node reached along either axis) need estimating once.
        const goalX: number[] = [];
        const goalY: number[] = [];
        for (const goal of goals) {
            const x = graph.xOf(goal.node);
            const y = graph.yOf(goal.node);
            if (!goalX.some((other, k) => other === x && goalY[k] === y)) {
                goalX.push(x);
                goalY.push(y);
            }
        }
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
        // Only a cheaper way to a state is worth its estimate and a place in the heap.
        const relax = (state: number, through: number, x: number, y: number, reached: number): void => {
            if (stamp[state] === generation && cost[state] <= reached) {
                return;
            }
            stamp[state] = generation;
            done[state] = 0;
            cost[state] = reached;
            parent[state] = through;
            // The estimate weighs three times what it is: the search then heads for the goal and visits
            // far fewer nodes, for routes a little longer than the shortest where boxes stand in the way.
            heap.push(reached + estimate(x, y) * estimateWeight, state);
        };
        for (const start of starts) {
            relax(start.node * 2 + start.axis, -1, graph.xOf(start.node), graph.yOf(start.node), start.cost);
        }
        let bestState = -1;
        let bestCost = Infinity;
        let visited = 0;
        while (heap.size > 0 && visited < searchBudget) {
            if (heap.peekKey() >= bestCost) {
                break;
            }
            const state = heap.pop();
            if (done[state]) {
                continue;
            }
            done[state] = 1;
            visited++;
            const node = state >> 1;
            const axis = state & 1;
            const g = cost[state];
            for (let k = 0; k < goals.length; k++) {
                const goal = goals[k];
                if (goal.node === node) {
                    const total = g + goal.cost + (axis === goal.axis ? 0 : bend);
                    if (total < bestCost) {
                        bestState = state;
                        bestCost = total;
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
                relax(next * 2 + nextAxis, state, nextX, nextY, g + Math.abs(nextX - x) + Math.abs(nextY - y) + (nextAxis === axis ? 0 : bend));
            }
        }
        if (bestState < 0) {
            return undefined;
        }
        const nodes: number[] = [];
        for (let state = bestState; state >= 0; state = parent[state]) {
            nodes.push(state >> 1);
        }
        return nodes.reverse();
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
