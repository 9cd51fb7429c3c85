import type { DiagramFactorSummary } from '../../language/protocol/diagram-protocol.js';

/** Offers every factor of the model in the find box: its name as the value, its label beside it. */
export function fillSuggestions(list: HTMLDataListElement, factors: readonly DiagramFactorSummary[]): void {
    list.replaceChildren(...factors.map(factor => {
        const option = document.createElement('option');
        option.value = factor.id;
        option.label = factor.label;
        return option;
    }));
}

/**
 * The factor a query means: its exact name, else its exact label, else the first whose
 * name or label contains the query (ignoring case and accents, so "bestrijding" finds
 * "Bestrijding" and "een" finds "één").
 */
export function findFactor(query: string, factors: readonly DiagramFactorSummary[]): DiagramFactorSummary | undefined {
    const wanted = fold(query.trim());
    if (wanted === '') {
        return undefined;
    }
    return factors.find(f => f.id === query.trim())
        ?? factors.find(f => fold(f.id) === wanted || fold(f.label) === wanted)
        ?? factors.find(f => fold(f.id).includes(wanted) || fold(f.label).includes(wanted));
}

function fold(text: string): string {
    return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
