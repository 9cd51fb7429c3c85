import { beforeAll, describe, expect, it } from 'vitest';
import { simulate } from '../language/analysis/dynamics/simulate.js';
import type { ModelGraph } from '../language/analysis/model-graph.js';
import { exportMdl } from '../language/exchange/mdl.js';
import { sdModel } from '../language/exchange/sd-model.js';
import { exportXmile } from '../language/exchange/xmile.js';
import { loadAnalysedModel } from '../server/cli/trace-command.js';
import { repositoryRoot } from './support/example-files.js';
import { runWithSdEverywhere } from './support/sdeverywhere.js';

/**
 * The XMILE and Vensim exports run in SDEverywhere, an engine independent of MARVEL, at a
 * small Euler step; every KPI series matches `marvel simulate` (RK4, step 0.25) within 1e-3,
 * for every scenario alone, all together, and none.
 */
const models = ['examples/mensenhandel/mensenhandel.marvel', 'examples/quickstart.marvel', 'examples/quickstart-care.marvel', 'test/fixtures/exchange/every-attribute.marvel'];
/** Steps of SDEverywhere's Euler within one of MARVEL's RK4 steps. */
const substeps = 256;
const graphs = new Map<string, ModelGraph>();

beforeAll(async () => {
    for (const file of models) {
        graphs.set(file, (await loadAnalysedModel(file, repositoryRoot)).graph);
    }
});

function scenarioSets(graph: ModelGraph): string[][] {
    const ids = graph.scenarios.map(s => s.id);
    return [[], ...ids.map(id => [id]), ...(ids.length > 1 ? [ids] : [])];
}

/** The exported text with a finer time step for the engine; the delays in the equations stay those of the exported step. */
function atFineStep(text: string, kind: 'vensim' | 'xmile', exportedStep: number, fineStep: number): string {
    return kind === 'vensim'
        ? text.replace(`\nTIME STEP = ${exportedStep}\n`, `\nTIME STEP = ${fineStep}\n`)
        : text.replace(`<dt>${exportedStep}</dt>`, `<dt>${fineStep}</dt>`);
}

describe.each(models)('SDEverywhere runs the exports of %s', file => {
    it.each(['vensim', 'xmile'] as const)('as %s: every KPI follows marvel simulate within 1e-3 in every scenario', async kind => {
        const graph = graphs.get(file)!;
        expect(graph.kpis().length).toBeGreaterThan(0);
        for (const scenarios of scenarioSets(graph)) {
            await expectSameKpiSeries(graph, kind, scenarios, { delayOrder: 1, step: 0.25 });
        }
    }, 300_000);
});

describe('delays spread over stages', () => {
    // A stage of a very fast relation lasts 0.25 / 3, shorter than the step: both sides split the step.
    it.each(['vensim', 'xmile'] as const)('as %s with --delay-order 3: every KPI follows marvel simulate', async kind => {
        const graph = graphs.get('test/fixtures/exchange/every-attribute.marvel')!;
        await expectSameKpiSeries(graph, kind, graph.scenarios.map(s => s.id), { delayOrder: 3, step: 0.25 });
    }, 300_000);
});

async function expectSameKpiSeries(graph: ModelGraph, kind: 'vensim' | 'xmile', scenarios: string[], settings: { delayOrder: number; step: number }): Promise<void> {
    const kpis = graph.kpis();
    const options = { scenarios, ...settings };
    const exported = kind === 'vensim' ? exportMdl(graph, options) : exportXmile(graph, options);
    const model = sdModel(graph, options);
    const names = new Map(model.levels.map(level => [level.factor, level.name] as const));
    const engine = await runWithSdEverywhere(atFineStep(exported, kind, model.timeStep, settings.step / substeps), kind, kpis.map(kpi => names.get(kpi.id)!));
    const marvel = simulate(graph, scenarios, settings);
    expect(marvel.divergedAt).toBeUndefined();
    for (const kpi of kpis) {
        const expected = marvel.series.get(kpi.id)!;
        // Vensim saves at SAVEPER, XMILE at every step: the engine's points are looked up by time.
        const byTime = new Map(engine.get(names.get(kpi.id)!)!.map(point => [point.x.toFixed(6), point.y] as const));
        const engineValues = marvel.times.map(time => byTime.get(time.toFixed(6)));
        expect(engineValues.every(value => value !== undefined), `${kpi.id}: a point at every time of marvel simulate`).toBe(true);
        const deviation = Math.max(...expected.map((value, i) => Math.abs(engineValues[i]! - value)));
        expect(deviation, `${kpi.id} under [${scenarios.join(', ')}]`).toBeLessThan(1e-3);
    }
}
