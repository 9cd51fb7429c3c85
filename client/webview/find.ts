import type { DiagramFactorSummary } from '../../language/protocol/diagram-protocol.js';
import { folded, startsAWord } from '../../language/text/typed-words.js';

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
    const wanted = folded(query.trim());
    if (wanted === '') {
        return undefined;
    }
    return factors.find(f => f.id === query.trim())
        ?? factors.find(f => folded(f.id) === wanted || folded(f.label) === wanted)
        ?? factors.find(f => folded(f.id).startsWith(wanted) || folded(f.label).startsWith(wanted))
        ?? factors.find(f => startsAWord(f.label, wanted))
        ?? factors.find(f => folded(f.id).includes(wanted) || folded(f.label).includes(wanted));
}
