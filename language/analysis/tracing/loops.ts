import type { ModelGraph, Sign } from '../model-graph.js';
import type { LoopBounds, TruncationReason } from './bounds.js';
import { defaultLoopBounds } from './bounds.js';
import { searchCycles } from './cycle-search.js';
import type { CausalLink, LinkGraph } from './link-graph.js';
import { linkGraphOf } from './link-graph.js';
import { productSign } from './signs.js';

/** `+` loops reinforce a change, `-` loops balance it; a loop with a `?` relation is `unknown`. */
export type LoopKind = 'reinforcing' | 'balancing' | 'unknown';

/** An elementary cycle: a feedback loop through two or more factors, none twice. */
export interface FeedbackLoop {
    /**
     * `R`, `B` or `U` (reinforcing, balancing, unknown) and the loop's number within its kind,
     * counted in the order of {@link LoopSearch.loops}: `R1`, `R2`, `B1`, … as in causal loop
     * diagrams. Ids are stable for a given model and bounds, and a truncated search lists a
     * prefix of the full order, so a loop keeps its id when a bound is raised.
     */
    readonly id: string;
    /** Factor identifiers in cycle order, starting at the smallest one (code-unit order). */
    readonly nodes: readonly string[];
    /** `links[i]` leads from `nodes[i]` to the next factor, the last one back to `nodes[0]`. */
    readonly links: readonly CausalLink[];
    readonly sign: Sign;
    readonly kind: LoopKind;
    /** Some relation on the loop has speed `low` or an explicit delay. */
    readonly delayed: boolean;
    /** Product of the link strengths: the loop gain's size. */
    readonly strength: number;
    /** Sum of the link delays τ: the time the loop takes to go round. */
    readonly delay: number;
}

export interface LoopSearch {
    /** Shortest first, then lexicographic by their `nodes` (code-unit order). */
    readonly loops: readonly FeedbackLoop[];
    readonly truncated: boolean;
    /** Empty unless truncated. */
    readonly truncatedBy: readonly TruncationReason[];
    /** Work spent, in edge visits. */
    readonly steps: number;
}

const kindLetter: Record<LoopKind, string> = { reinforcing: 'R', balancing: 'B', unknown: 'U' };

/**
 * The feedback loops of a model, within the bounds. Self-relations are not loops (`check`
 * warns about them). Johnson's algorithm (1975), run inside each strongly connected
 * component (Tarjan) and bounded by length, count and steps.
 */
export function findLoops(graph: ModelGraph, bounds: Partial<LoopBounds> = {}): LoopSearch {
    const full = { ...defaultLoopBounds, ...bounds };
    const key = `${full.maxLength}/${full.maxLoops}/${full.maxSteps}`;
    // Every intervention's trace (code lenses, the preview) needs the same loops of the same graph.
    let byBounds = cache.get(graph);
    if (!byBounds) {
        byBounds = new Map();
        cache.set(graph, byBounds);
    }
    let search = byBounds.get(key);
    if (!search) {
        search = searchLoops(graph, full);
        byBounds.set(key, search);
    }
    return search;
}

const cache = new WeakMap<ModelGraph, Map<string, LoopSearch>>();

function searchLoops(graph: ModelGraph, bounds: LoopBounds): LoopSearch {
    const links = linkGraphOf(graph);
    const search = searchCycles(links, bounds);
    const counters: Record<LoopKind, number> = { reinforcing: 0, balancing: 0, unknown: 0 };
    const loops = search.cycles.map(cycle => toLoop(links, cycle, counters));
    return { loops, truncated: search.reasons.length > 0, truncatedBy: search.reasons, steps: search.steps };
}

/** The loops through each factor, in the search's order: what "a path touches a loop" is based on. */
export function loopsByFactor(search: LoopSearch): Map<string, FeedbackLoop[]> {
    const byFactor = new Map<string, FeedbackLoop[]>();
    for (const loop of search.loops) {
        for (const id of loop.nodes) {
            const list = byFactor.get(id);
            if (list) {
                list.push(loop);
            } else {
                byFactor.set(id, [loop]);
            }
        }
    }
    return byFactor;
}

export function loopKindOf(sign: Sign): LoopKind {
    return sign === '+' ? 'reinforcing' : sign === '-' ? 'balancing' : 'unknown';
}

function toLoop(links: LinkGraph, cycle: readonly number[], counters: Record<LoopKind, number>): FeedbackLoop {
    const steps = cycle.map((node, i) => links.link(node, cycle[(i + 1) % cycle.length])!);
    const sign = productSign(steps.map(link => link.sign));
    const kind = loopKindOf(sign);
    counters[kind]++;
    return {
        id: `${kindLetter[kind]}${counters[kind]}`,
        nodes: cycle.map(i => links.ids[i]),
        links: steps,
        sign,
        kind,
        delayed: steps.some(link => link.delayed),
        strength: steps.reduce((product, link) => product * link.strength, 1),
        delay: steps.reduce((sum, link) => sum + link.delay, 0)
    };
}
