/**
 * The preview's `marvel/diffPicture` request against the bundled language server (out/server.cjs):
 * the open model compared with a git revision (its imports from the same revision), with the
 * index, with another file, and the sentences for an old side that cannot be read.
 */
import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiffPictureParams, DiffPictureResponse } from '../language/protocol/diff-protocol.js';
import { DiffPictureRequest } from '../language/protocol/diff-protocol.js';
import { LanguageServerSession } from './support/language-server-session.js';
import { gitRepository } from './support/marvel-cli.js';

const serverBundle = path.join(process.cwd(), 'out', 'server.cjs');

const shared = `kpi slachtoffers "Slachtoffers" decrease
factor daders "Daders"
`;
const main = `import "./shared.marvel"
intervention pilot "Pilot"
factor pakkans "Pakkans"
factor oud "Oud"
pilot -> +pakkans
pakkans -> -daders
daders -> +slachtoffers
oud -> +daders
`;
/** In the editor: a sign flipped (the pilot's verdict turns), a strength changed, `oud` removed, `nieuw` added. */
const edited = main
    .replace('pakkans -> -daders', 'pakkans -> +daders')
    .replace('pilot -> +pakkans', 'pilot -> +pakkans (strength: strong)')
    .replace('factor oud "Oud"\n', 'factor nieuw "Nieuw"\n')
    .replace('oud -> +daders', 'nieuw -> +daders');

describe('the marvel/diffPicture request', () => {
    let repository: ReturnType<typeof gitRepository>;
    let session: LanguageServerSession;
    let mainUri: string;

    beforeAll(async () => {
        repository = gitRepository({ 'main.marvel': main, 'shared.marvel': shared });
        // Saved but not committed: an imported file changed on disk too (the revision must not see it).
        writeFileSync(path.join(repository.dir, 'shared.marvel'), shared.replace('"Daders"', '"Aantal daders"'));
        session = await LanguageServerSession.start(serverBundle, repository.dir);
        mainUri = pathToFileURL(path.join(repository.dir, 'main.marvel')).toString();
        await session.open(mainUri, edited);
    }, 60_000);

    afterAll(async () => {
        await session?.stop();
        rmSync(repository.dir, { recursive: true, force: true });
    });

    const request = (old: DiffPictureParams['old'], scope?: DiffPictureParams['scope']): Promise<DiffPictureResponse> =>
        session.connection.sendRequest(DiffPictureRequest, { uri: mainUri, view: {}, old, scope });

    it('draws the union with HEAD, its imports read from HEAD, and lists every change with its words', async () => {
        const answer = await request({ uri: mainUri, revision: 'HEAD', label: 'HEAD' });
        expect(answer.problem).toBeUndefined();
        expect(answer.version).toBe(1);
        const diff = answer.diff!;
        expect(diff.against).toBe('HEAD');
        expect(answer.scene!.nodes.map(n => n.id).sort()).toEqual(['daders', 'nieuw', 'oud', 'pakkans', 'pilot', 'slachtoffers']);
        const relation = (source: string, target: string): number => answer.scene!.edges.find(e => e.source === source && e.target === target)!.relation;
        expect(diff.marking.factors).toEqual({
            nieuw: { kind: 'added', details: [] },
            oud: { kind: 'removed', details: [] },
            // HEAD's shared.marvel says "Daders", the disk now "Aantal daders": the old side's import came from HEAD.
            daders: { kind: 'changed', details: ["label 'Daders' \u2192 'Aantal daders'"] }
        });
        expect(diff.marking.relations[relation('pilot', 'pakkans')]).toEqual({ kind: 'changed', details: ['strength average \u2192 strong'] });
        expect(diff.marking.relations[relation('pakkans', 'daders')]).toEqual({ kind: 'changed', details: ['sign - \u2192 +'] });
        expect(diff.marking.relations[relation('oud', 'daders')].kind).toBe('removed');
        expect(diff.marking.relations[relation('nieuw', 'daders')].kind).toBe('added');
        expect(diff.marking.relations[relation('daders', 'slachtoffers')]).toBeUndefined();

        expect(diff.review.changes.map(c => `${c.kind}: ${c.text}`)).toEqual([
            // Factors in the union's order (the open file first, a removed one where it stood), then relations.
            'removed: Oud',
            'added: Nieuw',
            "changed: Aantal daders: label 'Daders' \u2192 'Aantal daders'",
            'changed: Pilot \u2192 Pakkans: strength average \u2192 strong',
            'changed: Pakkans \u2192 Aantal daders: sign - \u2192 +',
            'added: Nieuw \u2192 Aantal daders: sign +',
            'removed: Oud \u2192 Aantal daders: sign +'
        ]);
        expect(diff.review.verdicts.map(v => v.text)).toEqual(['Pilot on Slachtoffers: desired \u2192 undesired']);
        expect(diff.review.summary).toMatch(/1 factor added, 1 factor removed, 1 factor changed, 1 relation added, 1 relation removed, 1 sign flipped, 1 relation changed/);
    });

    it('compares with the index and with another file', async () => {
        const index = await request({ uri: mainUri, revision: '', label: 'Index' });
        expect(index.diff!.marking.factors.nieuw).toEqual({ kind: 'added', details: [] });
        const otherFile = path.join(repository.dir, 'other.marvel');
        writeFileSync(otherFile, edited.replace('factor nieuw "Nieuw"', 'factor nieuw "Nieuwer"'));
        const other = await request({ uri: pathToFileURL(otherFile).toString(), label: 'other.marvel' });
        expect(other.diff!.marking.factors).toEqual({ nieuw: { kind: 'changed', details: ["label 'Nieuwer' \u2192 'Nieuw'"] } });
        expect(other.diff!.review.verdicts).toEqual([]);
        // The editor's text of the old side wins over what the revision holds.
        const given = await request({ uri: mainUri, revision: 'HEAD', text: edited, label: 'HEAD' });
        expect(Object.keys(given.diff!.marking.factors)).toEqual(['daders']);
    });

    it('draws the change alone: the changed factors and the factors one relation from them', async () => {
        // Only the sign into the KPI differs from the editor's text (and the label of the import, read from HEAD).
        const old = { uri: mainUri, revision: 'HEAD', text: edited.replace('daders -> +slachtoffers', 'daders -> -slachtoffers'), label: 'HEAD' };
        const alone = await request(old, 'neighbourhood');
        expect(alone.scene!.nodes.map(n => n.id).sort()).toEqual(['daders', 'nieuw', 'pakkans', 'slachtoffers']);
        expect(alone.diff!.review.changes.map(c => c.text)).toEqual(["Aantal daders: label 'Daders' \u2192 'Aantal daders'", 'Aantal daders \u2192 Slachtoffers: sign - \u2192 +']);
        expect((await request(old)).scene!.nodes.map(n => n.id)).toContain('pilot');
    });

    it('says in a sentence why an old side cannot be compared, and keeps serving', async () => {
        const unknown = await request({ uri: mainUri, revision: 'no-such-branch', label: 'no-such-branch' });
        expect(unknown.diff).toBeUndefined();
        expect(unknown.problem).toBe("Cannot compare with no-such-branch: 'no-such-branch' is neither a file nor a known git revision.");
        expect(unknown.oldProblem).toBe(unknown.problem);
        const missing = await request({ uri: pathToFileURL(path.join(repository.dir, 'gone.marvel')).toString(), label: 'gone.marvel' });
        expect(missing.problem).toMatch(/^Cannot compare with gone\.marvel: .*gone\.marvel/);
        expect((await request({ uri: mainUri, revision: 'HEAD', label: 'HEAD' })).diff).toBeDefined();
    });
});

