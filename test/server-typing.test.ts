/**
 * The bundled language server over stdio while a modeller types in the seed example: a burst of
 * edits with hover, completion and definition in between, and which files' diagnostics are sent.
 * Speed is measured in the benchmark (`npm run bench -- --server`); this asserts behaviour only.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EmptyFileSystem, URI } from 'langium';
import type { CompletionItem, CompletionList, Diagnostic, Hover, Position } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMarvelServices } from '../language/marvel-module.js';
import { examplesDirectory, repositoryRoot } from './support/example-files.js';
import { LanguageServerSession } from './support/language-server-session.js';

const serverBundle = join(repositoryRoot, 'out', 'server.cjs');
const rootName = 'mensenhandel.marvel';

function positionAfter(text: string, needle: string, shift = 0): Position {
    const offset = text.indexOf(needle) + needle.length + shift;
    const before = text.slice(0, offset);
    return { line: before.split('\n').length - 1, character: offset - before.lastIndexOf('\n') - 1 };
}

/** Diagnostics as comparable lines, in position order. */
function normalized(diagnostics: readonly Diagnostic[]): string {
    return diagnostics.map(d => `${d.range.start.line}:${d.range.start.character} ${d.severity} ${String(d.code)} ${d.message}`).sort().join('\n');
}

/** What a fresh in-process build of the same texts reports, by file name. */
async function freshDiagnostics(texts: ReadonlyMap<string, string>): Promise<Map<string, string>> {
    const { shared } = createMarvelServices(EmptyFileSystem);
    const documents = [...texts].map(([name, text]) => {
        const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`file:///model/${name}`));
        shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    return new Map(documents.map(document => [document.uri.path.split('/').pop()!, normalized(document.diagnostics ?? [])]));
}

const nameOf = (uri: string): string => uri.split('/').pop()!;

describe('language server while a modeller types in the seed example', () => {
    let folder: string;
    let session: LanguageServerSession;
    let texts: Map<string, string>;
    let rootUri: string;

    beforeAll(async () => {
        folder = mkdtempSync(join(tmpdir(), 'marvel-typing-'));
        cpSync(join(examplesDirectory, 'mensenhandel'), folder, { recursive: true });
        texts = new Map(readdirSync(folder).filter(name => name.endsWith('.marvel')).map(name => [name, readFileSync(join(folder, name), 'utf8')]));
        rootUri = pathToFileURL(join(folder, rootName)).toString();
        session = await LanguageServerSession.start(serverBundle, folder);
        const opened = session.nextPublication(p => p.uri === rootUri, 30_000);
        await session.open(rootUri, texts.get(rootName)!);
        await opened;
        await session.settled(1000);
    }, 60_000);

    afterAll(async () => {
        await session?.stop();
        if (folder) {
            rmSync(folder, { recursive: true, force: true });
        }
    });

    it('sends diagnostics again only for the edited file when the others stay the same', async () => {
        // Every file of the model is validated again after this edit; only the edited one has news.
        expect(new Set(session.publications.map(p => nameOf(p.uri)))).toEqual(new Set(texts.keys()));
        const from = session.publications.length;
        const edited = texts.get(rootName)!.replace('// Systeemanalyse Mensenhandel', '// Systeemanalyse  Mensenhandel');
        const published = session.nextPublication(p => p.uri === rootUri, 15_000);
        await session.change(rootUri, edited);
        await published;
        await session.settled(1000);
        expect(session.publications.slice(from).map(p => nameOf(p.uri))).toEqual([rootName]);
        await session.change(rootUri, texts.get(rootName)!);
        await session.settled(1000);
    }, 60_000);

    it('answers every request during a burst of 40 edits a second and settles on what a fresh build reports', async () => {
        const original = texts.get(rootName)!;
        const typed = '\nvoedingsbodem -> +slachtoffers (strength: weak) "typed in a test"\n';
        const hoverAt = positionAfter(original, '-> +', 1);
        const completionAt = positionAfter(original, '-> +');
        const definitionAt = positionAfter(original, '-> -', 1);
        const hovers: Array<Promise<Hover | null>> = [];
        const completions: Array<Promise<CompletionItem[] | CompletionList | null>> = [];
        const definitions: Array<Promise<unknown>> = [];
        for (let i = 1; i <= typed.length; i++) {
            await session.change(rootUri, original + typed.slice(0, i));
            if (i % 9 === 0) {
                hovers.push(session.hover(rootUri, hoverAt));
            } else if (i % 9 === 3) {
                completions.push(session.completion(rootUri, completionAt));
            } else if (i % 9 === 6) {
                definitions.push(session.definition(rootUri, definitionAt));
            }
            await new Promise(resolve => setTimeout(resolve, 25));
        }
        // Each answer comes from the text of its moment, so it is about what was asked.
        for (const hover of await Promise.all(hovers)) {
            expect(JSON.stringify(hover?.contents)).toContain('Aantal potenti');
        }
        for (const list of await Promise.all(completions)) {
            expect((list === null ? [] : Array.isArray(list) ? list : list.items).map(item => item.label)).toContain('slachtoffers');
        }
        for (const definition of await Promise.all(definitions)) {
            expect(JSON.stringify(definition)).toContain(rootName);
        }

        await session.settled(1500);
        const expected = await freshDiagnostics(new Map([...texts, [rootName, original + typed]]));
        const shown = new Map([...session.latestDiagnostics()].map(([uri, diagnostics]) => [nameOf(uri), normalized(diagnostics)]));
        expect(shown).toEqual(expected);
    }, 90_000);

    it('opens the factor list at a sign typed while the text before it is still being built', async () => {
        const original = texts.get(rootName)!;
        const lines: string[] = [];
        // Typed key by key at 40 ms, as a modeller types; the editor asks at the '+' and at the comma.
        const typed = '\nvoedingsbodem -> +slachtoffers, +';
        const answers: Array<Promise<CompletionItem[] | CompletionList | null>> = [];
        for (let i = 1; i <= typed.length; i++) {
            const text = original + typed.slice(0, i);
            await session.change(rootUri, text);
            if ('+,'.includes(typed[i - 1])) {
                lines.push(text.slice(text.lastIndexOf('\n') + 1));
                answers.push(session.completion(rootUri, positionAfter(text, text.slice(text.lastIndexOf('\n') + 1))));
            }
            await new Promise(resolve => setTimeout(resolve, 40));
        }
        const labels = (await Promise.all(answers)).map(list => (list === null ? [] : Array.isArray(list) ? list : list.items).map(item => item.label));
        expect(lines).toEqual(['voedingsbodem -> +', 'voedingsbodem -> +slachtoffers,', 'voedingsbodem -> +slachtoffers, +']);
        for (const shown of labels) {
            expect(shown).toEqual(expect.arrayContaining(['slachtoffers', 'pakkans', 'pilotGemeente']));
        }
        await session.change(rootUri, original);
        await session.settled(1500);
    }, 60_000);
});
