import { mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartData, chartFactors } from '../language/analysis/dynamics/chart-data.js';
import { simulate } from '../language/analysis/dynamics/simulate.js';
import { runMarvel } from './support/marvel-cli.js';
import { seedFolder, seedGraph, seedMain } from './support/seed-model.js';

const seedExample = path.join(seedFolder, seedMain);
let work: string;

beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'marvel-simulation-test-'));
}, 180_000);

afterAll(() => {
    if (work) {
        rmSync(work, { recursive: true, force: true });
    }
});

interface SimulationJson {
    readonly times: number[];
    readonly series: Record<string, number[]>;
    readonly kpis: Record<string, { start: number; end: number; verdict: string }>;
    readonly robustness?: {
        readonly samples: number;
        readonly seed: number;
        readonly kpis: Record<string, { end: { p5: number; p50: number; p95: number }; shares: Record<string, number> }>;
        readonly bands: Record<string, { p5: number[]; p50: number[]; p95: number[] }>;
    };
}

interface MatrixJson {
    readonly units: { id: string }[];
    readonly kpis: { id: string; ranking: string[] }[];
    readonly singles: { units: string[]; kpis: Record<string, { end: number; effect: number; verdict: string; share?: number }> }[];
    readonly pairs: { units: string[]; kpis: Record<string, { end: number; effect: number; synergy: number }> }[];
}

describe('marvel simulate --plot', () => {
    it('draws the chart the view draws, from the series `marvel simulate` prints', async () => {
        const out = path.join(work, 'pilot.svg');
        const run = await runMarvel(['simulate', seedExample, '--scenario', 'pilot', '--plot', out, '--factor', 'pakkans']);
        expect(run.status, run.stderr).toBe(0);
        expect(run.stdout).toBe(`${out}: 3 curve panels, 2 runs\n`);
        const svg = readFileSync(out, 'utf8');
        expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="marvel-chart"/);
        expect([...svg.matchAll(/class="chart-panel" data-factor="([^"]+)"/g)].map(m => m[1])).toEqual(['slachtoffers', 'inBeeld', 'pakkans']);
        expect(svg.match(/class="chart-series"/g)).toHaveLength(3);
        expect(svg.match(/class="chart-series chart-baseline"/g)).toHaveLength(3);

        const printed = JSON.parse((await runMarvel(['simulate', seedExample, '--scenario', 'pilot', '--format', 'json'])).stdout) as SimulationJson;
        const graph = await seedGraph();
        const data = chartData(graph, [{ id: 'pilot', label: 'Pilot', result: simulate(graph, ['pilot']) }], chartFactors(graph, ['pakkans']));
        expect(data.times).toEqual(printed.times);
        for (const panel of data.panels) {
            expect(panel.series[0].values.map(value => Number(value.toPrecision(9)))).toEqual(printed.series[panel.factor]);
        }
    });

    it('writes a PNG through the renderer `marvel render` uses, and refuses other names before any work', async () => {
        const png = path.join(work, 'pilot.png');
        const run = await runMarvel(['simulate', seedExample, '--scenario', 'pilot', '--plot', png, '--format', 'csv']);
        expect(run.status, run.stderr).toBe(0);
        expect(readFileSync(png).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
        expect(run.stdout.split('\n')[1]).toMatch(/^time,/);
        for (const [args, message] of [
            [['--plot', path.join(work, 'pilot.jpg')], /cannot tell the format of .*pilot\.jpg': name it \.svg or \.png/],
            [['--plot', path.join(work, 'x.svg'), '--factor', 'pakkan'], /--factor 'pakkan' is not a factor of the model; did you mean 'pakkans'/],
            [['--seed', '4'], /--seed needs --samples/],
            [['--samples', '0'], /whole number from 1 to 10000/]
        ] as const) {
            const refused = await runMarvel(['simulate', seedExample, ...args]);
            expect(refused.status, refused.stderr).toBe(2);
            expect(refused.stderr).toMatch(message);
            expect(refused.stderr).not.toMatch(/^\s+at /m);
        }
    });
});

describe('marvel simulate --samples', () => {
    it('reports each KPI\'s 5/50/95 % range and verdict shares, the same for the same seed', async () => {
        const args = ['simulate', seedExample, '--scenario', 'pilot', '--samples', '60', '--seed', '4', '--format', 'json'];
        const first = JSON.parse((await runMarvel(args)).stdout) as SimulationJson;
        expect(JSON.parse((await runMarvel(args)).stdout)).toEqual(first);
        const robust = first.robustness!;
        expect(robust).toMatchObject({ samples: 60, seed: 4 });
        const victims = robust.kpis.slachtoffers;
        expect(victims.end.p5).toBeLessThan(victims.end.p50);
        expect(victims.end.p50).toBeLessThan(victims.end.p95);
        expect(victims.shares.desired).toBeGreaterThan(0.9);
        expect(robust.bands.slachtoffers.p50).toHaveLength(first.times.length);
        const other = JSON.parse((await runMarvel(['simulate', seedExample, '--scenario', 'pilot', '--samples', '60', '--seed', '5', '--format', 'json'])).stdout) as SimulationJson;
        expect(other.robustness!.kpis.slachtoffers.end.p50).not.toBe(victims.end.p50);
    });

    it('says it in words with --format text', async () => {
        const run = await runMarvel(['simulate', seedExample, '--scenario', 'pilot', '--samples', '50', '--format', 'text']);
        expect(run.status, run.stderr).toBe(0);
        expect(run.stdout).toMatch(/^Pilot mensenhandelvrije gemeente, t = 0 to 10, 50 samples \(seed 1\)$/m);
        expect(run.stdout).toMatch(/^Aantal slachtoffers mensenhandel \(slachtoffers\), should decrease: 0\.5 → 0\.03648, desired$/m);
        expect(run.stdout).toMatch(/^ {2}5–95 %: .* desired in \d+ % of 50 samples$/m);
    });
});

describe('marvel --help', () => {
    it('lists compare and the new simulate options', async () => {
        const run = await runMarvel(['--help']);
        expect(run.stdout).toContain('marvel compare FILE [--level P] [--over A] [--scenario ID]…');
        expect(run.stdout).toContain('[--samples N [--seed S]] [--plot OUT.svg|OUT.png [--factor ID]…] [--format csv|json|text]');
    });
});

describe('marvel compare', () => {
    it('ends each pair where simulating the pair as a scenario of the model ends', async () => {
        const folder = path.join(work, 'seed');
        cpSync(seedFolder, folder, { recursive: true });
        const file = path.join(folder, seedMain);
        const matrix = JSON.parse((await runMarvel(['compare', file, '--level', '0.7', '--over', '2', '--format', 'json'])).stdout) as MatrixJson;
        expect(matrix.singles).toHaveLength(matrix.units.length);
        expect(matrix.pairs).toHaveLength(matrix.units.length * (matrix.units.length - 1) / 2);
        const chosen = [matrix.pairs[0], matrix.pairs[100], matrix.pairs.at(-1)!];
        writeFileSync(file, readFileSync(file, 'utf8') + chosen.map((pair, i) =>
            `\nscenario pair${i} "Pair ${i}" {\n${pair.units.map(id => `    set ${id} to 0.7 over 2\n`).join('')}}\n`).join(''));
        for (const [i, pair] of chosen.entries()) {
            const simulated = JSON.parse((await runMarvel(['simulate', file, '--scenario', `pair${i}`, '--format', 'json'])).stdout) as SimulationJson;
            for (const [kpi, cell] of Object.entries(pair.kpis)) {
                expect(cell.end).toBe(simulated.kpis[kpi].end);
            }
        }
        expect(matrix.kpis.map(kpi => kpi.ranking[0])).toEqual(['pilotGemeente', 'pilotGemeente']);
    });

    it('compares the scenarios given, with synergy = pair effect − the two single effects, in CSV and markdown too', async () => {
        const json = JSON.parse((await runMarvel(['compare', seedExample, '--scenario', 'pilot', '--scenario', 'regie', '--format', 'json'])).stdout) as MatrixJson;
        expect(json.units.map(unit => unit.id)).toEqual(['pilot', 'regie']);
        const [pilot, regie] = json.singles;
        const pair = json.pairs[0];
        expect(pair.kpis.slachtoffers.synergy).toBeCloseTo(pair.kpis.slachtoffers.effect - pilot.kpis.slachtoffers.effect - regie.kpis.slachtoffers.effect, 8);
        const csv = (await runMarvel(['compare', seedExample, '--scenario', 'pilot', '--scenario', 'regie', '--format', 'csv'])).stdout.trimEnd().split('\n');
        expect(csv[0]).toBe('units,kpi,end,effect,verdict,share,synergy');
        expect(csv.slice(1).map(line => line.split(',').slice(0, 2).join(','))).toEqual(['pilot,slachtoffers', 'pilot,inBeeld', 'regie,slachtoffers', 'regie,inBeeld', 'pilot+regie,slachtoffers', 'pilot+regie,inBeeld']);
        const markdown = (await runMarvel(['compare', seedExample, '--scenario', 'pilot', '--scenario', 'regie', '--format', 'markdown'])).stdout;
        expect(markdown).toMatch(/^#### Aantal slachtoffers mensenhandel \(slachtoffers\), should decrease$/m);
        expect(markdown).toMatch(/^\| rank \| alone \| end \| effect \| verdict \|$/m);
    });

    it('adds each cell\'s verdict share with --samples, and prints a ranked text table by default', async () => {
        const json = JSON.parse((await runMarvel(['compare', seedExample, '--scenario', 'pilot', '--scenario', 'regie', '--samples', '30', '--format', 'json'])).stdout) as MatrixJson;
        expect(json.singles[0].kpis.slachtoffers.share).toBeGreaterThan(0.9);
        const text = await runMarvel(['compare', seedExample, '--scenario', 'pilot', '--scenario', 'regie', '--samples', '30']);
        expect(text.status, text.stderr).toBe(0);
        expect(text.stdout).toMatch(/^ {2}1 +Pilot mensenhandelvrije gemeente \(pilot\) +0\.03648 +−0\.4635 +desired in \d+ %$/m);
    });

    it('refuses --level with --scenario, and a model without interventions', async () => {
        const run = await runMarvel(['compare', seedExample, '--scenario', 'pilot', '--level', '0.5']);
        expect(run.status).toBe(2);
        expect(run.stderr).toMatch(/--level and --over set the interventions when no --scenario is named/);
        const empty = path.join(work, 'empty.marvel');
        writeFileSync(empty, 'kpi k "K" increase\n');
        const none = await runMarvel(['compare', empty]);
        expect(none.status).toBe(2);
        expect(none.stderr).toMatch(/has no intervention to compare/);
    });
});
