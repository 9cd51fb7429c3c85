import { performance } from 'node:perf_hooks';
import type { LangiumDocument } from 'langium';
import { WorkerLensRobustness } from '../server/simulation/lens-sampling.js';
import { buildWorkspace, createServices } from './bench-workspace.js';
import type { CaseInput } from './run-case.js';
import type { Timing } from './measure.js';
import type { Target } from './report.js';

/** The seed example's file with the most interventions: the longest a lens waits for its shares. */
const largestFile = 'bewustwording.marvel';
const lensSamples = 500;

export interface LensSharesFigures {
    readonly targets: readonly Target[];
    /** Every file's lenses in turn, as when a modeller opens the whole example. */
    readonly allFiles: { readonly interventions: number; readonly timing: Timing };
}

/**
 * The intervention code lens with `marvel.codeLens.robustnessSamples: 500` on the seed example,
 * as the language server runs it: the lens request answers at once and the worker thread
 * (out/lens-sampling-worker.cjs) samples. Measured are the wall time until the shares are
 * ready (the editor is asked to refresh) and the main thread's busy time meanwhile (event
 * loop utilisation), which is what typing would feel.
 */
export async function measureLensShares(input: CaseInput): Promise<LensSharesFigures> {
    let ready: (() => void) | undefined;
    const services = createServices({ ...input.context, lensRobustness: marvel => new WorkerLensRobustness(marvel, { refresh: () => ready?.() }) });
    const { workspace } = await buildWorkspace(services, input.files);
    const lenses = workspace.marvel.lsp.CodeLensProvider!;
    const shared = workspace.shared.workspace;
    const setSamples = (robustnessSamples: number): void => shared.ConfigurationProvider.updateConfiguration({ settings: { marvel: { codeLens: { robustnessSamples } } } });

    /** Requests the lenses of one file and waits for the refresh that brings its shares. */
    const sampleFile = async (document: LangiumDocument): Promise<{ timing: Timing; mainThreadMs: number }> => {
        const refreshed = new Promise<void>(resolve => { ready = resolve; });
        const busyBefore = performance.eventLoopUtilization();
        const cpuBefore = process.cpuUsage();
        const start = performance.now();
        // The worker thread keeps no process alive (in the server the connection does); here a timer does.
        const keepAlive = setInterval(() => undefined, 1000);
        await lenses.provideCodeLens(document, { textDocument: { uri: document.uri.toString() } });
        await refreshed;
        clearInterval(keepAlive);
        const wallMs = performance.now() - start;
        const cpu = process.cpuUsage(cpuBefore);
        const busy = performance.eventLoopUtilization(busyBefore);
        return { timing: { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 }, mainThreadMs: busy.active };
    };

    const largest = workspace.documents.find(document => document.uri.path.endsWith(`/${largestFile}`))!;
    const largestCount = workspace.marvel.workspace.ModelProvider.getModel(largest).graph.interventions().filter(factor => factor.location.uri === largest.uri.toString()).length;
    // A first, smaller sampling warms the worker's code up, as any file opened before would.
    setSamples(50);
    await sampleFile(largest);
    setSamples(lensSamples);
    const largestRun = await sampleFile(largest);
    const start = performance.now();
    const cpuBefore = process.cpuUsage();
    for (const document of workspace.documents.filter(document => document !== largest)) {
        await sampleFile(document);
    }
    const cpu = process.cpuUsage(cpuBefore);
    const allFiles = { interventions: workspace.marvel.workspace.ModelProvider.getModel(largest).graph.interventions().length, timing: { wallMs: performance.now() - start + largestRun.timing.wallMs, cpuMs: (cpu.user + cpu.system) / 1000 + largestRun.timing.cpuMs } };
    return {
        targets: [
            // The target is for one sampling (500 samples of a scenario); a lens samples one per intervention of its file.
            {
                what: `code lens robustness share of one intervention (${lensSamples} samples), in the worker; ${largestFile}'s ${largestCount}: ${(largestRun.timing.wallMs / 1000).toFixed(2)} s`,
                limitMs: 2000,
                measured: { wallMs: largestRun.timing.wallMs / largestCount, cpuMs: largestRun.timing.cpuMs / largestCount }
            },
            { what: `main-thread time those shares cost (request, hand-over, result; ~0)`, limitMs: 50, measured: { wallMs: largestRun.mainThreadMs, cpuMs: largestRun.mainThreadMs } }
        ],
        allFiles
    };
}
