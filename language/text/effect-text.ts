import type { Direction, ModelGraph } from '../analysis/model-graph.js';
import type { KpiEffect } from '../analysis/tracing/effect-summary.js';
import { boundWords, pathCountWords, pathTallyWords, verdictPhrase } from '../analysis/tracing/effect-words.js';
import type { PathBounds } from '../analysis/tracing/bounds.js';
import { defaultPathBounds } from '../analysis/tracing/bounds.js';

/** The bounds the model's effect summary searched with (see summarizeInterventionEffects). */
type SummaryBounds = Pick<PathBounds, 'maxLength' | 'maxPaths'>;

/** "Aantal slachtoffers: mixed, mostly desired · 200+ paths", the code lens's part for one KPI. */
export function lensPart(graph: ModelGraph, effect: KpiEffect): string {
    const label = graph.labelOf(effect.kpi);
    const verdict = verdictPhrase(effect.effect, effect.verdict, effect.dominant, directionOf(graph, effect));
    return effect.effect === 'none' ? `${label}: ${verdict}` : `${label}: ${verdict} · ${pathCountWords(effect.tally)}`;
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
