import type { LoopBounds, TruncationReason } from './bounds.js';
import { sortedReasons, StepBudget } from './bounds.js';
import type { LinkGraph } from './link-graph.js';
import { stronglyConnectedComponents } from './strongly-connected.js';

/** The elementary cycles of a link graph within the bounds (see {@link LoopSearcher}). */
export function searchCycles(links: LinkGraph, bounds: LoopBounds): RawCycles {
    return new LoopSearcher(links, bounds).run();
}

/** Cycles as factor numbers, each from its smallest factor, shortest first, then lexicographic. */
export interface RawCycles {
    readonly cycles: number[][];
    readonly reasons: TruncationReason[];
    readonly steps: number;
}

/**
 * Johnson's circuit search with two additions that keep it bounded and its output ordered:
 *
 * - Iterative deepening: round `L` records the cycles of exactly `L` links, each from its
 *   smallest factor `s` through larger factors of `s`'s component only, successors in ascending
 *   order. So the cycles come shortest first, then lexicographic, and whatever a cap cuts off
 *   lies behind everything kept. A round without any length cut has seen every cycle.
 * - A length cut: a successor that cannot return to `s` within `L` links (by a breadth-first
 *   distance bound) is skipped. Johnson blocks a factor only when its search proved it cannot
 *   return to `s` at all; a cut proves nothing, so a search with a cut unblocks like one that
 *   found a cycle. Unblocking more than Johnson would is always safe; it only costs time.
 * - An honest length flag: `length` is reported only when a longer cycle really exists. At a cut
 *   in the last round a breadth-first search checks that the skipped factor leads back to `s`
 *   around the blocked factors (the stack among them); every longer cycle meets such a cut.
 */
class LoopSearcher {
    private readonly n: number;
    private readonly component: Int32Array;
    private readonly componentSizes: readonly number[];
    private readonly budget: StepBudget;
    private readonly cycles: number[][] = [];
    private readonly reasons: TruncationReason[] = [];
    private readonly blocked: Uint8Array;
    private readonly blockedBy: number[][];
    private readonly touched: number[] = [];
    private readonly distance: Int32Array;
    private readonly distanceStamp: Int32Array;
    /** Reused for every start: thousands of starts per round must not each allocate. */
    private readonly queue: Int32Array;
    private stamp = 0;
    private longerExists = false;
    private cut = false;

    constructor(private readonly links: LinkGraph, private readonly bounds: LoopBounds) {
        this.n = links.ids.length;
        const components = stronglyConnectedComponents(links.successors);
        this.component = components.component;
        this.componentSizes = components.sizes;
        this.budget = new StepBudget(bounds.maxSteps);
        this.blocked = new Uint8Array(this.n);
        this.blockedBy = Array.from({ length: this.n }, () => []);
        this.distance = new Int32Array(this.n);
        this.distanceStamp = new Int32Array(this.n);
        this.queue = new Int32Array(this.n);
    }

    run(): RawCycles {
        const largest = this.componentSizes.reduce((max, size) => Math.max(max, size), 0);
        // No cycle is longer than its component; a longer cap only costs rounds.
        const maxLength = Math.min(this.bounds.maxLength, largest);
        if (maxLength < 2 && largest >= 2) {
            this.longerExists = true;
        }
        for (let length = 2; length <= maxLength && this.reasons.length === 0; length++) {
            this.cut = false;
            for (let s = 0; s < this.n && this.reasons.length === 0; s++) {
                if (this.componentSizes[this.component[s]] >= length && this.canStart(s)) {
                    this.circuits(s, length, length === maxLength);
                }
            }
            if (!this.cut) {
                break;
            }
        }
        if (this.longerExists) {
            this.reasons.push('length');
        }
        return { cycles: this.cycles, reasons: sortedReasons(this.reasons), steps: this.budget.steps };
    }

    /** May the search from `s` enter `w`? Only larger factors of the same component. */
    private allowed(s: number, w: number): boolean {
        return w > s && this.component[w] === this.component[s];
    }

    /** A cycle whose smallest factor is `s` leaves `s` for a larger factor and returns from one. */
    private canStart(s: number): boolean {
        return this.links.successors[s].some(w => this.allowed(s, w)) && this.links.predecessors[s].some(u => this.allowed(s, u));
    }

    /** The cycles of exactly `length` links whose smallest factor is `s`. */
    private circuits(s: number, length: number, finalRound: boolean): void {
        this.computeDistances(s, length - 1);
        const stack = [s];
        const next = [0];
        const found = [false];
        this.block(s);
        while (stack.length > 0) {
            const top = stack.length - 1;
            const v = stack[top];
            const successors = this.links.successors[v];
            if (next[top] < successors.length) {
                const w = successors[next[top]++];
                if (!this.budget.spend()) {
                    this.stop('steps');
                    break;
                }
                if (w === s) {
                    // Any cycle closing here means `v` can return to `s`; only those of this round's length are new.
                    found[top] = true;
                    if (top + 1 === length && !this.record(stack)) {
                        break;
                    }
                    continue;
                }
                if (!this.allowed(s, w) || this.blocked[w]) {
                    continue;
                }
                if (top + 1 + this.distanceToStart(w) > length) {
                    found[top] = true;
                    this.cut = true;
                    if (finalRound && !this.longerExists) {
                        this.longerExists = this.returnsAvoidingBlocked(s, w);
                    }
                    continue;
                }
                stack.push(w);
                next.push(0);
                found.push(false);
                this.block(w);
                continue;
            }
            stack.pop();
            next.pop();
            const returned = found.pop()!;
            if (returned) {
                this.unblock(v);
            } else {
                for (const w of successors) {
                    if (this.allowed(s, w) && !this.blockedBy[w].includes(v)) {
                        this.blockedBy[w].push(v);
                        this.touched.push(w);
                    }
                }
            }
            if (top > 0) {
                found[top - 1] ||= returned;
            }
        }
        for (const v of this.touched) {
            this.blocked[v] = 0;
            this.blockedBy[v].length = 0;
        }
        this.touched.length = 0;
    }

    /** Records a cycle; false when that exceeds the count cap. */
    private record(stack: readonly number[]): boolean {
        if (this.cycles.length >= this.bounds.maxLoops) {
            this.stop('count');
            return false;
        }
        this.cycles.push([...stack]);
        return true;
    }

    private stop(reason: TruncationReason): void {
        this.reasons.push(reason);
    }

    private block(v: number): void {
        this.blocked[v] = 1;
        this.touched.push(v);
    }

    /** Johnson's UNBLOCK, with an explicit stack: chains of blocked factors can be long. */
    private unblock(v: number): void {
        const work = [v];
        while (work.length > 0) {
            const u = work.pop()!;
            if (!this.blocked[u]) {
                continue;
            }
            this.blocked[u] = 0;
            work.push(...this.blockedBy[u]);
            this.blockedBy[u].length = 0;
        }
    }

    /** Distances back to `s` within the allowed factors, up to `limit` links; farther ones stay unknown. */
    private computeDistances(s: number, limit: number): void {
        const stamp = ++this.stamp;
        this.distanceStamp[s] = stamp;
        this.distance[s] = 0;
        const queue = this.queue;
        queue[0] = s;
        let tail = 1;
        for (let head = 0; head < tail; head++) {
            const v = queue[head];
            if (this.distance[v] >= limit) {
                continue;
            }
            const predecessors = this.links.predecessors[v];
            this.budget.spend(predecessors.length);
            for (const u of predecessors) {
                if (this.distanceStamp[u] !== stamp && this.allowed(s, u)) {
                    this.distanceStamp[u] = stamp;
                    this.distance[u] = this.distance[v] + 1;
                    queue[tail++] = u;
                }
            }
        }
    }

    private distanceToStart(w: number): number {
        return this.distanceStamp[w] === this.stamp ? this.distance[w] : Number.POSITIVE_INFINITY;
    }

    /**
     * Whether `w` leads back to `s` without entering a blocked factor (the stack is blocked):
     * then a cycle longer than the cut allows exists, and the length cap hid it.
     */
    private returnsAvoidingBlocked(s: number, w: number): boolean {
        const seen = new Set<number>([w]);
        const queue = [w];
        for (let head = 0; head < queue.length; head++) {
            for (const x of this.links.successors[queue[head]]) {
                if (!this.budget.spend()) {
                    return false;
                }
                if (x === s) {
                    return true;
                }
                if (this.allowed(s, x) && !this.blocked[x] && !seen.has(x)) {
                    seen.add(x);
                    queue.push(x);
                }
            }
        }
        return false;
    }
}
