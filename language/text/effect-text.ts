import type { Direction, ModelGraph } from '../analysis/model-graph.js';
import type { KpiEffect } from '../analysis/tracing/effect-summary.js';
import { boundWords, pathCountWords, pathTallyWords, verdictPhrase } from '../analysis/tracing/effect-words.js';
import type { Verdict } from '../analysis/tracing/signs.js';
import { verdictOf } from '../analysis/tracing/signs.js';
import type { PathBounds } from '../analysis/tracing/bounds.js';
import { defaultPathBounds } from '../analysis/tracing/bounds.js';
import { counted } from './counted.js';

/** The bounds the model's effect summary searched with (see summarizeInterventionEffects). */
type SummaryBounds = Pick<PathBounds, 'maxLength' | 'maxPaths'>;

/** What the robustness samples say about one KPI: the share of each verdict over the samples kept. */
export interface SampledVerdicts {
    readonly shares: Readonly<Partial<Record<Verdict, number>>>;
    /** The samples that did not run away. */
    readonly kept: number;
    /** The samples drawn. */
    readonly drawn: number;
}

/**
 * "Aantal slachtoffers: mixed, mostly desired · 200+ paths", the code lens's part for one KPI;
 * with samples also how often its verdict holds: "… · desired in 87 % of 500 samples".
 */
export function lensPart(graph: ModelGraph, effect: KpiEffect, sampled?: SampledVerdicts, bounds: SummaryBounds = defaultPathBounds): string {
    const label = graph.labelOf(effect.kpi);
    const verdict = verdictPhrase(effect.effect, effect.verdict, effect.dominant, directionOf(graph, effect));
    // Not reached only as far as the search went: the trace panel and `marvel trace` say the same.
    const cut = boundWords(effect.tally.truncatedBy, bounds);
    const part = effect.effect !== 'none' ? `${label}: ${verdict} · ${pathCountWords(effect.tally)}`
        : cut ? `${label}: no path within the bounds (${cut})` : `${label}: ${verdict}`;
    const robustness = sampled ? sampledVerdictWords(effect, directionOf(graph, effect), sampled) : undefined;
    return robustness ? `${part} · ${robustness}` : part;
}

/**
 * "desired in 87 % of 500 samples" for the verdict the paths point to (for a mixed effect, the
 * way it leans), or where they leave it open for the verdict most samples end with. Nothing for
 * a KPI without a direction or one the intervention does not reach: no sample can judge those.
 */
function sampledVerdictWords(effect: KpiEffect, direction: Direction | null, sampled: SampledVerdicts): string | undefined {
    if (!direction || effect.effect === 'none') {
        return undefined;
    }
    if (sampled.kept === 0) {
        return `all ${sampled.drawn} samples ran away`;
    }
    const leaning = effect.verdict === 'mixed' ? verdictOf(effect.dominant, direction) : effect.verdict;
    const verdict = leaning === 'desired' || leaning === 'undesired' ? leaning : mostSampled(sampled.shares);
    const ranAway = sampled.kept < sampled.drawn ? ` (${sampled.drawn - sampled.kept} ran away)` : '';
    return `${verdictShareWords(verdict, sampled.shares[verdict] ?? 0, sampled.kept)}${ranAway}`;
}

function mostSampled(shares: Readonly<Partial<Record<Verdict, number>>>): Verdict {
    let best: Verdict = 'none';
    for (const [verdict, share] of Object.entries(shares) as [Verdict, number][]) {
        if (share > (shares[best] ?? 0)) {
            best = verdict;
        }
    }
    return best;
}

/** "desired in 87 % of 500 samples". */
function verdictShareWords(verdict: Verdict, share: number, samples: number): string {
    return `${verdict} in ${percent(share)} of ${counted(samples, 'sample')}`;
}

/** "87 %": a share (0–1) as a whole percentage, as every robustness figure is written. */
export function percent(share: number): string {
    return `${Math.round(share * 100)} %`;
}

/** The sentence of the `mixed-effect` hint, in the words of the lens and the trace. */
export function mixedEffectMessage(graph: ModelGraph, intervention: string, effect: KpiEffect, bounds: SummaryBounds = defaultPathBounds): string {
    const kpi = graph.factor(effect.kpi);
    const bound = boundWords(effect.tally.truncatedBy, bounds);
    return `${graph.labelOf(intervention)} works both ways on ${kpi ? `'${kpi.label}'` : effect.kpi}: ${pathTallyWords(effect.tally, directionOf(graph, effect))}${bound ? ` (${bound})` : ''}; weighed by strength, length and delay: ${verdictPhrase(effect.effect, effect.verdict, effect.dominant, directionOf(graph, effect))}.`;
}

function directionOf(graph: ModelGraph, effect: KpiEffect): Direction | null {
    return graph.factor(effect.kpi)?.direction ?? null;
}
