import type { CausalLink } from './link-graph.js';

/**
 * How much a path matters, so that a `mixed` effect can say which side dominates:
 *
 *     score = (Π strength) × lengthDiscount^(length − 1) × horizon / (horizon + Σ delay)
 *
 * - the product of strengths is the path's gain in the dynamics reading (a change of 1 in the
 *   source ends up as that much change in the target);
 * - `lengthDiscount` (default 0.9) lowers each further step, because every extra relation is one
 *   more assumption the effect depends on, even between very strong relations (strength 1.2);
 * - the delay factor halves a path whose total delay equals the horizon (default 10 model time
 *   units, the default simulation horizon): a change that arrives late matters less within it.
 *
 * A path of length zero (a factor traced to itself) scores 1.
 */
export interface ScoreSettings {
    readonly lengthDiscount: number;
    readonly horizon: number;
}

export const defaultScoreSettings: ScoreSettings = { lengthDiscount: 0.9, horizon: 10 };

/** The numbers a path's score is made of. */
export interface PathMeasures {
    /** Product of the links' strengths. */
    readonly strength: number;
    /** Sum of the links' delays τ. */
    readonly delay: number;
    readonly score: number;
}

export function measurePath(links: readonly CausalLink[], settings: ScoreSettings = defaultScoreSettings): PathMeasures {
    let strength = 1;
    let delay = 0;
    for (const link of links) {
        strength *= link.strength;
        delay += link.delay;
    }
    if (links.length === 0) {
        return { strength, delay, score: 1 };
    }
    const lengthFactor = settings.lengthDiscount ** (links.length - 1);
    const delayFactor = settings.horizon / (settings.horizon + delay);
    return { strength, delay, score: strength * lengthFactor * delayFactor };
}
