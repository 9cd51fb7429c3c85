import { describe, expect, test, vi } from 'vitest';
import type { CompletionItem, TextEdit } from 'vscode-languageserver';
import { maxNestingDepth } from '../language/parser/marvel-parser.js';
import { createWorkspace, positionOf } from './support/workspace.js';

const care = `
category wijk "Wijk" {
    factor buurt "Neighbourhood cohesion"
    factor zorg "Druk op de zorg"
    factor nee "Number of exits"
    factor neighbours "Neighbours who report"
}
`;

/** The completion items at `marker` (plus `shift`) in a file that imports care.marvel (or the text given for it), in the order an editor shows them. */
async function completionAt(text: string, marker: string, shift = marker.length, imported = care): Promise<CompletionItem[]> {
    const ws = await createWorkspace({ 'care.marvel': imported, 'edit.marvel': `import "./care.marvel"\nfactor a "A"\n${text}` });
    const document = ws.documents['edit.marvel'];
    const list = await ws.services.lsp.CompletionProvider!.getCompletion(document, {
        textDocument: { uri: document.uri.toString() }, position: positionOf(document, marker, shift)
    });
    return [...list?.items ?? []].sort((x, y) => (x.sortText ?? '').localeCompare(y.sortText ?? '') || x.label.localeCompare(y.label));
}

function inserted(item: CompletionItem | undefined): string | undefined {
    return (item?.textEdit as TextEdit | undefined)?.newText;
}

describe('completion of factor names', () => {
    test('opens by itself after a sign and after the comma of a fan-out', async () => {
        const ws = await createWorkspace({ 'care.marvel': care });
        expect(ws.services.lsp.CompletionProvider!.completionOptions?.triggerCharacters).toEqual(expect.arrayContaining(['+', '-', '?', ',']));
    });

    test.each(['+', '-', '?'])('offers every factor right after the sign "%s"', async sign => {
        const labels = (await completionAt(`a -> ${sign}`, `-> ${sign}`)).map(item => item.label);
        expect(labels).toEqual(expect.arrayContaining(['a', 'buurt', 'zorg', 'nee', 'neighbours']));
    });

    test('stays closed after a "-" that starts an arrow or a number', async () => {
        expect(await completionAt('a -', 'a -')).toEqual([]);
        expect(await completionAt('scenario s { set a to -', 'to -')).toEqual([]);
    });

    test('offers every factor as a new "+" target after the comma of a fan-out', async () => {
        const rightAfter = await completionAt('a -> +zorg,', '+zorg,');
        expect(rightAfter.map(item => item.label)).toEqual(expect.arrayContaining(['a', 'buurt', 'nee']));
        expect(inserted(rightAfter.find(item => item.label === 'buurt'))).toBe(' +buurt');
        // Nothing is typed yet: the comma is no filter, for the server or for the editor, even where labels have commas.
        const withCommas = await completionAt('a -> +zorg,', '+zorg,', undefined, care.replace('"Druk op de zorg"', '"Druk op de zorg, thuis"'));
        expect(withCommas.map(item => item.label).sort()).toEqual(['a', 'buurt', 'nee', 'neighbours', 'zorg']);
        const range = (withCommas[0].textEdit as TextEdit).range;
        expect(range.start).toEqual(range.end);
        const afterSpace = await completionAt('a -> +zorg, ', '+zorg, ');
        expect(inserted(afterSpace.find(item => item.label === 'buurt'))).toBe('+buurt');
    });

    test('finds a factor by a word of its label and offers it first', async () => {
        const items = await completionAt('a -> +Neigh', '+Neigh');
        expect(items[0]?.label).toBe('buurt');
        expect(inserted(items[0])).toBe('buurt');
        // A name that starts with the typed text ranks with it; names that do not match at all are left out.
        expect(items.map(item => item.label)).toContain('neighbours');
        expect(items.map(item => item.label)).not.toContain('zorg');
        expect(items.map(item => item.label)).not.toContain('a');
    });

    test('ranks names and label words that start with the typed text above looser matches', async () => {
        const items = await completionAt('a -> +ne', '+ne');
        const ranked = items.map(item => item.label);
        // "nee" and "neighbours" start with it, "buurt" has a label word that does ("Number of exits" of "nee" too).
        expect(ranked.slice(0, 3).sort()).toEqual(['buurt', 'nee', 'neighbours']);
    });

    test('answers at once in a file too deeply nested to parse, which has no syntax tree to wait for', async () => {
        const depth = maxNestingDepth + 1;
        const text = Array.from({ length: depth }, (_, i) => `category c${i} "C" {\n`).join('') + 'a -> +' + '}\n'.repeat(depth);
        const ws = await createWorkspace({ 'deep.marvel': text });
        const document = ws.documents['deep.marvel'];
        expect(document.parseResult.value.$cstNode).toBeUndefined();
        // With the clock stopped, waiting for a build would never end.
        vi.useFakeTimers();
        try {
            const list = await ws.services.lsp.CompletionProvider!.getCompletion(document, { textDocument: { uri: document.uri.toString() }, position: positionOf(document, 'a -> +', 6) });
            expect(list?.items ?? []).toBeDefined();
        } finally {
            vi.useRealTimers();
        }
    });
});
