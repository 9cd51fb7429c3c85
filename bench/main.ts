import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import * as path from 'node:path';
import type { CaseResult } from './case-result.js';
import { generatedCase, generatedSizes, seedCase, seedExamplePath } from './cases.js';
import { hasGc } from './measure.js';
import type { Target } from './report.js';
import { buildTable, editDescriptions, editTable, ms, slowerEdit, stoppedNotes, targetTable } from './report.js';
import { runCase } from './run-case.js';
import { loadFactor, runLayoutBench, runLayoutCase } from './layout-bench.js';
import { runCliBench } from './layout-cli.js';
import { runLabelBench } from './label-bench.js';
import { runTracingBench } from './tracing-bench.js';
import { runDiffBench, runDiffCase } from './diff-bench.js';
import { runExchangeBench } from './exchange-bench.js';
import { runSimulationBench } from './simulation-bench.js';
import { runPanZoomBench } from './pan-zoom-bench.js';
import { runRedrawBench } from './redraw-bench.js';
import { runServerBench } from './server-bench.js';
import { runHugeBench, runHugeCase } from './huge-bench.js';

/**
 * `npm run bench`: prints build, revalidation and memory figures for generated models and the
 * seed example next to the performance targets. It reports; it never fails on a slow figure.
 *
 * Each case runs in its own child process, so that memory figures belong to one model only and
 * every first build starts as cold as a freshly started language server.
 *
 *   node --expose-gc out/bench.cjs [--only 5000,seed]   all cases, or some of them
 *   node --expose-gc out/bench.cjs --case 5000          one case in this process, figures as JSON lines
 *   node --expose-gc out/bench.cjs --tracing            the tracing and loop-search benchmark instead (tracing-bench.ts)
 *   node --expose-gc out/bench.cjs --exchange           the export and import benchmark instead (exchange-bench.ts); the full run has it too
 *   node --expose-gc out/bench.cjs --simulation         the dynamics benchmark instead (simulation-bench.ts)
 *   node --expose-gc out/bench.cjs --layout [--only …]  the diagram layout benchmark instead (layout-bench.ts); the full run ends with it
 *   node --expose-gc out/bench.cjs --layout-case 500     one layout case in this process, figures as JSON lines
 *   node --expose-gc out/bench.cjs --diff [--only …]    `marvel diff` and the diff picture instead (diff-bench.ts)
 *   node out/bench.cjs --pan-zoom                        pan and zoom of a 2,000-factor preview in Chromium instead (pan-zoom-bench.ts)
 *   node out/bench.cjs --redraw                          the preview redrawing a 1,000-factor model after an edit, in Chromium, instead (redraw-bench.ts)
 *   node --expose-gc out/bench.cjs --labels             labels of up to 200,000 characters: layout and drawing (label-bench.ts)
 *   node --expose-gc out/bench.cjs --server              the language server over stdio instead (server-bench.ts); the full run includes it
 *   node --expose-gc out/bench.cjs --huge                a 20 MB file and 5,000 imports of one file instead (huge-bench.ts; minutes, so not in the full run)
 */
const resultMarker = 'BENCH_RESULT ';
/** Wall-clock limit per case, so that the whole run stays within about three minutes even when something is slow. */
const caseLimitMs: Readonly<Record<string, number>> = { '20000': 90_000 };
const defaultCaseLimitMs = 60_000;
/**
 * Wall-clock budgets of the layout benchmark: short after the other cases, so that `npm run bench`
 * stays within about four minutes (a case that runs out is stopped with its figures so far), and
 * long enough on its own for every case to finish on a quiet machine.
 */
const layoutBudgetAfterBuildMs = 100_000;
const layoutBudgetAloneMs = 600_000;

async function main(): Promise<void> {
    if (process.argv.includes('--labels')) {
        await runLabelBench();
        return;
    }
    if (process.argv.includes('--tracing')) {
        await runTracingBench();
        return;
    }
    if (process.argv.includes('--exchange')) {
        await runExchangeBench();
        return;
    }
    if (process.argv.includes('--simulation')) {
        await runSimulationBench();
        return;
    }
    if (process.argv.includes('--pan-zoom')) {
        await runPanZoomBench(path.join(__dirname, '..'));
        return;
    }
    if (process.argv.includes('--redraw')) {
        await runRedrawBench(path.join(__dirname, '..'));
        return;
    }
    if (process.argv.includes('--huge')) {
        runHugeBench();
        return;
    }
    const hugeCase = optionValue('--huge-case');
    if (hugeCase !== undefined) {
        await runHugeCase(hugeCase);
        return;
    }
    if (process.argv.includes('--server')) {
        await runServerBench();
        return;
    }
    if (process.argv.includes('--layout')) {
        await runCliBench();
        runLayoutBench(optionValue('--only')?.split(','), Math.round(layoutBudgetAloneMs * loadFactor()));
        return;
    }
    if (process.argv.includes('--diff')) {
        runDiffBench(optionValue('--only')?.split(','));
        return;
    }
    const diffCase = optionValue('--diff-case');
    if (diffCase !== undefined) {
        await runDiffCase(diffCase);
        return;
    }
    const layoutCase = optionValue('--layout-case');
    if (layoutCase !== undefined) {
        await runLayoutCase(layoutCase);
        return;
    }
    const single = optionValue('--case');
    if (single !== undefined) {
        await runSingleCase(single);
        return;
    }
    const only = optionValue('--only')?.split(',');
    const caseIds = [...generatedSizes.map(String), 'seed'].filter(id => !only || only.includes(id));
    console.log(`MARVEL benchmark — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${new Date().toISOString()}`);
    console.log(`load average at start: ${loadAverage()}`);
    if (!hasGc()) {
        console.log('Warning: run with node --expose-gc for accurate heap figures.');
    }
    const results = new Map<string, CaseResult>();
    for (const id of caseIds) {
        if (id === 'seed' && !seedCase(seedExamplePath())) {
            console.log(`seed example not found (${seedExamplePath()}); skipped`);
            continue;
        }
        const started = Date.now();
        const result = runChild(id);
        if (result) {
            results.set(id, result);
            console.log(`  measured ${result.name} in ${ms(Date.now() - started)}`);
        }
    }
    printReport(results);
    console.log(`load average at end: ${loadAverage()} (other processes compete for the CPU when it exceeds ${cpus().length})`);
    console.log('');
    await runExchangeBench();
    console.log('');
    await runServerBench();
    console.log('');
    // Every layout case runs in a child process of its own too.
    runLayoutBench(only, layoutBudgetAfterBuildMs);
    console.log('');
    await runLabelBench();
}

async function runSingleCase(id: string): Promise<void> {
    const input = id === 'seed' ? seedCase(seedExamplePath()) : generatedCase(Number(id));
    if (!input) {
        throw new Error('seed example not found');
    }
    const emit = (result: CaseResult): void => {
        process.stdout.write(`${resultMarker}${JSON.stringify(result)}\n`);
        const edits = result.signEdits.length + result.targetEdits.length;
        const first = result.firstEdit ? `, first edit ${ms(result.firstEdit.wallMs)}` : '';
        process.stderr.write(`    ${result.name}: built in ${ms(result.build.wallMs)}${first}, ${edits} edits measured${result.warmBuild ? ', warm build done' : ''}\n`);
    };
    emit(await runCase(input, emit));
}

/** Runs one case in a child process; the last figures it printed count, even when it ran out of time. */
function runChild(id: string): CaseResult | undefined {
    const limitMs = caseLimitMs[id] ?? defaultCaseLimitMs;
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1], '--case', id], {
        encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024, timeout: limitMs
    });
    const lines = (child.stdout ?? '').split('\n').filter(l => l.startsWith(resultMarker));
    const last = lines.at(-1);
    if (!last) {
        console.log(`  case ${id} produced no figures (exit ${child.status ?? child.signal}${child.error ? `, ${child.error.message}` : ''})`);
        return undefined;
    }
    const result = JSON.parse(last.slice(resultMarker.length)) as CaseResult;
    if (child.status === 0) {
        return result;
    }
    const reason = child.signal === 'SIGTERM' ? `stopped after the ${ms(limitMs)} limit per case` : `failed (exit ${child.status ?? child.signal})`;
    return { ...result, stopped: `${reason}; figures after that point are missing` };
}

function printReport(results: ReadonlyMap<string, CaseResult>): void {
    const all = [...results.values()];
    console.log('\nFull build (parse, index, link, validate; in memory) and memory');
    console.log(buildTable(all));
    console.log('\nRevalidation after editing one relation (DocumentBuilder.update until every document is validated again; medians after warm-up edits)');
    console.log(editTable(all));
    const notes = stoppedNotes(all);
    if (notes) {
        console.log(`\nStopped cases\n${notes}`);
    }
    console.log('\nEdits made');
    console.log(editDescriptions(all));
    const large = results.get('5000');
    const seed = results.get('seed');
    const seedMissing = seedCase(seedExamplePath()) ? 'case did not run' : 'seed example not found';
    const targets: Target[] = [
        { what: '5,000 factors: full build (cold)', limitMs: 2000, measured: large?.build },
        { what: '5,000 factors: revalidate after an edit (warm median, slower kind)', limitMs: 300, measured: large && slowerEdit(large) },
        { what: 'seed example: revalidate after an edit (warm median, slower kind)', limitMs: 50, measured: seed && slowerEdit(seed), missingReason: seedMissing }
    ];
    console.log('\nTargets');
    console.log(targetTable(targets));
    console.log('\nheap retained: heap used after a full GC with the model loaded, minus the same before loading it.');
    console.log('peak RSS: highest resident memory of the case\'s process, edits included.');
    console.log('cpu: CPU time of the process (all threads) during the same interval; well below the wall time means it waited for a core.');
}

function loadAverage(): string {
    return loadavg().map(load => load.toFixed(2)).join(' ');
}

function optionValue(name: string): string | undefined {
    const index = process.argv.indexOf(name);
    return index >= 0 ? process.argv[index + 1] : undefined;
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
});
