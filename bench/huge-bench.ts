import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EmptyFileSystem, URI } from 'langium';
import { childrenCpuMs } from './dot-layout.js';
import { applyEdit, buildWorkspace, countDiagnostics, createServices } from './bench-workspace.js';
import type { SourceFile } from './bench-workspace.js';
import { generateLargeFile, generateSameFileImports } from './generate-large-file.js';
import type { Timing } from './measure.js';
import { peakRssMb, retainedHeapMb } from './measure.js';
import { formatTable, ms } from './report.js';

/**
 * Inputs far beyond a real model (issue 9, item 19): one 20 MB file of 220,000 declarations,
 * and 5,000 imports that spell the same file differently. Not part of the default run, which
 * it would lengthen by minutes on a busy machine. Each case runs in a child process of its own,
 * so its peak memory is its own.
 *
 *   node --expose-gc out/bench.cjs --huge               both cases
 *   node --expose-gc out/bench.cjs --huge-case file     one case in this process, figures as one JSON line
 */
const resultMarker = 'HUGE_RESULT ';
const caseLimitMs = 600_000;

interface HugeResult {
    readonly name: string;
    readonly megabytes: number;
    readonly build: Timing;
    readonly edit?: Timing;
    readonly heapMb: number;
    readonly peakRssMb: number;
    readonly errors: number;
}

const cases: Record<string, () => { name: string; files: SourceFile[]; edit?: SourceFile }> = {
    file: () => ({ name: '20 MB file, 220,000 declarations', files: [{ uri: URI.file('/bench/huge/large.marvel'), text: generateLargeFile(220_000) }] }),
    imports: () => {
        const { root, imported } = generateSameFileImports(5000);
        const files = [{ uri: URI.file('/bench/imports/main.marvel'), text: root }, { uri: URI.file('/bench/imports/b.marvel'), text: imported }];
        return { name: '5,000 imports of one file, spelled differently', files, edit: { uri: files[1].uri, text: 'factor b "B, edited"\n' } };
    }
};

export function runHugeBench(log: (line: string) => void = console.log): void {
    const results: HugeResult[] = [checkAsProcess()];
    for (const id of Object.keys(cases)) {
        const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1], '--huge-case', id], {
            encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * 1024 * 1024, timeout: caseLimitMs
        });
        const line = (child.stdout ?? '').split('\n').find(l => l.startsWith(resultMarker));
        if (line) {
            results.push(JSON.parse(line.slice(resultMarker.length)) as HugeResult);
        } else {
            log(`  case ${id} produced no figures (exit ${child.status ?? child.signal})`);
        }
    }
    log('\nHuge inputs (parse, index, link, validate; target: `marvel check` of the 20 MB file < 30 s and < 1.5 GB peak RSS)');
    log('The other rows build in a process of their own as the language server does (V8\'s default heap growth; the marvel process limits it, server/heap-growth.ts), with collections forced before and after to weigh the retained heap.');
    log(formatTable(['input', 'size', 'errors', 'build', 'cpu', 'edit of the imported file', 'heap retained', 'peak RSS', 'verdict'], results.map(r => [
        r.name, `${r.megabytes.toFixed(1)} MB`, `${r.errors}`, ms(r.build.wallMs), ms(r.build.cpuMs), ms(r.edit?.wallMs), Number.isNaN(r.heapMb) ? '–' : `${r.heapMb.toFixed(0)} MB`, `${r.peakRssMb.toFixed(0)} MB`,
        r === results[0] ? (!Number.isNaN(r.errors) && r.build.wallMs < 30_000 && r.peakRssMb < 1536 ? 'met' : 'MISSED') : '–'
    ])));
}

/**
 * `marvel check` of the 20 MB file as a whole process, as a user runs it: wall and cpu time, and
 * its peak RSS, which the process reports as it exits (Node offers no rusage for a child).
 */
function checkAsProcess(): HugeResult {
    const folder = mkdtempSync(join(tmpdir(), 'marvel-huge-bench-'));
    try {
        const text = generateLargeFile(220_000);
        const file = join(folder, 'large.marvel');
        writeFileSync(file, text);
        const cli = join(dirname(process.argv[1]), 'cli.cjs');
        const reportPeak = `process.on('exit', () => process.stderr.write('\\n${resultMarker}' + process.resourceUsage().maxRSS + '\\n'));`;
        const cpuBefore = childrenCpuMs();
        const start = performance.now();
        const child = spawnSync(process.execPath, ['-e', `${reportPeak} process.argv = [process.argv[0], ${JSON.stringify(cli)}, ...process.argv.slice(1)]; require(${JSON.stringify(cli)});`, '--', 'check', file], {
            encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024, timeout: caseLimitMs
        });
        const wallMs = performance.now() - start;
        const cpuAfter = childrenCpuMs();
        const peakKb = Number((child.stderr ?? '').split('\n').find(line => line.startsWith(resultMarker))?.slice(resultMarker.length));
        return {
            name: '20 MB file: marvel check (whole process)',
            megabytes: text.length / 1024 / 1024,
            build: { wallMs, cpuMs: cpuBefore === undefined || cpuAfter === undefined ? Number.NaN : cpuAfter - cpuBefore },
            heapMb: Number.NaN,
            peakRssMb: peakKb / 1024,
            // The summary line `check` ends with: "0 errors, 1 warning, …"; none means it failed.
            errors: Number(/^(\d+) errors?,/m.exec(child.stdout ?? '')?.[1] ?? Number.NaN)
        };
    } finally {
        rmSync(folder, { recursive: true, force: true });
    }
}

export async function runHugeCase(id: string): Promise<void> {
    const input = cases[id]?.();
    if (!input) {
        throw new Error(`unknown case '${id}' (one of ${Object.keys(cases).join(', ')})`);
    }
    const services = createServices(EmptyFileSystem);
    const baseline = retainedHeapMb();
    const { workspace, timing: build } = await buildWorkspace(services, input.files);
    const heapMb = retainedHeapMb() - baseline;
    const edit = input.edit ? await applyEdit(workspace, input.edit.uri, input.edit.text, 2) : undefined;
    const result: HugeResult = {
        name: input.name,
        megabytes: input.files.reduce((sum, file) => sum + file.text.length, 0) / 1024 / 1024,
        build, edit, heapMb, peakRssMb: peakRssMb(), errors: countDiagnostics(workspace).errors
    };
    process.stdout.write(`${resultMarker}${JSON.stringify(result)}\n`);
}
