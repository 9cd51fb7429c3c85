import type { ModelGraph } from '../analysis/model-graph.js';
import type { KpiEffect } from '../analysis/tracing/effect-summary.js';

const dominantWords: Record<string, string> = { '+': 'raises it', '-': 'lowers it', 'mixed': 'evenly both ways', '?': 'direction unknown', 'none': 'no effect' };

/** "Aantal slachtoffers: desired · 9 paths", the code lens's part for one KPI. */
export function lensPart(graph: ModelGraph, effect: KpiEffect): string {
    const label = graph.labelOf(effect.kpi);
    if (effect.verdict === 'none') {
        return `${label}: not reached`;
    }
    const count = `${effect.paths}${effect.truncated ? '+' : ''} path${effect.paths === 1 && !effect.truncated ? '' : 's'}`;
    if (effect.verdict !== 'mixed') {
        return `${label}: ${effect.verdict} · ${count}`;
    }
    const balance = mostly(graph, effect);
    return `${label}: mixed, ${balance === 'undecided' ? 'evenly' : `mostly ${balance}`} · ${count}`;
}

/** The sentence of the `mixed-effect` hint. */
export function mixedEffectMessage(graph: ModelGraph, intervention: string, effect: KpiEffect): string {
    const kpi = graph.factor(effect.kpi);
    const lowers = effect.pathsBySign['-'];
    const raises = effect.pathsBySign['+'];
    const found = effect.truncated ? ' (among the shortest paths)' : '';
    const paths = (count: number, verb: string): string => `${count} path${count === 1 ? ` ${verb}s` : `s ${verb}`}`;
    return `${graph.labelOf(intervention)} works both ways on ${kpi ? `'${kpi.label}'` : effect.kpi}: ${paths(raises, 'raise')} it and ${paths(lowers, 'lower')} it${found}; weighed by strength, length and delay it ${dominantWords[effect.dominant] ?? effect.dominant} (${mostly(graph, effect)}).`;
}

function mostly(graph: ModelGraph, effect: KpiEffect): string {
    const direction = graph.factor(effect.kpi)?.direction;
    if (effect.dominant === '+' || effect.dominant === '-') {
        const desired = (effect.dominant === '+') === (direction === 'increase');
        return direction ? (desired ? 'desired' : 'undesired') : effect.dominant;
    }
    return 'undecided';
}
