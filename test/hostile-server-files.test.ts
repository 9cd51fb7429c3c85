/**
 * The language server reads files as the command line does (issue 9, items 10 and 15): a
 * model file that became a FIFO or a link to /dev/zero is refused without hanging the
 * server, and imports through symbolic links give the same diagnostics in the editor and
 * in `marvel check`. The services are the server's own (marvelNodeFileSystem); every wait
 * has a timeout, so a hang fails the test.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import type { LangiumDocument } from 'langium';
import { TextDocument, URI } from 'langium';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMarvelServices } from '../language/marvel-module.js';
import { marvelNodeFileSystem } from '../server/marvel-node-file-system.js';
import { registerOutsideImports } from '../server/outside-imports.js';
import { repositoryRoot } from './support/example-files.js';
import { LanguageServerSession } from './support/language-server-session.js';
import { cliWorkspace, runMarvel, writeFiles } from './support/marvel-cli.js';

let work: { directory: string; dispose(): void };

beforeAll(() => {
    work = cliWorkspace();
});

afterAll(() => work.dispose());

function withTimeout<T>(promise: Promise<T>, what: string, ms = 10_000): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The server's services over a folder (as server/main.ts makes them), after the workspace is loaded and built as on startup. */
async function openFolder(folder: string) {
    const { shared, Marvel } = createMarvelServices(marvelNodeFileSystem());
    registerOutsideImports(shared, Marvel);
    shared.workspace.WorkspaceManager.initialize({ processId: null, rootUri: null, capabilities: {}, workspaceFolders: [{ uri: URI.file(folder).toString(), name: 'models' }] });
    await withTimeout(shared.workspace.WorkspaceManager.initialized({}), 'loading the workspace');
    return shared;
}

/** The document's diagnostics; a document that was not validated fails the test. */
function diagnosticsOf(document: LangiumDocument | undefined): string[] {
    expect(document?.diagnostics, 'the document is validated').toBeDefined();
    return document!.diagnostics!.map(d => `${d.range.start.line + 1} ${String(d.code)}`).sort();
}

describe('a model file that turns into a pipe or a device', () => {
    it.each([
        ['a FIFO', (file: string) => execFileSync('mkfifo', [file])],
        ['a link to /dev/zero', (file: string) => symlinkSync('/dev/zero', file)]
    ])('is read as empty when it becomes %s, and the server goes on answering', async (_what, replace) => {
        const folder = writeFiles(path.join(work.directory, `turned-${replace.length}-${Math.random().toString(36).slice(2)}`), {
            'main.marvel': 'import "./deel.marvel"\nfactor a "A"\na -> +b\n',
            'deel.marvel': 'factor b "B"\n'
        });
        const shared = await openFolder(folder);
        const deel = path.join(folder, 'deel.marvel');
        rmSync(deel);
        replace(deel);
        // What the editor's file watcher reports.
        await withTimeout(shared.workspace.DocumentBuilder.update([URI.file(deel)], []), 'rebuilding after the change');
        const main = shared.workspace.LangiumDocuments.getDocument(URI.file(path.join(folder, 'main.marvel')));
        expect(diagnosticsOf(main)).toContain('3 unresolved-reference');
    });
});

describe('a workspace holding a FIFO and a link to /dev/zero', () => {
    it('loads without reading them, and an import of either says why it holds nothing, as marvel check does', async () => {
        const folder = writeFiles(path.join(work.directory, 'devices'), {
            'main.marvel': `import "./pipe.marvel"\nimport "./zero.marvel"\nfactor a "A"\nfactor b "B"\na -> +b\n`
        });
        execFileSync('mkfifo', [path.join(folder, 'pipe.marvel')]);
        symlinkSync('/dev/zero', path.join(folder, 'zero.marvel'));
        const shared = await openFolder(folder);
        const main = URI.file(path.join(folder, 'main.marvel'));
        await withTimeout(shared.workspace.DocumentBuilder.update([main], []), 'validating main.marvel');
        const messages = (): string[] => (shared.workspace.LangiumDocuments.getDocument(main)?.diagnostics ?? []).map(d => `${d.range.start.line + 1} ${String(d.code)}: ${d.message}`);
        // A link to /dev/zero is not a .marvel file by its real name, so it is not found (the import resolver's rule).
        const expected = [
            "1 import-not-found: Cannot read the imported file './pipe.marvel': it is not a regular file (a pipe, device or socket).",
            "2 import-not-found: Cannot find the imported file './zero.marvel' (resolved relative to this file)."
        ];
        await withTimeout(until(() => messages().join() === expected.join()), `the reasons (now: ${messages().join(' | ')})`);
        expect(shared.workspace.LangiumDocuments.all.toArray()).toHaveLength(1);
        const cli = await runMarvel(['check', 'main.marvel', '--format', 'json'], folder);
        expect((JSON.parse(cli.stdout) as { diagnostics: Array<{ line: number; code: string; message: string }> }).diagnostics.map(d => `${d.line} ${d.code}: ${d.message}`)).toEqual(expected);
    });

    it('says why an imported file larger than MARVEL reads holds nothing, in the editor and in marvel check', async () => {
        const folder = writeFiles(path.join(work.directory, 'too-large'), {
            'main.marvel': `import "./big.marvel"\nfactor a "A"\nfactor b "B"\na -> +b\n`
        });
        execFileSync('truncate', ['-s', '70M', path.join(folder, 'big.marvel')]);
        const shared = await openFolder(folder);
        const main = URI.file(path.join(folder, 'main.marvel'));
        await withTimeout(shared.workspace.DocumentBuilder.update([main], []), 'validating main.marvel');
        const expected = "1 import-not-found: Cannot read the imported file './big.marvel': it is 70 MB; MARVEL reads model files of at most 64 MB.";
        const messages = (): string[] => (shared.workspace.LangiumDocuments.getDocument(main)?.diagnostics ?? []).map(d => `${d.range.start.line + 1} ${String(d.code)}: ${d.message}`);
        await withTimeout(until(() => messages().includes(expected)), `the reason (now: ${messages().join(' | ')})`);
        const cli = await runMarvel(['check', 'main.marvel', '--format', 'json'], folder);
        expect((JSON.parse(cli.stdout) as { diagnostics: Array<{ line: number; code: string; message: string }> }).diagnostics.map(d => `${d.line} ${d.code}: ${d.message}`)).toContain(expected);
    });
});

describe('symbolic links: one document per real file, the same answer in editor and CLI', () => {
    it('resolves an import through a link to a file of the workspace, as marvel check does', async () => {
        const folder = writeFiles(path.join(work.directory, 'linked'), {
            'a.marvel': 'import "./link.marvel"\nfactor a "A"\na -> +b\n',
            'b.marvel': 'import "./a.marvel"\nfactor b "B"\nb -> +a\n'
        });
        symlinkSync('b.marvel', path.join(folder, 'link.marvel'));
        const shared = await openFolder(folder);
        const a = URI.file(path.join(folder, 'a.marvel'));
        // Validated as when the editor opens it.
        await withTimeout(shared.workspace.DocumentBuilder.update([a], []), 'validating a.marvel');
        const editor = diagnosticsOf(shared.workspace.LangiumDocuments.getDocument(a));
        const cli = await runMarvel(['check', 'a.marvel', '--format', 'json'], folder);
        const cliDiagnostics = (JSON.parse(cli.stdout) as { diagnostics: Array<{ file: string; line: number; code: string }> }).diagnostics
            .filter(d => d.file === 'a.marvel').map(d => `${d.line} ${d.code}`).sort();
        expect(editor).toEqual([]);
        expect(cliDiagnostics).toEqual(editor);
        expect(shared.workspace.LangiumDocuments.all.toArray().map(d => path.basename(d.uri.fsPath)).sort()).toEqual(['a.marvel', 'b.marvel']);
    });

    it('loads a .marvel file of the workspace that is a link, under its real path, as marvel check does with the folder', async () => {
        const root = writeFiles(path.join(work.directory, 'linked-folder'), {
            'shared/b.marvel': 'factor b "B"\n',
            'ws/a.marvel': 'import "./linked/b.marvel"\nfactor a "A"\na -> +b\n'
        });
        const folder = path.join(root, 'ws');
        symlinkSync(path.join(root, 'shared', 'b.marvel'), path.join(writeFiles(path.join(folder, 'linked'), {}), 'b.marvel'));
        const shared = await openFolder(folder);
        const a = URI.file(path.join(folder, 'a.marvel'));
        await withTimeout(shared.workspace.DocumentBuilder.update([a], []), 'validating a.marvel');
        expect(diagnosticsOf(shared.workspace.LangiumDocuments.getDocument(a))).toEqual([]);
        expect(shared.workspace.LangiumDocuments.all.toArray().map(d => d.uri.fsPath).sort()).toEqual([path.join(root, 'shared', 'b.marvel'), path.join(folder, 'a.marvel')].sort());
        const cli = await runMarvel(['check', 'ws', '--format', 'json'], root);
        expect(cli.status).toBe(0);
        expect(JSON.parse(cli.stdout)).toEqual({ diagnostics: [] });
    });

    it('gives a file opened through a link the diagnostics of its real file, without duplicate names', async () => {
        const folder = writeFiles(path.join(work.directory, 'opened-link'), {
            'real/a.marvel': 'import "./b.marvel"\nfactor a "A"\na -> +b\n',
            'real/b.marvel': 'factor b "B"\n'
        });
        symlinkSync(path.join(folder, 'real', 'a.marvel'), path.join(writeFiles(path.join(folder, 'linked'), {}), 'a.marvel'));
        const shared = await openFolder(folder);
        const linked = URI.file(path.join(folder, 'linked', 'a.marvel'));
        // What the editor does when the user opens the file by the link's path.
        shared.workspace.TextDocuments!.set(TextDocument.create(linked.toString(), 'marvel', 1, readFileSync(linked.fsPath, 'utf8')));
        await withTimeout(shared.workspace.DocumentBuilder.update([linked], []), 'opening linked/a.marvel');
        expect(diagnosticsOf(shared.workspace.LangiumDocuments.getDocument(linked))).toEqual([]);
        const cli = await runMarvel(['check', path.join('linked', 'a.marvel'), '--format', 'json'], folder);
        expect(JSON.parse(cli.stdout)).toEqual({ diagnostics: [] });
    });

    it('reads an import from outside the workspace folder, as marvel check does', async () => {
        const root = writeFiles(path.join(work.directory, 'outside'), {
            'shared/base.marvel': 'factor b "B"\n',
            'ws/a.marvel': 'import "../shared/base.marvel"\nfactor a "A"\na -> +b\n'
        });
        const shared = await openFolder(path.join(root, 'ws'));
        const a = URI.file(path.join(root, 'ws', 'a.marvel'));
        await withTimeout(shared.workspace.DocumentBuilder.update([a], []), 'validating a.marvel');
        await withTimeout(until(() => shared.workspace.LangiumDocuments.getDocument(a)?.diagnostics?.length === 0), 'loading the import');
        const cli = await runMarvel(['check', path.join('ws', 'a.marvel'), '--format', 'json'], root);
        expect(JSON.parse(cli.stdout)).toEqual({ diagnostics: [] });
    });
});

describe('a file opened through a link, over the protocol', () => {
    it('lists its problems once, under the link, while the real file is open too, and under the real file again once the link is closed', async () => {
        const text = 'factor a "A"\na -> +onbekend\n';
        const folder = writeFiles(path.join(work.directory, 'opened-link-protocol'), { 'real/a.marvel': text });
        symlinkSync(path.join(folder, 'real', 'a.marvel'), path.join(writeFiles(path.join(folder, 'linked'), {}), 'a.marvel'));
        const real = URI.file(path.join(folder, 'real', 'a.marvel')).toString();
        const linked = URI.file(path.join(folder, 'linked', 'a.marvel')).toString();
        const session = await LanguageServerSession.start(path.join(repositoryRoot, 'out', 'server.cjs'), folder);
        try {
            await session.open(real, text);
            await session.nextPublication(p => p.uri === real && p.diagnostics.length > 0, 30_000);
            await session.open(linked, text);
            await session.nextPublication(p => p.uri === linked && p.diagnostics.length > 0, 30_000);
            await session.settled(500);
            expect(session.latestDiagnostics().get(real)).toEqual([]);
            expect(session.latestDiagnostics().get(linked)?.map(d => d.code)).toEqual(['unresolved-reference']);
            await session.close(linked);
            await session.nextPublication(p => p.uri === real && p.diagnostics.length > 0, 30_000);
        } finally {
            await session.stop();
        }
    }, 120_000);
});

/** Resolves once `condition` holds, checking every 50 ms. */
function until(condition: () => boolean): Promise<void> {
    return new Promise(resolve => {
        const check = (): void => {
            if (condition()) {
                resolve();
            } else {
                setTimeout(check, 50);
            }
        };
        check();
    });
}
