import type { Direction, Sign } from '../model-graph.js';

/**
 * The effect of one factor on another over all paths found:
 * - `+` / `-`: every signed path has that sign;
 * - `mixed`: both signs occur (the memo's "tweeledige doorwerking");
 * - `?`: only paths with an unknown (`?`) relation;
 * - `none`: no path (the target is unreachable, or no path within the bounds).
 *
 * Paths of sign `?` do not overrule signed ones: `+` paths plus a `?` path give `+`. The
 * memo's rule makes `?` the effect only when nothing else is known; the unknown part stays
 * visible in {@link SignWeights} and the per-path signs, so viewers can qualify the effect.
 */
export type Effect = '+' | '-' | 'mixed' | '?' | 'none';

/**
 * A KPI's verdict on an effect, assuming the intervention raises its factor:
 * `desired` (`+` on an `increase` KPI, `-` on a `decrease` one), `undesired` (the opposite),
 * `mixed` (effect `mixed`), `unknown` (effect `?`), `none` (no effect, or a target that is not
 * a KPI and so has no desired direction).
 */
export type Verdict = 'desired' | 'undesired' | 'mixed' | 'unknown' | 'none';

/** `+`·`+` = `+`, `+`·`-` = `-`, `-`·`-` = `+`; anything with `?` is `?`. */
export function multiplySigns(a: Sign, b: Sign): Sign {
    if (a === '?' || b === '?') {
        return '?';
    }
    return a === b ? '+' : '-';
}

/** The sign of a sequence of relation signs; the empty sequence (a factor on itself) is `+`. */
export function productSign(signs: Iterable<Sign>): Sign {
    let result: Sign = '+';
    for (const sign of signs) {
        result = multiplySigns(result, sign);
        if (result === '?') {
            return '?';
        }
    }
    return result;
}

/** The effect of a set of path signs (see {@link Effect}). */
export function effectOf(signs: Iterable<Sign>): Effect {
    let plus = false;
    let minus = false;
    let unknown = false;
    for (const sign of signs) {
        plus ||= sign === '+';
        minus ||= sign === '-';
        unknown ||= sign === '?';
    }
    if (plus && minus) {
        return 'mixed';
    }
    return plus ? '+' : minus ? '-' : unknown ? '?' : 'none';
}

/** The verdict for an effect on a target with the given desired direction (none for a non-KPI). */
export function verdictOf(effect: Effect | Sign, direction: Direction | undefined): Verdict {
    switch (effect) {
        case 'none': return 'none';
        case 'mixed': return direction ? 'mixed' : 'none';
        case '?': return direction ? 'unknown' : 'none';
        default:
            if (!direction) {
                return 'none';
            }
            return (effect === '+') === (direction === 'increase') ? 'desired' : 'undesired';
    }
}
