import type { ModelGraph, Sign } from '../model-graph.js';
import type { PathBounds, TruncationReason } from './bounds.js';
import { defaultPathBounds, sortedReasons, StepBudget } from './bounds.js';
import type { CausalLink, LinkGraph } from './link-graph.js';
import { linkGraphOf } from './link-graph.js';
import type { ScoreSettings } from './path-score.js';
import { defaultScoreSettings, measurePath } from './path-score.js';
import { productSign } from './signs.js';

/** A simple path (no factor twice) from one factor to another. */
export interface CausalPath {
    /** Factor identifiers from the source to the target. */
    readonly nodes: readonly string[];
    /** `links[i]` leads from `nodes[i]` to `nodes[i + 1]`; it holds the relation indices for highlighting. */
    readonly links: readonly CausalLink[];
    /** Product of the link signs; `?` as soon as one is `?`. */
    readonly sign: Sign;
    /** Product of the link strengths. */
    readonly strength: number;
    /** Sum of the link delays τ. */
    readonly delay: number;
    /** Some link is slow or explicitly delayed. */
    readonly delayed: boolean;
    /** How much the path matters (see {@link ScoreSettings}). */
    readonly score: number;
}

export interface PathSearch {
    /** Shortest first, then lexicographic by factor identifiers (code-unit order). */
    readonly paths: readonly CausalPath[];
    readonly truncated: boolean;
    /** Empty unless truncated. */
    readonly truncatedBy: readonly TruncationReason[];
    /** Work spent, in edge visits. */
    readonly steps: number;
}

/**
 * Every simple path from `from` to `to`, within the bounds. A factor traced to itself gives the
 * one path of length zero (sign `+`: the intervention raises its own factor).
 * Throws when either identifier is not a factor of the graph.
 */
export function findPaths(graph: ModelGraph, from: string, to: string, bounds: Partial<PathBounds> = {}, score: ScoreSettings = defaultScoreSettings): PathSearch {
    const links = linkGraphOf(graph);
    const source = requireIndex(links, from);
    const target = requireIndex(links, to);
    const search = searchPaths(links, source, target, { ...defaultPathBounds, ...bounds });
    const paths = search.paths.map(path => toCausalPath(links, path, score));
    return { paths, truncated: search.reasons.length > 0, truncatedBy: search.reasons, steps: search.steps };
}

/** The graph number of a factor identifier; throws for an unknown one. */
export function requireIndex(links: LinkGraph, id: string): number {
    const index = links.indexOf(id);
    if (index === undefined) {
        throw new Error(`unknown factor '${id}'`);
    }
    return index;
}

/**
 * {@link findPaths} by factor numbers, without building path objects: for summaries over many
 * pairs, which only need each path's sign and score ({@link signAndScore}).
 */
export function findPathNumbers(links: LinkGraph, source: number, target: number, bounds: PathBounds): { readonly paths: readonly number[][]; readonly truncatedBy: readonly TruncationReason[]; readonly steps: number } {
    const search = searchPaths(links, source, target, bounds);
    return { paths: search.paths, truncatedBy: search.reasons, steps: search.steps };
}

/** The sign and score of a path given by factor numbers. */
export function signAndScore(links: LinkGraph, nodes: readonly number[], settings: ScoreSettings): { readonly sign: Sign; readonly score: number } {
    const steps = stepsOf(links, nodes);
    return { sign: productSign(steps.map(link => link.sign)), score: measurePath(steps, settings).score };
}

function stepsOf(links: LinkGraph, nodes: readonly number[]): CausalLink[] {
    const steps: CausalLink[] = [];
    for (let i = 0; i + 1 < nodes.length; i++) {
        steps.push(links.link(nodes[i], nodes[i + 1])!);
    }
    return steps;
}

function toCausalPath(links: LinkGraph, nodes: readonly number[], settings: ScoreSettings): CausalPath {
    const steps = stepsOf(links, nodes);
    return {
        nodes: nodes.map(i => links.ids[i]),
        links: steps,
        sign: productSign(steps.map(link => link.sign)),
        delayed: steps.some(link => link.delayed),
        ...measurePath(steps, settings)
    };
}

interface RawPaths {
    readonly paths: number[][];
    readonly reasons: TruncationReason[];
    readonly steps: number;
}

/**
 * Iterative deepening: round `L` lists the paths of exactly `L` links in lexicographic order
 * (successors are visited in ascending number), so the paths kept when a cap is hit are always
 * the first ones in the promised order. A lower bound on the remaining distance (breadth-first,
 * backwards from the target) prunes branches that cannot arrive in time. A round without such a
 * cut has seen every path, so the search stops early on small or sparse graphs. `length` is
 * reported only when a longer simple path really exists: at a cut in the last round, a
 * breadth-first search checks that the target is reachable around the factors already on the path.
 */
function searchPaths(links: LinkGraph, source: number, target: number, bounds: PathBounds): RawPaths {
    if (source === target) {
        return { paths: [[source]], reasons: [], steps: 0 };
    }
    const budget = new StepBudget(bounds.maxSteps);
    const reasons: TruncationReason[] = [];
    const distance = cachedDistancesTo(links, target);
    const maxLength = Math.min(bounds.maxLength, links.ids.length - 1);
    if (distance[source] < 0) {
        return { paths: [], reasons, steps: 0 };
    }
    if (distance[source] > maxLength) {
        return { paths: [], reasons: ['length'], steps: 0 };
    }
    const paths: number[][] = [];
    const onPath = clearedMarks(links);
    let longerExists = false;
    for (let length = distance[source]; length <= maxLength; length++) {
        const finalRound = length === maxLength;
        let cut = false;
        const stack = [source];
        const next = [0];
        onPath[source] = 1;
        while (stack.length > 0 && reasons.length === 0) {
            const top = stack.length - 1;
            const successors = links.successors[stack[top]];
            if (next[top] >= successors.length) {
                onPath[stack.pop()!] = 0;
                next.pop();
                continue;
            }
            const w = successors[next[top]++];
            if (!budget.spend()) {
                reasons.push('steps');
                break;
            }
            if (onPath[w] || distance[w] < 0) {
                continue;
            }
            if (top + 1 + distance[w] > length) {
                cut = true;
                // Only in the last round does a cut mean a path beyond the bounds; check that it really exists.
                if (finalRound && !longerExists) {
                    longerExists = reachesAvoiding(links, w, target, onPath, budget);
                }
                continue;
            }
            if (w === target) {
                // Shorter paths were listed in earlier rounds; the target is never passed through.
                if (top + 1 === length) {
                    paths.push([...stack, target]);
                    if (paths.length > bounds.maxPaths) {
                        paths.pop();
                        reasons.push('count');
                    }
                }
                continue;
            }
            stack.push(w);
            next.push(0);
            onPath[w] = 1;
        }
        // Only the factors still on the stack are marked (a cap can stop the walk midway); clearing the whole array would cost the model's size each round.
        for (const v of stack) {
            onPath[v] = 0;
        }
        if (reasons.length > 0 || !cut) {
            break;
        }
    }
    if (budget.exhausted && !reasons.includes('steps')) {
        reasons.push('steps');
    }
    if (longerExists) {
        reasons.push('length');
    }
    return { paths, reasons: sortedReasons(reasons), steps: budget.steps };
}

/** Per link graph, one array of on-path marks for all its searches, all zero between searches. */
const marksCache = new WeakMap<LinkGraph, Uint8Array>();

/**
 * The marks array of a link graph: a model with thousands of interventions runs a search for each
 * of them and each KPI, and a fresh array per search would cost the model's size every time.
 */
function clearedMarks(links: LinkGraph): Uint8Array {
    let marks = marksCache.get(links);
    if (!marks) {
        marks = new Uint8Array(links.ids.length);
        marksCache.set(links, marks);
    }
    return marks;
}

/** Links needed from each factor to `target` (−1: never), by a breadth-first search backwards. */
const distanceCache = new WeakMap<LinkGraph, Map<number, Int32Array>>();

/**
 * {@link distancesTo}, remembered per link graph: every intervention is traced to the same few
 * KPIs, and the breadth-first search over the whole graph would otherwise dominate.
 */
function cachedDistancesTo(links: LinkGraph, target: number): Int32Array {
    let byTarget = distanceCache.get(links);
    if (!byTarget) {
        byTarget = new Map();
        distanceCache.set(links, byTarget);
    }
    let distance = byTarget.get(target);
    if (!distance) {
        distance = distancesTo(links, target);
        byTarget.set(target, distance);
    }
    return distance;
}

export function distancesTo(links: LinkGraph, target: number): Int32Array {
    const distance = new Int32Array(links.ids.length).fill(-1);
    distance[target] = 0;
    const queue = [target];
    for (let head = 0; head < queue.length; head++) {
        const v = queue[head];
        for (const u of links.predecessors[v]) {
            if (distance[u] < 0) {
                distance[u] = distance[v] + 1;
                queue.push(u);
            }
        }
    }
    return distance;
}

/** Whether `target` can be reached from `start` without entering a marked factor. */
function reachesAvoiding(links: LinkGraph, start: number, target: number, avoid: Uint8Array, budget: StepBudget): boolean {
    const seen = new Set<number>([start]);
    const queue = [start];
    for (let head = 0; head < queue.length; head++) {
        for (const w of links.successors[queue[head]]) {
            if (!budget.spend()) {
                return false;
            }
            if (w === target) {
                return true;
            }
            if (!avoid[w] && !seen.has(w)) {
                seen.add(w);
                queue.push(w);
            }
        }
    }
    return false;
}
