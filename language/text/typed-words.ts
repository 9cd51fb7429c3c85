/**
 * Matching what a modeller types against names and labels, the same in the preview's Find
 * and in the editor's symbol search.
 */

/** Text as it is compared: without case or accents, so "bestrijding" is "Bestrijding" and "een" is "één". */
export function folded(text: string): string {
    return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Whether a word of the text starts with `typed` (folded already): "pakk" starts a word of "Pakkans", not of "Aanpakken". */
export function startsAWord(text: string, typed: string): boolean {
    return folded(text).split(/[^\p{L}\p{N}]+/u).some(word => word.startsWith(typed));
}
