/**
 * Command ids that the language server names (in code lenses) and the extension registers, or
 * that one part of the extension hands to another (tree items): declared once for both.
 * package.json's `contributes.commands` lists the same ids for VS Code.
 */
export const MarvelCommand = {
    showPreview: 'marvel.showPreview',
    showPreviewToSide: 'marvel.showPreviewToSide',
    traceIntervention: 'marvel.traceIntervention',
    revealLocation: 'marvel.revealLocation',
    showLoop: 'marvel.showLoop',
    compareWith: 'marvel.compareWith'
} as const;
