import type { RelationEdge, SpeedClass, StrengthClass } from './model-graph.js';

/**
 * The numbers behind MARVEL's verbal classes (the MARVEL method, after the Business
 * Simulation Library's reading of van Zijderveld 2007). Every number is a setting
 * with these defaults.
 */
export interface RelationScales {
    readonly strength: Readonly<Record<StrengthClass, number>>;
    /** Delay time τ per speed class, in model time units. */
    readonly delay: Readonly<Record<SpeedClass, number>>;
}

export const defaultRelationScales: RelationScales = {
    strength: { 'weak': 0.2, 'average': 0.5, 'strong': 1.0, 'very strong': 1.2 },
    delay: { 'very high': 0.25, 'high': 0.5, 'average': 1, 'low': 3 }
};

export const strengthClasses: readonly StrengthClass[] = ['weak', 'average', 'strong', 'very strong'];
export const speedClasses: readonly SpeedClass[] = ['low', 'average', 'high', 'very high'];

export function isStrengthClass(text: string): text is StrengthClass {
    return (strengthClasses as readonly string[]).includes(text);
}

export function isSpeedClass(text: string): text is SpeedClass {
    return (speedClasses as readonly string[]).includes(text);
}

/** A relation makes a loop "delayed" when it is slow (`speed: low`) or has an explicit delay. */
export function isDelayedRelation(relation: RelationEdge): boolean {
    return relation.explicitDelay || relation.speedClass === 'low';
}
