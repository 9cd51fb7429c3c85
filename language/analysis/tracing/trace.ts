import type { Direction, ModelGraph, Sign } from '../model-graph.js';
import type { LoopBounds, PathBounds, TruncationReason } from './bounds.js';
import { defaultPathBounds } from './bounds.js';
import type { PathTally } from './effect-words.js';
import { tallyPaths } from './effect-words.js';
import { linkGraphOf } from './link-graph.js';
import { LoopToucher } from './loop-touch.js';
import type { LoopSearch } from './loops.js';
import { findLoops } from './loops.js';
import type { ScoreSettings } from './path-score.js';
import { defaultScoreSettings } from './path-score.js';
import type { CausalPath } from './paths.js';
import { findPaths, requireIndex } from './paths.js';
import type { Effect, Verdict } from './signs.js';
import { effectOf, verdictOf } from './signs.js';

/** A path together with the feedback loops it touches. */
export interface TracedPath extends CausalPath {
    /**
     * Ids of the loops that share at least one factor with the path (its start and target
     * included). A change passing through a factor on a loop is fed back by that loop, so the
     * loop amplifies or damps this path's effect; sharing a relation would miss loops that
     * merely cross the path. Most relevant first: loops sharing more of the path's relations
     * (running along it) come first, then the loop search's order.
     */
    readonly loops: readonly string[];
    /**
     * How many of `loops` (the first ones) run along the path, sharing a relation with it: in a
     * dense model every path touches the loops through its hubs, and these tell paths apart.
     */
    readonly loopsAlong: number;
}

/** Total path score per path sign. */
export interface SignWeights {
    readonly '+': number;
    readonly '-': number;
    readonly '?': number;
}

/** What tracing from a factor tells about one target. */
export interface TraceTarget {
    readonly target: string;
    readonly kpi: boolean;
    /** A KPI's desired direction; null for other factors. */
    readonly direction: Direction | null;
    readonly effect: Effect;
    readonly verdict: Verdict;
    /**
     * The sign carrying the largest total score: `+` or `-`; `mixed` when both carry the same
     * weight; `?` when the unknown paths weigh at least as much as either signed side (the
     * largest contribution has no agreed direction); `none` without paths.
     */
    readonly dominant: Effect;
    readonly weights: SignWeights;
    /** Shortest first, then lexicographic by factor identifiers. */
    readonly paths: readonly TracedPath[];
    readonly truncated: boolean;
    readonly truncatedBy: readonly TruncationReason[];
    /** The paths counted, as every view words them. */
    readonly tally: PathTally;
}

export interface TraceResult {
    readonly from: string;
    /** The bounds the path searches ran with, to name the one that cut a count. */
    readonly pathBounds: PathBounds;
    /** The `to` target, or one per KPI in declaration order. */
    readonly targets: readonly TraceTarget[];
    /** The loops the paths refer to; when truncated, some loops a path touches may be missing. */
    readonly loops: LoopSearch;
}

export interface TraceOptions {
    /** One target; without it, every KPI of the model. */
    readonly to?: string;
    readonly pathBounds?: Partial<PathBounds>;
    /** Bounds for the loop search, when `loops` is not given. */
    readonly loopBounds?: Partial<LoopBounds>;
    /** A loop search of the same graph to reuse (the diagram already has one). */
    readonly loops?: LoopSearch;
    readonly score?: ScoreSettings;
}

/**
 * How raising `from` works through to its targets: every simple path with its sign and score,
 * the effect and, for KPIs, the verdict, and the feedback loops each path touches.
 * Throws when `from` or `to` is not a factor of the graph.
 */
export function traceFactor(graph: ModelGraph, from: string, options: TraceOptions = {}): TraceResult {
    const links = linkGraphOf(graph);
    requireIndex(links, from);
    const targetIds = options.to !== undefined ? [options.to] : graph.kpis().map(k => k.id);
    for (const id of targetIds) {
        requireIndex(links, id);
    }
    const loops = options.loops ?? findLoops(graph, options.loopBounds);
    const touched = new LoopToucher(loops);
    const bounds = { ...defaultPathBounds, ...options.pathBounds };
    const score = options.score ?? defaultScoreSettings;
    const targets = targetIds.map(target => {
        const search = findPaths(graph, from, target, bounds, score);
        const paths = search.paths.map(path => {
            const { loops: pathLoops, along } = touched.by(path);
            return { ...path, loops: pathLoops, loopsAlong: along };
        });
        const factor = graph.factor(target)!;
        const effect = effectOf(paths.map(p => p.sign));
        const weights = weigh(paths);
        return {
            target,
            kpi: factor.kind === 'kpi',
            direction: factor.direction ?? null,
            effect,
            verdict: verdictOf(effect, factor.direction),
            dominant: dominantSign(weights, effect),
            weights,
            paths,
            truncated: search.truncated,
            truncatedBy: search.truncatedBy,
            tally: tallyPaths(paths, search.truncatedBy)
        };
    });
    return { from, pathBounds: bounds, targets, loops };
}

export function weigh(paths: readonly Pick<CausalPath, 'sign' | 'score'>[]): SignWeights {
    const weights: Record<Sign, number> = { '+': 0, '-': 0, '?': 0 };
    for (const path of paths) {
        weights[path.sign] += path.score;
    }
    return weights;
}

/**
 * See {@link TraceTarget.dominant}. Weights within a relative 1e-9 count as equal; when every
 * path weighs nothing (numeric strength 0), the effect itself is the best answer.
 */
export function dominantSign(weights: SignWeights, effect: Effect): Effect {
    const plus = weights['+'];
    const minus = weights['-'];
    const unknown = weights['?'];
    if (effect === 'none' || plus + minus + unknown === 0) {
        return effect;
    }
    const signed = Math.max(plus, minus);
    if (unknown > 0 && (unknown > signed || nearlyEqual(unknown, signed))) {
        return '?';
    }
    if (nearlyEqual(plus, minus)) {
        return 'mixed';
    }
    return plus > minus ? '+' : '-';
}

function nearlyEqual(a: number, b: number): boolean {
    return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}
