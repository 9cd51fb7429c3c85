/**
 * Limits for every search of the tracing analyses. Path and loop counts grow exponentially
 * with the size of a model, so every search is capped in length, in count and in total work
 * (steps), and reports which cap it hit instead of hanging the editor.
 */

/** Why a result is incomplete: a longer path/loop exists (`length`), the count cap was reached (`count`), or the work budget ran out (`steps`). */
export type TruncationReason = 'length' | 'count' | 'steps';

export interface PathBounds {
    /** Longest path, in relations. */
    readonly maxLength: number;
    /** Most paths kept per target (the shortest ones, then lexicographic). */
    readonly maxPaths: number;
    /** Most edge visits spent on one target; bounds the time on dense graphs. */
    readonly maxSteps: number;
}

export interface LoopBounds {
    /** Longest loop, in relations (= factors). */
    readonly maxLength: number;
    /** Most loops kept (the shortest ones, then lexicographic). */
    readonly maxLoops: number;
    /** Most edge visits spent on the whole search. */
    readonly maxSteps: number;
}

export interface TreeBounds {
    /** Levels below (uses) or above (causes) the root. */
    readonly depth: number;
    /** Most nodes in the tree, root included. */
    readonly maxNodes: number;
}

/** Path length 10, 200 paths per target, one million steps per target (tens of milliseconds). */
export const defaultPathBounds: PathBounds = { maxLength: 10, maxPaths: 200, maxSteps: 1_000_000 };

/** Loop length 12, 500 loops, two million steps in all (tens of milliseconds). */
export const defaultLoopBounds: LoopBounds = { maxLength: 12, maxLoops: 500, maxSteps: 2_000_000 };

/** Three levels, 1,000 nodes. */
export const defaultTreeBounds: TreeBounds = { depth: 3, maxNodes: 1000 };

/** Counts units of work and says when the budget is spent; shared by the parts of one search. */
export class StepBudget {
    private used = 0;

    constructor(readonly limit: number) {}

    /** Spends `count` steps; false once the budget is exceeded. */
    spend(count = 1): boolean {
        this.used += count;
        return this.used <= this.limit;
    }

    get exhausted(): boolean {
        return this.used > this.limit;
    }

    get steps(): number {
        return this.used;
    }
}

/** Reasons in a fixed order, without repeats. */
export function sortedReasons(reasons: Iterable<TruncationReason>): TruncationReason[] {
    const set = new Set(reasons);
    return (['length', 'count', 'steps'] as const).filter(reason => set.has(reason));
}
