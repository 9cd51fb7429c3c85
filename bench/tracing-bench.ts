import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { ModelGraph } from '../language/analysis/model-graph.js';
import type { LoopSearch } from '../language/analysis/tracing/index.js';
import { defaultLoopBounds, defaultPathBounds, findLoops, findPaths, traceFactor } from '../language/analysis/tracing/index.js';
import { buildWorkspace, createServices } from './bench-workspace.js';
import { randomGraph } from './random-graph.js';
import { generatedCase, seedCase, seedExamplePath } from './cases.js';
import type { CaseInput } from './run-case.js';
import { median } from './measure.js';

/**
 * Times `marvel trace` and `marvel loops` on the seed example and on generated models, with the
 * default bounds. Target: tracing one intervention on 5,000 factors under 200 ms, loop search
 * included; the loop search must stay within its bounds and say when it hit one.
 *
 * Standalone: node esbuild.mjs && node out/bench.cjs --tracing   (when bench/main.ts dispatches to it), or
 *   npx esbuild bench/tracing-bench.ts --bundle --platform=node --outfile=out/tracing-bench.cjs \
 *     --define:import.meta.url=importMetaUrl "--banner:js=const importMetaUrl = require('url').pathToFileURL(__filename).href;" \
 *     && node out/tracing-bench.cjs
 */
export interface TracingCaseResult {
    readonly name: string;
    readonly factors: number;
    readonly relations: number;
    readonly interventions: number;
    readonly loops: number;
    readonly loopsTruncatedBy: readonly string[];
    readonly loopSteps: number;
    /** Loop search on a fresh graph (the link graph built too), median of the repetitions: wall clock and CPU. */
    readonly loopsMs: number;
    readonly loopsCpuMs: number;
    /** First trace on a fresh graph: link graph, loop search and paths to every KPI; wall clock and CPU. */
    readonly coldTraceMs: number;
    readonly coldTraceCpuMs: number;
    /** Traces of further interventions once the loops are known: median and slowest. */
    readonly warmTraceMedianMs: number;
    readonly warmTraceMaxMs: number;
    readonly tracedInterventions: number;
    /** Over the traced interventions: targets, paths found, targets truncated. */
    readonly targets: number;
    readonly paths: number;
    readonly truncatedTargets: number;
}

/** Measures every case and prints a table; returns the figures for callers that want them. */
export async function runTracingBench(sizes: readonly number[] = [1000, 5000], log: (line: string) => void = console.log): Promise<TracingCaseResult[]> {
    log(`MARVEL tracing benchmark — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, load average ${loadavg()[0].toFixed(1)}`);
    log('Times are medians; "cpu" is this process\'s CPU time, which a busy machine inflates less than the wall clock.');
    log(`bounds: paths ≤ ${defaultPathBounds.maxLength} relations, ${defaultPathBounds.maxPaths} per target, ${defaultPathBounds.maxSteps} steps; loops ≤ ${defaultLoopBounds.maxLength} relations, ${defaultLoopBounds.maxLoops} loops, ${defaultLoopBounds.maxSteps} steps`);
    const inputs: CaseInput[] = [];
    const seed = seedCase(seedExamplePath());
    if (seed) {
        inputs.push(seed);
    } else {
        log(`seed example not found (${seedExamplePath()}); skipped`);
    }
    inputs.push(...sizes.map(generatedCase));
    const results: TracingCaseResult[] = [];
    for (const input of inputs) {
        const graph = await loadGraph(input);
        results.push(measureCase(input.name, graph));
    }
    // No model is this dense; it shows that the work budgets, not the graph, bound the time.
    const dense = randomGraph(2000, 25, 7);
    results.push(measureCase('dense stress (2,000 × 25)', dense));
    const budget = budgetCheck(dense);
    log('');
    log(table(results));
    const large = results.find(r => r.name === '5000 factors');
    if (large) {
        log('');
        const met = large.coldTraceMs < 200 && large.warmTraceMaxMs < 200;
        log(`target: trace one intervention on ${large.factors} factors < 200 ms: cold ${ms(large.coldTraceMs)} (cpu ${ms(large.coldTraceCpuMs)}), warm median ${ms(large.warmTraceMedianMs)}, slowest ${ms(large.warmTraceMaxMs)} — ${met ? 'met' : 'NOT met'}`);
    }
    log(`work budget on the dense graph with the count caps lifted: loops ${ms(budget.loops.wall)} (truncated by ${budget.loopReasons}), paths to one KPI ${ms(budget.paths.wall)} (truncated by ${budget.pathReasons})`);
    for (const result of results) {
        log(`loops on ${result.name}: ${result.loops} loops within ${defaultLoopBounds.maxLoops}, ${result.loopSteps} steps within ${defaultLoopBounds.maxSteps}; truncated: ${result.loopsTruncatedBy.length > 0 ? result.loopsTruncatedBy.join(', ') : 'no'}`);
    }
    return results;
}

async function loadGraph(input: CaseInput): Promise<ModelGraph> {
    const { workspace } = await buildWorkspace(createServices(input.context), input.files);
    return workspace.marvel.workspace.ModelProvider.getModel(workspace.documents[0]).graph;
}

/** Loops and paths with a count cap no search reaches: only the step budget stops them. */
function budgetCheck(graph: ModelGraph): { loops: Timing; loopReasons: string; paths: Timing; pathReasons: string } {
    let loopReasons = '';
    let pathReasons = '';
    const loops = time(fresh(graph), copy => {
        loopReasons = findLoops(copy, { maxLoops: 100_000_000 }).truncatedBy.join(', ');
    });
    const from = graph.interventions()[0].id;
    const to = graph.kpis()[0].id;
    const paths = time(fresh(graph), copy => {
        pathReasons = findPaths(copy, from, to, { maxPaths: 100_000_000 }).truncatedBy.join(', ');
    });
    return { loops, loopReasons, paths, pathReasons };
}

/** A copy of the graph: the analyses cache per graph object, and every timing must start cold. */
function fresh(graph: ModelGraph): ModelGraph {
    return new ModelGraph(graph.data);
}

function measureCase(name: string, graph: ModelGraph): TracingCaseResult {
    const interventions = graph.interventions().map(f => f.id);
    // Warm the code paths up, so that the first case does not pay for the JIT alone.
    for (let i = 0; i < 3 && interventions.length > 0; i++) {
        traceFactor(fresh(graph), interventions[0]);
    }
    let search: LoopSearch | undefined;
    const loopTimes = repeat(7, () => fresh(graph), copy => {
        search = findLoops(copy);
    });
    const coldTimes = interventions.length === 0 ? [] : repeat(7, () => fresh(graph), copy => {
        traceFactor(copy, interventions[0]);
    });
    const warmGraph = fresh(graph);
    findLoops(warmGraph);
    const traced = interventions.slice(0, 25);
    let targets = 0;
    let paths = 0;
    let truncatedTargets = 0;
    const warmTimes = traced.map(id => time(undefined, () => {
        const result = traceFactor(warmGraph, id);
        targets += result.targets.length;
        paths += result.targets.reduce((sum, t) => sum + t.paths.length, 0);
        truncatedTargets += result.targets.filter(t => t.truncated).length;
    }));
    return {
        name,
        factors: graph.factors.length,
        relations: graph.relations.length,
        interventions: interventions.length,
        loops: search?.loops.length ?? 0,
        loopsTruncatedBy: search?.truncatedBy ?? [],
        loopSteps: search?.steps ?? 0,
        loopsMs: median(loopTimes.map(t => t.wall)),
        loopsCpuMs: median(loopTimes.map(t => t.cpu)),
        coldTraceMs: median(coldTimes.map(t => t.wall)),
        coldTraceCpuMs: median(coldTimes.map(t => t.cpu)),
        warmTraceMedianMs: median(warmTimes.map(t => t.wall)),
        warmTraceMaxMs: Math.max(0, ...warmTimes.map(t => t.wall)),
        tracedInterventions: traced.length,
        targets,
        paths,
        truncatedTargets
    };
}

interface Timing {
    readonly wall: number;
    readonly cpu: number;
}

function time<T>(input: T, action: (input: T) => void): Timing {
    const cpu = process.cpuUsage();
    const start = performance.now();
    action(input);
    const wall = performance.now() - start;
    const used = process.cpuUsage(cpu);
    return { wall, cpu: (used.user + used.system) / 1000 };
}

/** Repeats an action on fresh input, prepared outside the timing. */
function repeat<T>(times: number, prepare: () => T, action: (input: T) => void): Timing[] {
    return Array.from({ length: times }, () => time(prepare(), action));
}

function ms(value: number): string {
    return Number.isNaN(value) ? '–' : `${value.toFixed(1)} ms`;
}

function table(results: readonly TracingCaseResult[]): string {
    const header = ['case', 'factors', 'relations', 'loops (truncated by)', 'loops time (cpu)', 'trace cold (cpu)', 'trace warm median / max', 'traced', 'paths (truncated targets)'];
    const rows = results.map(r => [
        r.name,
        String(r.factors),
        String(r.relations),
        `${r.loops} (${r.loopsTruncatedBy.join(', ') || '–'})`,
        `${ms(r.loopsMs)} (${ms(r.loopsCpuMs)})`,
        `${ms(r.coldTraceMs)} (${ms(r.coldTraceCpuMs)})`,
        `${ms(r.warmTraceMedianMs)} / ${ms(r.warmTraceMaxMs)}`,
        `${r.tracedInterventions} of ${r.interventions}`,
        `${r.paths} (${r.truncatedTargets} of ${r.targets})`
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map(row => row[i].length)));
    const line = (cells: readonly string[]): string => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
    return [line(header), line(widths.map(w => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

// Runs when bundled on its own as out/tracing-bench.cjs; importing the module runs nothing.
if (/tracing-bench\.c?js$/.test(process.argv[1] ?? '')) {
    runTracingBench().catch((error: unknown) => {
        console.error(error instanceof Error ? error.message : String(error));
        process.exitCode = 1;
    });
}
