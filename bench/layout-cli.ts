import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { seedCase, seedExamplePath } from './cases.js';
import { buildWorkspace, createServices } from './bench-workspace.js';
import { childrenCpuMs, dotVersion, toDot } from './dot-layout.js';
import { formatTable, ms } from './report.js';
import { median } from './measure.js';
import ELK from 'elkjs/lib/elk.bundled.js';
import { layoutDiagram } from '../language/diagram/diagram-layout.js';

/**
 * Whole processes, as a user or a CI job starts them: bare `node`, `marvel check` of a small
 * file (which must not load the layout: within 0.25 s of bare node), `marvel render` of the seed
 * example against `dot -Tsvg` of the same graph. Five runs each, medians; cpu = the child's.
 */
const runs = 5;
const smallModel = 'kpi k "K" decrease\nintervention i "I"\nfactor a "A"\ni -> +a\na -> -k\n';

interface ProcessTiming { readonly wallMs: number; readonly cpuMs: number | undefined }

export async function runCliBench(log: (line: string) => void = console.log): Promise<void> {
    const cli = join(dirname(process.argv[1]), 'cli.cjs');
    const folder = mkdtempSync(join(tmpdir(), 'marvel-cli-bench-'));
    try {
        const small = join(folder, 'small.marvel');
        writeFileSync(small, smallModel);
        const rows: Array<[string, ProcessTiming]> = [
            ['node -e 0 (bare node)', time(process.execPath, ['-e', '0'])],
            ['marvel --help', time(process.execPath, [cli, '--help'])],
            ['marvel check (5-line file)', time(process.execPath, [cli, 'check', small])]
        ];
        const seed = seedCase(seedExamplePath());
        if (seed) {
            rows.push(['marvel render seed example -o .svg', time(process.execPath, [cli, 'render', seedExamplePath(), '-o', join(folder, 'seed.svg')])]);
            if (dotVersion() !== undefined) {
                const { workspace } = await buildWorkspace(createServices(seed.context), seed.files);
                const graph = workspace.marvel.workspace.ModelProvider.getModel(workspace.documents[0]).graph;
                const dotFile = join(folder, 'seed.dot');
                writeFileSync(dotFile, toDot(graph, await layoutDiagram(graph, new ELK())));
                rows.push(['dot -Tsvg seed example', time('dot', ['-Tsvg', dotFile, '-o', join(folder, 'dot.svg')])]);
            }
        }
        log('Whole processes (median of 5 runs; cpu = the child process)');
        log(formatTable(['command', 'wall', 'cpu'], rows.map(([what, t]) => [what, ms(t.wallMs), ms(t.cpuMs)])));
        const node = rows[0][1];
        const check = rows[2][1];
        log(`Target: marvel check within 250 ms of bare node: ${ms(check.wallMs - node.wallMs)} wall, ${check.cpuMs !== undefined && node.cpuMs !== undefined ? ms(check.cpuMs - node.cpuMs) : '–'} cpu`);
        const render = rows.find(([what]) => what.startsWith('marvel render'))?.[1];
        const dot = rows.find(([what]) => what.startsWith('dot'))?.[1];
        if (render && dot) {
            log(`marvel render / dot -Tsvg: ${(render.wallMs / dot.wallMs).toFixed(1)}× wall${render.cpuMs && dot.cpuMs ? `, ${(render.cpuMs / dot.cpuMs).toFixed(1)}× cpu` : ''}`);
        }
    } finally {
        rmSync(folder, { recursive: true, force: true });
    }
}

function time(command: string, args: readonly string[]): ProcessTiming {
    const walls: number[] = [];
    const cpus: number[] = [];
    for (let run = 0; run < runs; run++) {
        const cpuBefore = childrenCpuMs();
        const start = performance.now();
        spawnSync(command, args, { stdio: 'ignore' });
        walls.push(performance.now() - start);
        const cpuAfter = childrenCpuMs();
        if (cpuBefore !== undefined && cpuAfter !== undefined) {
            cpus.push(cpuAfter - cpuBefore);
        }
    }
    return { wallMs: median(walls), cpuMs: cpus.length === runs ? median(cpus) : undefined };
}
