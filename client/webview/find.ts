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
 * The factor a query means: its exact name, else its exact label, else the first whose name
 * or label starts with the query, else one with a word of its label starting with it, else
 * one whose name or label contains it (ignoring case and accents, so "bestrijding" finds
 * "Bestrijding" and "een" finds "één"): "pakk" is Pakkans before "Aanpakken van …".
 */
export function findFactor<Factor extends Pick<DiagramFactorSummary, 'id' | 'label'>>(query: string, factors: readonly Factor[]): Factor | undefined {
    const wanted = fold(query.trim());
    if (wanted === '') {
        return undefined;
    }
    const wordStarts = (text: string): boolean => fold(text).split(/[^\p{L}\p{N}]+/u).some(word => word.startsWith(wanted));
    return factors.find(f => f.id === query.trim())
        ?? factors.find(f => fold(f.id) === wanted || fold(f.label) === wanted)
        ?? factors.find(f => fold(f.id).startsWith(wanted) || fold(f.label).startsWith(wanted))
        ?? factors.find(f => wordStarts(f.label))
        ?? factors.find(f => fold(f.id).includes(wanted) || fold(f.label).includes(wanted));
}

function fold(text: string): string {
    return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
