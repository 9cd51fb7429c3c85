import { describe, expect, it } from 'vitest';
import { chartCsv, chartData, chartFactors } from '../language/analysis/dynamics/chart-data.js';
import { interventionMatrix, interventionUnits, scenarioUnits } from '../language/analysis/dynamics/intervention-matrix.js';
import { delayBands, drawRelationParameters, robustness, strengthBands } from '../language/analysis/dynamics/robustness.js';
import { simulate, simulateSettings } from '../language/analysis/dynamics/simulate.js';
import type { ModelGraph } from '../language/analysis/model-graph.js';
import { seedGraph } from './support/seed-model.js';
import { renderChart } from '../language/diagram/simulation-chart.js';
import { graphOf } from './support/workspace.js';

/** Two parts that share nothing: a drives k1 through x, b drives k2 through y. */
const disjoint = `intervention a "A"
intervention b "B"
factor x "X"
factor y "Y"
kpi k1 "K1" increase
kpi k2 "K2" decrease
a -> +x (strength: strong)
x -> +k1 (speed: low)
b -> -y
y -> +k2 (strength: weak)
`;

describe('intervention matrix', () => {
    it('gives a pair of interventions on disjoint parts of a model a synergy of exactly 0', async () => {
        const matrix = interventionMatrix(await graphOf(disjoint), interventionUnits(await graphOf(disjoint), 0.8, 1));
        expect(matrix.singles.map(row => row.units)).toEqual([['a'], ['b']]);
        expect(matrix.pairs.map(row => row.units)).toEqual([['a', 'b']]);
        expect(matrix.pairs[0].cells.map(cell => cell.synergy)).toEqual([0, 0]);
        expect(matrix.pairs[0].cells.map(cell => cell.effect)).toEqual(matrix.singles.map((row, k) => row.cells[k].effect + matrix.singles[1 - k].cells[k].effect));
    });

    it('finds synergy where one intervention moves the other\'s factor, which the other then holds at its level', async () => {
        const graph = await graphOf(`${disjoint}b -> +a\n`);
        const pair = interventionMatrix(graph, interventionUnits(graph, 0.8, 1)).pairs[0];
        expect(pair.cells[0].synergy).toBeLessThan(-1e-3);
    });

    it('ranks interventions per KPI by how far they move it the desired way', async () => {
        const graph = await graphOf(`intervention weak "Weak"
intervention strong "Strong"
intervention wrong "Wrong"
kpi k "K" decrease
weak -> -k (strength: weak)
strong -> -k (strength: strong)
wrong -> +k
`);
        const matrix = interventionMatrix(graph, interventionUnits(graph, 0.8, 1));
        expect(matrix.kpis[0].ranking).toEqual(['strong', 'weak', 'wrong']);
        expect(matrix.singles.map(row => row.cells[0].verdict)).toEqual(['desired', 'desired', 'undesired']);
    });

    it('ends every pair of the seed\'s scenarios where simulating the two scenarios together ends', async () => {
        const graph = await seedGraph();
        const ids = graph.scenarios.map(s => s.id);
        const matrix = interventionMatrix(graph, scenarioUnits(graph, ids));
        expect(matrix.pairs).toHaveLength(ids.length * (ids.length - 1) / 2);
        for (const row of matrix.pairs) {
            const together = simulate(graph, row.units);
            expect(row.cells.map(cell => cell.end)).toEqual(together.kpis.map(kpi => kpi.end));
        }
        for (const row of matrix.singles) {
            expect(row.cells.map(cell => cell.end)).toEqual(simulate(graph, row.units).kpis.map(kpi => kpi.end));
        }
    });

    it('adds each cell\'s verdict share when sampled, the same for the same seed', async () => {
        const graph = await graphOf(disjoint);
        const units = interventionUnits(graph, 0.8, 1);
        const sampled = interventionMatrix(graph, units, { samples: { count: 40, seed: 3 } });
        expect(sampled.singles[0].cells[0].share).toBe(1);
        expect(interventionMatrix(graph, units, { samples: { count: 40, seed: 3 } })).toEqual(sampled);
    });
});

describe('robustness samples', () => {
    it('draws every strength and delay within its class band, the same draws for the same seed', async () => {
        const graph = await seedGraph();
        const draws = drawRelationParameters(graph, 50, 11);
        expect(drawRelationParameters(graph, 50, 11)).toEqual(draws);
        expect(drawRelationParameters(graph, 50, 12)).not.toEqual(draws);
        for (const sample of draws) {
            for (const relation of graph.relations) {
                const { strength, delay } = sample[relation.index];
                const [low, high] = relation.strengthClass ? strengthBands[relation.strengthClass] : [relation.strength * 0.8, relation.strength * 1.2];
                expect(strength).toBeGreaterThanOrEqual(low);
                expect(strength).toBeLessThanOrEqual(high);
                const [early, late] = relation.speedClass && !relation.explicitDelay ? delayBands[relation.speedClass] : [relation.delay * 0.8, relation.delay * 1.2];
                expect(delay).toBeGreaterThanOrEqual(early);
                expect(delay).toBeLessThanOrEqual(late);
            }
        }
    });

    it('draws each relation the same values whatever order its files were read in, and an edit of one relation leaves the others\' draws alone', async () => {
        const text = ['kpi k "K" decrease', 'intervention a "A"', 'factor x "X"', 'a -> +x (strength: weak)', 'x -> -k (speed: low)', 'a -> +k (strength: 0.4)'];
        const drawsByRelation = async (lines: readonly string[]): Promise<Map<string, unknown>> => {
            const graph = await graphOf(lines.join('\n'));
            const draws = drawRelationParameters(graph, 20, 7);
            return new Map(graph.relations.map(relation => [`${relation.source}->${relation.target}`, draws.map(sample => sample[relation.index])]));
        };
        const declared = await drawsByRelation(text);
        const reordered = await drawsByRelation([...text.slice(0, 3), text[5], text[4], text[3]]);
        expect(reordered).toEqual(declared);
        const edited = await drawsByRelation(text.map(line => line === 'x -> -k (speed: low)' ? 'x -> -k (speed: high)' : line));
        expect(edited.get('x->k')).not.toEqual(declared.get('x->k'));
        expect([edited.get('a->x'), edited.get('a->k')]).toEqual([declared.get('a->x'), declared.get('a->k')]);
    });

    it('is reproducible per seed, and its median run is close to the nominal run on the seed model', async () => {
        const graph = await seedGraph();
        const pilot = graph.scenarios.find(s => s.id === 'pilot')!.settings;
        const result = robustness(graph, pilot, {}, 200, 5);
        expect(robustness(graph, pilot, {}, 200, 5)).toEqual(result);
        const nominal = simulate(graph, ['pilot']);
        nominal.kpis.forEach((kpi, k) => {
            const sampled = result.kpis[k];
            expect(sampled.end.low).toBeLessThan(kpi.end);
            expect(sampled.end.high).toBeGreaterThan(kpi.end);
            // Within a fifth of how far the KPI moves: the bands are not symmetric around the class values.
            expect(Math.abs(sampled.end.median - kpi.end)).toBeLessThan(0.2 * Math.abs(kpi.end - kpi.start));
            expect(sampled.shares[kpi.verdict]).toBeGreaterThan(0.9);
        });
        const band = result.bands.get('slachtoffers')!;
        expect(band.median).toHaveLength(nominal.times.length);
        expect(band.low.every((value, i) => value <= band.median[i] && band.median[i] <= band.high[i])).toBe(true);
    });

    it('centres the samples on the nominal run when the bands are symmetric (numeric strengths, explicit delays)', async () => {
        const graph = await graphOf(`intervention a "A"
factor b "B"
kpi k "K" increase
a -> +b (strength: 0.6, delay: 1)
b -> +k (strength: 0.9, delay: 2)
`);
        const settings = [{ factor: 'a', target: 0.8, over: 1 }];
        const nominal = simulateSettings(graph, settings).kpis[0];
        const sampled = robustness(graph, settings, {}, 400, 9).kpis[0];
        expect(sampled.end.median).toBeCloseTo(nominal.end, 2);
        expect(sampled.shares).toEqual({ desired: 1 });
    });
});

describe('chart data', () => {
    async function pushed(): Promise<ModelGraph> {
        return graphOf(`${disjoint}scenario push "Push" {\n    set a to 0.8 over 1\n}\n`);
    }

    it('holds the KPIs first, then the factors asked for, each with the runs\' series as simulated', async () => {
        const graph = await pushed();
        const rest = simulate(graph);
        const push = simulate(graph, ['push']);
        const data = chartData(graph, [{ id: 'rest', label: 'Rest', baseline: true, result: rest }, { id: 'push', label: 'Push', result: push }], chartFactors(graph, ['x', 'k1', 'nope']));
        expect(data.panels.map(panel => panel.factor)).toEqual(['k1', 'k2', 'x']);
        expect(data.panels[0]).toMatchObject({ kpi: true, direction: 'increase' });
        expect(data.panels[2].series.map(series => series.values)).toEqual([rest.series.get('x'), push.series.get('x')]);
        expect(data.times).toEqual(push.times);
    });

    it('exports as CSV: a time column, then one column per run and factor', async () => {
        const graph = await pushed();
        const push = simulate(graph, ['push']);
        const csv = chartCsv(chartData(graph, [{ id: 'push', label: 'Push', result: push }], ['k1']));
        const [header, first, ...rest] = csv.trimEnd().split('\n');
        expect(header).toBe('time,push:k1');
        expect(first).toBe('0,0.5');
        expect(rest).toHaveLength(push.times.length - 1);
        expect(Number(rest.at(-1)!.split(',')[1])).toBeCloseTo(push.series.get('k1')!.at(-1)!, 8);
    });

    it('marks a curve that leaves the 0–1 scale: the region beyond shaded, the panel saying so', async () => {
        const graph = await graphOf(`intervention a "A"
kpi k "K" increase
kpi calm "Calm" decrease
a -> +k (strength: 4)
a -> -calm (strength: weak)
scenario push "Push" {
    set a to 0.8 over 1
}
`);
        const push = simulate(graph, ['push']);
        expect(Math.max(...push.series.get('k')!)).toBeGreaterThan(1);
        const svg = renderChart(chartData(graph, [{ id: 'rest', label: 'Rest', baseline: true, result: simulate(graph) }, { id: 'push', label: 'Push', result: push }], chartFactors(graph)));
        const panel = (id: string): string => svg.slice(svg.indexOf(`<g class="chart-panel" data-factor="${id}">`)).split('</g>')[0];
        expect(panel('k')).toContain('KPI, should increase · leaves the 0–1 scale');
        expect(panel('k')).toMatch(/class="chart-outside"[^>]*\/><line[^>]*\/><text class="chart-outside-label"[^>]*>above 1</);
        expect(panel('calm')).toContain('>KPI, should decrease<');
        expect(panel('calm')).not.toContain('chart-outside');
        // The desired side of the start level is tinted: above it for an increase.
        expect(panel('k')).toContain('class="chart-desired"');
        // What the numbers are is said once, under the legend.
        expect(svg).toContain('>Each factor&#39;s level on MARVEL&#39;s 0–1 scale over time in the model&#39;s time unit; tinted: where a KPI should go</text>');
    });
});
