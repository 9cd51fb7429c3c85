import type { LiteralFactor, LiteralRelation } from '../language/analysis/graph-literal.js';
import { literalModelGraph } from '../language/analysis/graph-literal.js';
import type { ModelGraph } from '../language/analysis/model-graph.js';
import { Prng } from '../language/analysis/prng.js';

/**
 * A random graph of `factorCount` factors with `degree` relations each, a tenth of them
 * interventions and five KPIs, the same for the same seed. `attributes` adds to each relation
 * what a benchmark needs beyond its sign (drawn after it, so the draws stay in one order).
 */
export function randomGraph(factorCount: number, degree: number, seed: number, attributes: (random: Prng) => Partial<LiteralRelation> = () => ({})): ModelGraph {
    const random = new Prng(seed);
    const ids = Array.from({ length: factorCount }, (_, i) => `f${i}`);
    const factors: LiteralFactor[] = ids.map((id, i) => ({
        id,
        kind: i < 5 ? 'kpi' : i % 10 === 0 ? 'intervention' : 'factor',
        direction: i < 5 ? (i % 2 === 0 ? 'decrease' : 'increase') : undefined
    }));
    const relations: LiteralRelation[] = ids.flatMap(source => Array.from({ length: degree }, () => ({
        source,
        target: random.pick(ids),
        sign: random.chance(0.6) ? '+' as const : '-' as const,
        ...attributes(random)
    })));
    return literalModelGraph(factors, relations);
}
