/**
 * The robustness shares in the intervention code lens (`marvel.codeLens.robustnessSamples`):
 * in process with a stand-in sampling thread, to see exactly what is started, stopped, cached
 * and dropped; and the bundled language server over stdio with its real worker, to see the
 * shares equal what `marvel simulate --samples` reports and that hover does not wait for them.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeLens, Hover } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lensPart, percent } from '../language/text/effect-text.js';
import type { LensSamplingReply, LensSamplingTask } from '../server/simulation/lens-sampling-messages.js';
import type { SamplingThread } from '../server/simulation/lens-sampling.js';
import { WorkerLensRobustness } from '../server/simulation/lens-sampling.js';
import { examplesDirectory, repositoryRoot } from './support/example-files.js';
import { LanguageServerSession } from './support/language-server-session.js';
import { runMarvel } from './support/marvel-cli.js';
import { graphOf, TestWorkspace, testServices } from './support/workspace.js';

const model = `kpi slachtoffers "Aantal slachtoffers" decrease
intervention pilot "Pilot gemeente"
intervention stil "Stille aanpak"
factor pakkans "Pakkans"
pilot -> +pakkans
stil -> +pakkans (strength: weak)
pakkans -> -slachtoffers
`;

/** A sampling thread that runs nothing: the test sees each task and answers when it likes. */
class StandInThread implements SamplingThread {
    readonly tasks: LensSamplingTask[] = [];
    stopped = false;
    private replyListener?: (reply: LensSamplingReply) => void;

    run(task: LensSamplingTask): void {
        this.tasks.push(task);
    }

    onReply(listener: (reply: LensSamplingReply) => void): void {
        this.replyListener = listener;
    }

    onFailure(): void {}

    stop(): void {
        this.stopped = true;
    }

    /** Answers a task as if every intervention's verdicts were desired in 3 of 4 samples. */
    answer(task: LensSamplingTask): void {
        const shares = Object.fromEntries(task.interventions.map(id => [id, { drawn: task.samples, kept: task.samples, kpis: { slachtoffers: { desired: 0.75, undesired: 0.25 } } }]));
        this.replyListener?.({ id: task.id, shares });
    }
}

/** A workspace whose lens sampling runs on stand-in threads, with the refreshes it asks for counted. */
function sampledWorkspace(samples: number | undefined, timeLimitMs?: number): { workspace: TestWorkspace; threads: StandInThread[]; refreshes: () => number } {
    const threads: StandInThread[] = [];
    let refreshes = 0;
    const services = testServices({
        lensRobustness: marvel => new WorkerLensRobustness(marvel, {
            startThread: () => {
                const thread = new StandInThread();
                threads.push(thread);
                return thread;
            },
            refresh: () => { refreshes++; },
            ...(timeLimitMs !== undefined ? { timeLimitMs } : {})
        })
    });
    if (samples !== undefined) {
        services.shared.workspace.ConfigurationProvider.updateConfiguration({ settings: { marvel: { codeLens: { robustnessSamples: samples } } } });
    }
    return { workspace: new TestWorkspace(services), threads, refreshes: () => refreshes };
}

async function lensTitles(workspace: TestWorkspace, name: string): Promise<string[]> {
    const document = workspace.document(name);
    const lenses = await workspace.services.lsp.CodeLensProvider!.provideCodeLens(document, { textDocument: { uri: document.uri.toString() } });
    return (lenses ?? []).map(lens => lens.command?.title ?? '');
}

describe('robustness shares in the code lens, in process', () => {
    it('are off by default: no share in the lens and no sampling thread started', async () => {
        const { workspace, threads } = sampledWorkspace(undefined);
        await workspace.open({ 'model.marvel': model });
        expect(await lensTitles(workspace, 'model.marvel')).toEqual(['Aantal slachtoffers: desired · 1 path', 'Aantal slachtoffers: desired · 1 path']);
        expect(threads).toEqual([]);
    });

    it('show the lens at once without the share, sample the file\'s interventions once, then show the share after a refresh', async () => {
        const { workspace, threads, refreshes } = sampledWorkspace(500);
        await workspace.open({ 'model.marvel': model });
        expect(await lensTitles(workspace, 'model.marvel')).toEqual(['Aantal slachtoffers: desired · 1 path', 'Aantal slachtoffers: desired · 1 path']);
        expect(threads).toHaveLength(1);
        expect(threads[0].tasks.map(task => [task.interventions, task.samples, task.seed])).toEqual([[['pilot', 'stil'], 500, 1]]);
        // Asked again while it samples: nothing new is started.
        await lensTitles(workspace, 'model.marvel');
        expect(threads[0].tasks).toHaveLength(1);
        threads[0].answer(threads[0].tasks[0]);
        expect(refreshes()).toBe(1);
        const sampled = 'Aantal slachtoffers: desired · 1 path · desired in 75 % of 500 samples';
        expect(await lensTitles(workspace, 'model.marvel')).toEqual([sampled, sampled]);
        // Cached by content: asking again, or after an edit that leaves the dynamics alone, samples nothing.
        await workspace.edit('model.marvel', model.replace('"Pilot gemeente"', '"Pilot in de gemeente"'));
        expect(await lensTitles(workspace, 'model.marvel')).toEqual([sampled, sampled]);
        expect(threads.flatMap(thread => thread.tasks)).toHaveLength(1);
    });

    it('drop the sampling of an edited model: the running thread is stopped and its late result never shown', async () => {
        const { workspace, threads, refreshes } = sampledWorkspace(500);
        await workspace.open({ 'model.marvel': model });
        await lensTitles(workspace, 'model.marvel');
        const [oldThread] = threads;
        await workspace.edit('model.marvel', model.replace('(strength: weak)', '(strength: strong)'));
        expect(oldThread.stopped).toBe(true);
        oldThread.answer(oldThread.tasks[0]);
        expect(refreshes()).toBe(0);
        expect(await lensTitles(workspace, 'model.marvel')).toEqual(['Aantal slachtoffers: desired · 1 path', 'Aantal slachtoffers: desired · 1 path']);
        // The edited text is sampled on a fresh thread.
        expect(threads).toHaveLength(2);
        expect(threads[1].tasks.map(task => task.graph.relations.find(relation => relation.source === 'stil')?.strengthClass)).toEqual(['strong']);
    });

    it('skip a model too large to sample and say so in the lens, without starting a thread', async () => {
        const { workspace, threads } = sampledWorkspace(2000);
        const chain = Array.from({ length: 1500 }, (_, i) => `factor f${i} "F ${i}"\nf${i} -> +f${i + 1}`).join('\n');
        await workspace.open({ 'model.marvel': `${model}${chain}\nfactor f1500 "F 1500"\npakkans -> +f0\n` });
        const titles = await lensTitles(workspace, 'model.marvel');
        expect(titles).toHaveLength(2);
        expect(titles[0]).toMatch(/^Aantal slachtoffers: desired · 1 path · robustness not sampled: 2000 samples of 2 interventions in a model of 1505 factors and 1504 relations is more work than a lens may take; lower marvel\.codeLens\.robustnessSamples/);
        expect(threads).toEqual([]);
    });
    it('stop a sampling that runs past its time limit, and say so in the lens instead of trying again', async () => {
        const { workspace, threads, refreshes } = sampledWorkspace(500, 1);
        await workspace.open({ 'model.marvel': model });
        await lensTitles(workspace, 'model.marvel');
        await new Promise(resolve => setTimeout(resolve, 20));
        expect(threads[0].stopped).toBe(true);
        expect(refreshes()).toBe(1);
        expect(await lensTitles(workspace, 'model.marvel')).toEqual(Array(2).fill('Aantal slachtoffers: desired · 1 path · robustness not sampled: it took longer than 0 s'));
        expect(threads.flatMap(thread => thread.tasks)).toHaveLength(1);
    });
});

describe('the share in a lens part', () => {
    const tally = { found: 4, bySign: { '+': 2, '-': 2, '?': 0 }, truncatedBy: [] };
    const shares = { desired: 0.25, undesired: 0.7, none: 0.05 };

    it('weighs the verdict the paths point to, for a mixed effect the way it leans, and counts the samples that ran away', async () => {
        const graph = await graphOf(model);
        expect(lensPart(graph, { kpi: 'slachtoffers', effect: '-', verdict: 'desired', dominant: '-', tally }, { shares, kept: 497, drawn: 500 }))
            .toBe('Aantal slachtoffers: desired · 4 paths · desired in 25 % of 497 samples (3 ran away)');
        expect(lensPart(graph, { kpi: 'slachtoffers', effect: 'mixed', verdict: 'mixed', dominant: '+', tally }, { shares, kept: 500, drawn: 500 }))
            .toBe('Aantal slachtoffers: mixed, mostly undesired · 4 paths · undesired in 70 % of 500 samples');
    });

    it('gives the verdict most samples reach where the paths leave it open, and nothing where no sample can judge', async () => {
        const graph = await graphOf(model);
        expect(lensPart(graph, { kpi: 'slachtoffers', effect: 'mixed', verdict: 'mixed', dominant: 'mixed', tally }, { shares, kept: 500, drawn: 500 }))
            .toBe('Aantal slachtoffers: mixed, evenly balanced · 4 paths · undesired in 70 % of 500 samples');
        expect(lensPart(graph, { kpi: 'slachtoffers', effect: 'none', verdict: 'none', dominant: 'none', tally: { ...tally, found: 0 } }, { shares: { none: 1 }, kept: 500, drawn: 500 }))
            .toBe('Aantal slachtoffers: not reached');
        // Not reached as far as the search went: the lens names the bound, as the trace panel does.
        expect(lensPart(graph, { kpi: 'slachtoffers', effect: 'none', verdict: 'none', dominant: 'none', tally: { ...tally, found: 0, truncatedBy: ['length'] } }))
            .toBe('Aantal slachtoffers: no path within the bounds (paths longer than 10 relations are not followed)');
        expect(lensPart(graph, { kpi: 'slachtoffers', effect: '-', verdict: 'desired', dominant: '-', tally }, { shares: {}, kept: 0, drawn: 500 }))
            .toBe('Aantal slachtoffers: desired · 4 paths · all 500 samples ran away');
        const undirected = await graphOf(model.replace(' decrease', ''));
        expect(lensPart(undirected, { kpi: 'slachtoffers', effect: '-', verdict: 'none', dominant: '-', tally }, { shares: { none: 1 }, kept: 500, drawn: 500 }))
            .toBe('Aantal slachtoffers: lowers it · 4 paths');
    });
});

describe('robustness shares in the code lens, from the language server over stdio', () => {
    const serverBundle = join(repositoryRoot, 'out', 'server.cjs');
    const samples = 500;
    let folder: string;

    beforeAll(() => {
        folder = mkdtempSync(join(tmpdir(), 'marvel-lens-robustness-'));
        cpSync(join(examplesDirectory, 'mensenhandel'), folder, { recursive: true });
    });

    afterAll(() => {
        rmSync(folder, { recursive: true, force: true });
    });

    /** Starts a server with the setting, opens a file of the seed example and asks for its lenses once. */
    async function openWithSetting(name: string, robustnessSamples: number | undefined): Promise<{ session: LanguageServerSession; uri: string; first: CodeLens[] }> {
        const session = await LanguageServerSession.start(serverBundle, folder, robustnessSamples === undefined ? undefined : { marvel: { codeLens: { robustnessSamples } } });
        const uri = pathToFileURL(join(folder, name)).toString();
        const opened = session.nextPublication(p => p.uri === uri, 30_000);
        await session.open(uri, readFileSync(join(folder, name), 'utf8'));
        await opened;
        return { session, uri, first: (await session.codeLenses(uri)) ?? [] };
    }

    it('with the setting on, each lens comes at once without a share, then carries the shares `marvel simulate --samples` reports for that intervention alone', async () => {
        const { session, uri, first } = await openWithSetting('hulpverlening.marvel', samples);
        try {
            expect(first.length).toBe(6);
            expect(first.some(lens => lens.command?.title.includes('samples'))).toBe(false);
            await session.codeLensRefreshAfter(0, 60_000);
            const lenses = (await session.codeLenses(uri)) ?? [];
            expect(lenses.map(lens => lens.command?.arguments?.[1])).toEqual(first.map(lens => lens.command?.arguments?.[1]));
            // The first, and the one whose verdict on the number of victims fails in some samples.
            const compared: string[] = [];
            for (const lens of lenses.filter((lens, i) => i === 0 || lens.command?.arguments?.[1] === 'startZorgtraject')) {
                const intervention = String(lens.command!.arguments![1]);
                const simulated = await simulateAlone(intervention);
                // One part per KPI, in the model's order, as simulate lists them.
                const parts = lens.command!.title.split(' | ');
                expect(parts.length).toBe(simulated.kpis.length);
                parts.forEach((part, k) => {
                    const [, verdict, share, kept] = / · (desired|undesired) in (\d+ %) of (\d+) samples$/.exec(part) ?? [];
                    expect(verdict, part).toBeDefined();
                    expect(share, part).toBe(percent(simulated.kpis[k][verdict] ?? 0));
                    expect(Number(kept)).toBe(samples - simulated.diverged);
                    compared.push(share);
                });
            }
            // Not all certain: a share that a wrong seed or count would change is among them.
            expect(compared.some(share => share !== '100 %')).toBe(true);
        } finally {
            await session.stop();
        }
    });

    it('with the setting off, the lenses carry no share and no refresh is asked for; turned on, the lenses are refreshed and sampled', async () => {
        const { session, uri, first } = await openWithSetting('beleid.marvel', undefined);
        try {
            expect(first.length).toBe(4);
            expect(first.some(lens => lens.command?.title.includes('samples'))).toBe(false);
            // A later request is answered after anything the first could have started.
            expect(((await session.codeLenses(uri)) ?? []).some(lens => lens.command?.title.includes('samples'))).toBe(false);
            expect(session.codeLensRefreshes).toBe(0);
            await session.changeSettings({ marvel: { codeLens: { robustnessSamples: 50 } } });
            await session.codeLensRefreshAfter(0, 30_000);
            expect(((await session.codeLenses(uri)) ?? []).some(lens => lens.command?.title.includes('samples'))).toBe(false);
            await session.codeLensRefreshAfter(1, 60_000);
            expect(((await session.codeLenses(uri)) ?? []).every(lens => / in \d+ % of 50 samples/.test(lens.command?.title ?? ''))).toBe(true);
        } finally {
            await session.stop();
        }
    });

    it('answers a hover while the sampling runs: before the shares are ready', async () => {
        const { session, uri, first } = await openWithSetting('bewustwording.marvel', 500);
        try {
            expect(first.some(lens => lens.command?.title.includes('samples'))).toBe(false);
            const text = readFileSync(join(folder, 'bewustwording.marvel'), 'utf8');
            const offset = text.indexOf('showcases "');
            const before = text.slice(0, offset);
            const hover: Hover | null = await session.hover(uri, { line: before.split('\n').length - 1, character: offset - before.lastIndexOf('\n') });
            expect(JSON.stringify(hover?.contents)).toContain('Impactvolle showcases');
            expect(session.codeLensRefreshes).toBe(0);
            await session.codeLensRefreshAfter(0, 120_000);
            expect(((await session.codeLenses(uri)) ?? []).every(lens => / of \d+ samples/.test(lens.command?.title ?? ''))).toBe(true);
        } finally {
            await session.stop();
        }
    }, 180_000);

    /** `marvel simulate --samples N --seed 1` of a scenario setting the intervention alone as the lens does (0.8 over 1), in a copy of the example. */
    async function simulateAlone(intervention: string): Promise<{ kpis: Record<string, number>[]; diverged: number }> {
        const copy = mkdtempSync(join(tmpdir(), 'marvel-lens-alone-'));
        try {
            cpSync(folder, copy, { recursive: true });
            const root = join(copy, 'mensenhandel.marvel');
            writeFileSync(root, `${readFileSync(root, 'utf8')}\nscenario lensAlone "Alone" {\n    set ${intervention} to 0.8 over 1\n}\n`);
            const run = await runMarvel(['simulate', root, '--scenario', 'lensAlone', '--samples', String(samples), '--seed', '1', '--format', 'json']);
            expect(run.stderr).toBe('');
            const json = JSON.parse(run.stdout) as { robustness: { diverged: number; kpis: Record<string, { shares: Record<string, number> }> } };
            return { diverged: json.robustness.diverged, kpis: Object.values(json.robustness.kpis).map(kpi => kpi.shares) };
        } finally {
            rmSync(copy, { recursive: true, force: true });
        }
    }
});
