import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ModelGraph } from '../language/analysis/model-graph.js';
import { layoutDiagram } from '../language/diagram/diagram-layout.js';
import { renderSvg } from '../language/diagram/svg-renderer.js';
import { WorkerElkLayouter } from '../server/diagram/worker-layouter.js';
import type { SourceFile } from './bench-workspace.js';
import { childrenCpuMs } from './dot-layout.js';
import type { Timing } from './measure.js';
import { median, timeAsync } from './measure.js';

/**
 * The layout as users pay for it, beside the in-process figure: the preview's layout worker,
 * warmed up as the language server warms it at start, and `marvel render` as a whole process.
 */

/** Fresh workers measured, unless one takes longer than `repeatBelowMs`. */
const workerRuns = 3;
const cliRuns = 3;
const repeatBelowMs = 4_000;
const cliLimitMs = 120_000;

/** The first drawing of a preview: request → placed scene + SVG, in a layout worker that has warmed up and laid out nothing else. */
export interface WorkerFigures {
    /** Helper workers beside the layout worker (0: ELK in one thread). */
    readonly helpers: number;
    readonly runs: number;
    readonly wallMs: number;
    /** This process, all threads: the workers' included. */
    readonly cpuMs: number;
}

/** A whole `marvel render FILE -o OUT.svg` process: start, read, build, lay out, draw, write. */
export interface ProcessFigures {
    readonly runs: number;
    readonly wallMs: number;
    readonly cpuMs: number | undefined;
    readonly failure?: string;
}

/** The shape of a panel beside the editor, other than the default packing's, so that a drawing after the head start packs anew. */
const panelAspectRatio = 1.25;

/**
 * Each run starts a layout worker with `helpers` helpers, waits for their warm-up (the language
 * server starts its worker at start-up, long before the first preview), then times the first
 * drawing. Every run has a fresh worker: a second drawing of the same model would come from its
 * caches, which is what `afterHeadStart` measures: the server laid the model out when its file
 * opened (DiagramService.headStart, default packing), and the preview asks for its panel's shape.
 */
export async function measureWarmedWorker(graph: ModelGraph, workerFile: string, helpers: number, afterHeadStart = false): Promise<WorkerFigures> {
    const timings: Timing[] = [];
    while (timings.length < workerRuns && (timings.length === 0 || timings[0].wallMs < repeatBelowMs)) {
        const worker = new WorkerElkLayouter({ workerFile, helpers });
        try {
            await worker.warmedUp();
            if (afterHeadStart) {
                await layoutDiagram(graph, worker);
            }
            timings.push(await timeAsync(async () => {
                renderSvg(await layoutDiagram(graph, worker, { aspectRatio: panelAspectRatio }));
            }));
        } finally {
            worker.dispose();
        }
    }
    return { helpers, runs: timings.length, wallMs: median(timings.map(t => t.wallMs)), cpuMs: median(timings.map(t => t.cpuMs)) };
}

/** Writes the model's files to a temporary folder and times `marvel render` of the root file (the first) into an SVG. */
export function measureCliRender(files: readonly SourceFile[], cli: string): ProcessFigures {
    const folder = mkdtempSync(join(tmpdir(), 'marvel-render-bench-'));
    try {
        const paths = files.map(file => file.uri.fsPath);
        const root = commonFolder(paths);
        files.forEach((file, k) => {
            const target = join(folder, relative(root, paths[k]));
            mkdirSync(dirname(target), { recursive: true });
            writeFileSync(target, file.text);
        });
        const walls: number[] = [];
        const cpus: number[] = [];
        let failure: string | undefined;
        while (!failure && walls.length < cliRuns && (walls.length === 0 || walls[0] < repeatBelowMs)) {
            const cpuBefore = childrenCpuMs();
            const start = performance.now();
            const run = spawnSync(process.execPath, [cli, 'render', join(folder, relative(root, paths[0])), '-o', join(folder, 'out.svg')], { encoding: 'utf8', timeout: cliLimitMs, stdio: ['ignore', 'ignore', 'pipe'] });
            walls.push(performance.now() - start);
            const cpuAfter = childrenCpuMs();
            if (cpuBefore !== undefined && cpuAfter !== undefined) {
                cpus.push(cpuAfter - cpuBefore);
            }
            // A model with errors is drawn and exits with 1; the benchmark's models have none, so any exit but 0 is a failure.
            if (run.error || run.status !== 0) {
                failure = run.signal === 'SIGTERM' ? `stopped after ${cliLimitMs / 1000} s` : run.error?.message ?? `exit ${run.status ?? run.signal}: ${run.stderr.trim().split('\n')[0]}`;
            }
        }
        return { runs: walls.length, wallMs: median(walls), cpuMs: cpus.length === walls.length ? median(cpus) : undefined, failure };
    } finally {
        rmSync(folder, { recursive: true, force: true });
    }
}

function commonFolder(paths: readonly string[]): string {
    let folder = dirname(paths[0]);
    while (!paths.every(file => file.startsWith(folder.endsWith(sep) ? folder : folder + sep))) {
        folder = dirname(folder);
    }
    return folder;
}
