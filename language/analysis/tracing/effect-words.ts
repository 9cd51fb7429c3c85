import type { Direction, Sign } from '../model-graph.js';
import type { PathBounds, TruncationReason } from './bounds.js';
import type { LoopKind } from './loops.js';
import type { Effect, Verdict } from './signs.js';
import { verdictOf } from './signs.js';
import { counted } from '../../text/counted.js';

/**
 * The numbers and words of one trace from an intervention to a target, defined once and
 * worded the same in the code lens, the Effects view, the preview's side panel and
 * `marvel trace`: a KPI is judged in verdict words (desired, undesired), never in signs.
 */

/** How many paths the search found, by sign, and which bounds cut it short (none: it found them all). */
export interface PathTally {
    readonly found: number;
    readonly bySign: { readonly '+': number; readonly '-': number; readonly '?': number };
    readonly truncatedBy: readonly TruncationReason[];
}

/** Counts the paths of one search: the only place a path count is made. */
export function tallyPaths(paths: readonly { readonly sign: Sign }[], truncatedBy: readonly TruncationReason[]): PathTally {
    const bySign = { '+': 0, '-': 0, '?': 0 };
    for (const path of paths) {
        bySign[path.sign]++;
    }
    return { found: paths.length, bySign, truncatedBy };
}

/** "200+ paths" (more exist beyond a bound), "1 path", "no path". */
export function pathCountWords(tally: PathTally): string {
    if (tally.found === 0) {
        return tally.truncatedBy.length > 0 ? 'no path within the bounds' : 'no path';
    }
    const more = tally.truncatedBy.length > 0 ? '+' : '';
    return `${tally.found}${more} path${tally.found === 1 && !more ? '' : 's'}`;
}

/**
 * The paths by what they do: for a KPI "182 desired, 16 undesired, 2 unknown", for another
 * target "16 raise it, 182 lower it". Zero counts of unknown are left out.
 */
export function pathSplitWords(tally: PathTally, direction: Direction | null): string {
    const { '+': raise, '-': lower, '?': unknown } = tally.bySign;
    const parts = direction
        ? [`${direction === 'increase' ? raise : lower} desired`, `${direction === 'increase' ? lower : raise} undesired`]
        : [`${raise} raise it`, `${lower} lower it`];
    if (unknown > 0) {
        parts.push(`${unknown} unknown`);
    }
    return parts.join(', ');
}

/** "200+ paths: 182 desired, 16 undesired, 2 unknown". */
export function pathTallyWords(tally: PathTally, direction: Direction | null): string {
    return tally.found === 0 ? pathCountWords(tally) : `${pathCountWords(tally)}: ${pathSplitWords(tally, direction)}`;
}

/**
 * Which bound cut the count, in words: "only the 200 shortest paths are counted",
 * "paths longer than 10 relations are not followed", "the search stopped at its work limit".
 * Empty when nothing was cut.
 */
export function boundWords(truncatedBy: readonly TruncationReason[], bounds: Pick<PathBounds, 'maxLength' | 'maxPaths'>): string {
    return truncatedBy.map(reason => {
        switch (reason) {
            case 'count': return `only the ${bounds.maxPaths} shortest paths are counted`;
            case 'length': return `paths longer than ${bounds.maxLength} relations are not followed`;
            case 'steps': return 'the search stopped at its work limit';
        }
    }).join('; ');
}

/**
 * The verdict in words: for a KPI "desired", "undesired", "mixed, mostly desired", "mixed,
 * evenly balanced", "unknown (no path has an agreed sign)", "not reached"; for another target
 * "raises it", "lowers it", "both ways, mostly lowering it".
 */
export function verdictPhrase(effect: Effect, verdict: Verdict, dominant: Effect, direction: Direction | null): string {
    if (effect === 'none') {
        return 'not reached';
    }
    if (effect === '?') {
        return 'unknown (no path has an agreed sign)';
    }
    if (!direction) {
        return effect === 'mixed' ? `both ways, ${leaning(dominant, null)}` : effect === '+' ? 'raises it' : 'lowers it';
    }
    return verdict === 'mixed' ? `mixed, ${leaning(dominant, direction)}` : verdict;
}

/** Which way the weight of the paths leans: "mostly desired", "evenly balanced", … */
function leaning(dominant: Effect, direction: Direction | null): string {
    switch (dominant) {
        case '+':
        case '-':
            return direction ? `mostly ${verdictOf(dominant, direction)}` : `mostly ${dominant === '+' ? 'raising' : 'lowering'} it`;
        case '?': return 'mostly of unknown sign';
        default: return 'evenly balanced';
    }
}

/**
 * "12 of 292 feedback loops along it", "3 feedback loops along it" (all it touches), "touches
 * 292 feedback loops, none along it", "touches no feedback loop": a loop through one of its
 * factors feeds the path's change back; one along it shares a relation with it. The loops along
 * it come first: in a dense model every path touches about as many through its hubs.
 */
export function loopCountWords(count: number, along: number): string {
    if (count === 0) {
        return 'touches no feedback loop';
    }
    if (along === 0) {
        return `touches ${counted(count, 'feedback loop')}, none along it`;
    }
    return along === count ? `${counted(count, 'feedback loop')} along it` : `${along} of ${counted(count, 'feedback loop')} along it`;
}

/** "reinforcing", "balancing, delayed". */
export function loopKindWords(kind: LoopKind, delayed: boolean): string {
    return `${kind}${delayed ? ', delayed' : ''}`;
}
