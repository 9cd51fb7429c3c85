/**
 * Files changed on disk behind the editor's back (a git checkout, the Explorer, another
 * program), over stdio against the bundled server (out/server.cjs): the server rebuilds the
 * files that import them and says so, and the preview's next picture shows the change.
 */
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol';
import type { FilesValidatedParams } from '../language/protocol/diagram-protocol.js';
import { DiagramRequest, FilesValidatedNotification } from '../language/protocol/diagram-protocol.js';
import { LanguageServerSession } from './support/language-server-session.js';

const serverBundle = path.join(process.cwd(), 'out', 'server.cjs');
const main = `import "./other.marvel"\nfactor pakkans "Pakkans"\npakkans -> -daders\n`;
const other = `factor daders "Daders"\n`;

describe('files changed on disk', () => {
    let folder: string;
    let session: LanguageServerSession;
    let mainUri: string;
    let otherUri: string;
    const validated: Array<readonly string[]> = [];

    beforeAll(async () => {
        folder = mkdtempSync(path.join(tmpdir(), 'marvel-disk-'));
        writeFileSync(path.join(folder, 'main.marvel'), main);
        writeFileSync(path.join(folder, 'other.marvel'), other);
        mainUri = pathToFileURL(path.join(folder, 'main.marvel')).toString();
        otherUri = pathToFileURL(path.join(folder, 'other.marvel')).toString();
        session = await LanguageServerSession.start(serverBundle, folder);
        session.connection.onNotification(FilesValidatedNotification, (params: FilesValidatedParams) => validated.push(params.uris));
        await session.open(mainUri, main);
    }, 60_000);

    afterAll(async () => {
        await session?.stop();
        rmSync(folder, { recursive: true, force: true });
    });

    const factors = async (): Promise<string[]> => (await session.connection.sendRequest(DiagramRequest, { uri: mainUri, view: {} })).factors.map(f => f.id).sort();

    /** Tells the server of a change on disk, as the editor's file watcher does, and waits until it says the open file was validated anew. */
    async function changedOnDisk(type: FileChangeType): Promise<void> {
        const seen = validated.length;
        await session.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: otherUri, type }] });
        const deadline = Date.now() + 30_000;
        while (!validated.slice(seen).some(uris => uris.includes(mainUri))) {
            if (Date.now() > deadline) {
                throw new Error(`no marvel/filesValidated for main.marvel after the change (${validated.length - seen} others)`);
            }
            await new Promise(resolve => setTimeout(resolve, 50));
        }
    }

    it('says which files it validated anew after an imported file changed, was deleted and came back', async () => {
        expect(await factors()).toEqual(['daders', 'pakkans']);

        writeFileSync(path.join(folder, 'other.marvel'), `${other}factor nieuw "Nieuw"\n`);
        await changedOnDisk(FileChangeType.Changed);
        expect(await factors()).toEqual(['daders', 'nieuw', 'pakkans']);

        unlinkSync(path.join(folder, 'other.marvel'));
        await changedOnDisk(FileChangeType.Deleted);
        expect(await factors()).toEqual(['pakkans']);
        // The import that finds nothing and the relation to a factor no longer declared: the picture leaves out what they touch, and says so.
        expect((await session.connection.sendRequest(DiagramRequest, { uri: mainUri, view: {} })).errors).toBe(2);

        writeFileSync(path.join(folder, 'other.marvel'), other);
        await changedOnDisk(FileChangeType.Created);
        expect(await factors()).toEqual(['daders', 'pakkans']);
        expect((await session.connection.sendRequest(DiagramRequest, { uri: mainUri, view: {} })).errors).toBeUndefined();
    }, 120_000);
});
