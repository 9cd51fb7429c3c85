import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { generatedCase, seedCase, seedExamplePath } from './cases.js';
import { dotVersion } from './dot-layout.js';
import type { LayoutCaseResult } from './layout-case.js';
import { measureLayoutCase } from './layout-case.js';
import { layoutReport } from './layout-report.js';
import { ms } from './report.js';

/**
 * Times the diagram pipeline the live preview runs (ELK layout into a scene, then the SVG),
 * compares it with Graphviz `dot` on the same graph, and measures how far the diagram moves
 * when one relation is added. Targets (issue "live diagram preview", items 6 and 9; issue 10,
 * items 7 and 8): seed example under 500 ms; 500 factors and about 2,000 relations under 3 s;
 * no slower than dot from 100 to 2,000 factors; an edit redrawn within 300 ms on the seed
 * example and 1 s at 1,000 factors; at least 80 % of the factors unmoved after an edit at 500
 * factors. It reports; it never fails.
 *
 * Each case runs in a child process, so its first layout is as cold as the preview's first
 * drawing after the server starts, and a slow case can be stopped with its figures so far.
 *
 *   node --expose-gc out/bench.cjs --layout [--only seed,500]   all cases, or some of them
 *   node --expose-gc out/bench.cjs --layout-case 500            one case in this process, figures as JSON lines
 */
export const layoutCaseIds = ['seed', '100', '500', '1000', '2000'] as const;

const resultMarker = 'LAYOUT_RESULT ';
/** Wall-clock limit per case; the whole benchmark's budget can cut it shorter. */
const caseLimitMs: Readonly<Record<string, number>> = { seed: 40_000, '100': 40_000, '500': 90_000, '1000': 150_000, '2000': 240_000 };
/** A case is not started with less time than this left in the budget. */
const minimumCaseMs = 10_000;

/** Runs the selected cases within `budgetMs` of wall time and prints the tables. */
export function runLayoutBench(only: readonly string[] | undefined, budgetMs: number, log: (line: string) => void = console.log): LayoutCaseResult[] {
    const version = dotVersion();
    log(`MARVEL layout benchmark — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, load average ${loadAverage()}; ${version ?? 'dot not installed'}`);
    const deadline = Date.now() + budgetMs;
    const results: LayoutCaseResult[] = [];
    for (const id of layoutCaseIds.filter(id => !only || only.includes(id))) {
        if (id === 'seed' && !seedCase(seedExamplePath())) {
            log(`seed example not found (${seedExamplePath()}); skipped`);
            continue;
        }
        const left = deadline - Date.now();
        if (left < minimumCaseMs) {
            log(`  case ${id} not run: the layout benchmark's ${ms(budgetMs)} budget is spent`);
            continue;
        }
        const started = Date.now();
        const result = runCaseChild(id, Math.round(Math.min(caseLimitMs[id] * loadFactor(), left)), log);
        if (result) {
            results.push(result);
            log(`  measured ${result.name} in ${ms(Date.now() - started)}`);
        }
    }
    log('');
    layoutReport(results, version).forEach(line => log(line));
    log(`load average at end: ${loadAverage()} (above ${cpus().length}, other processes compete for the CPU and wall times exceed cpu times)`);
    return results;
}

/** Child side: measures one case and prints its figures after every phase. */
export async function runLayoutCase(id: string): Promise<void> {
    const input = id === 'seed' ? seedCase(seedExamplePath()) : generatedCase(Number(id));
    if (!input) {
        throw new Error('seed example not found');
    }
    await measureLayoutCase(input, partial => {
        process.stdout.write(`${resultMarker}${JSON.stringify(partial)}\n`);
        process.stderr.write(`    ${partial.name}: first ${ms(partial.first.wallMs)}, ${partial.runs.length} runs${partial.dot ? ', dot done' : ''}${partial.stability ? ', stability done' : ''}\n`);
    });
}

/** Runs one case in a child process; the last figures it printed count, even when it ran out of time. */
function runCaseChild(id: string, limitMs: number, log: (line: string) => void): LayoutCaseResult | undefined {
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1], '--layout-case', id], {
        encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * 1024 * 1024, timeout: limitMs
    });
    const last = (child.stdout ?? '').split('\n').filter(line => line.startsWith(resultMarker)).at(-1);
    if (!last) {
        log(`  case ${id} produced no figures (exit ${child.status ?? child.signal}${child.error ? `, ${child.error.message}` : ''})`);
        return undefined;
    }
    const result = JSON.parse(last.slice(resultMarker.length)) as LayoutCaseResult;
    if (child.status === 0) {
        return result;
    }
    const reason = child.signal === 'SIGTERM' ? `stopped after ${ms(limitMs)}` : `failed (exit ${child.status ?? child.signal})`;
    return { ...result, stopped: `${reason}; figures after that point are missing` };
}

/**
 * How many times longer than on a quiet machine a case may take: the load average per core, when
 * other processes compete for the CPU (wall times then stretch, cpu times hardly change).
 */
export function loadFactor(): number {
    return Math.max(1, loadavg()[0] / cpus().length);
}

function loadAverage(): string {
    return loadavg().map(load => load.toFixed(2)).join(' ');
}
