import { cpus, loadavg } from 'node:os';
import { chartData, chartFactors } from '../language/analysis/dynamics/chart-data.js';
import { robustness } from '../language/analysis/dynamics/robustness.js';
import type { InterventionSetting } from '../language/analysis/dynamics/simulate.js';
import { simulateSettings } from '../language/analysis/dynamics/simulate.js';
import type { ModelGraph } from '../language/analysis/model-graph.js';
import { renderChart } from '../language/diagram/simulation-chart.js';
import { buildWorkspace, createServices } from './bench-workspace.js';
import { randomGraph } from './random-graph.js';
import { seedCase, seedExamplePath } from './cases.js';
import type { Timing } from './measure.js';
import { median, timeAsync } from './measure.js';
import type { Target } from './report.js';
import { ms, targetTable } from './report.js';
import { measureLensShares } from './lens-robustness-bench.js';

/**
 * `node out/bench.cjs --simulation`: MARVEL's dynamics against the targets of the Simulation
 * view and `marvel simulate`/`compare`: a 5,000-factor model over the default horizon, 500
 * robustness samples of the seed example, and what one what-if slider step costs the view
 * (simulate with every intervention set, chart data, SVG).
 */
export async function runSimulationBench(log: (line: string) => void = console.log): Promise<void> {
    log(`MARVEL simulation benchmark — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, load average ${loadavg()[0].toFixed(1)}`);
    // Weak relations, so that its loops do not run away.
    const large = randomGraph(5000, 4, 11, random => ({ strength: 'weak', speed: random.pick(['low', 'average', 'high', 'very high'] as const) }));
    const largeSettings = large.interventions().slice(0, 10).map(factor => ({ factor: factor.id, target: 0.8, over: 1 }));
    const largeRun = simulateSettings(large, largeSettings);
    const largeTiming = await medianOf(3, async () => { simulateSettings(large, largeSettings); });
    log(`generated model: ${large.factors.length} factors, ${large.relations.length} relations, ${largeRun.times.length} times${largeRun.divergedAt !== undefined ? ` (ran away at t = ${largeRun.divergedAt})` : ''}`);

    const seed = await seedGraph();
    const pilot = seed.scenarios.find(s => s.id === 'pilot')?.settings ?? [];
    const samplesTiming = await medianOf(3, async () => { robustness(seed, pilot, {}, 500, 1); });
    const sliders: InterventionSetting[] = seed.interventions().map(factor => ({ factor: factor.id, target: 0.7, over: 1 }));
    const sliderTiming = await medianOf(20, async () => {
        const runs = [
            { id: 'rest', label: 'Resting model', baseline: true, result: simulateSettings(seed, []) },
            { id: 'what-if', label: 'What-if', result: simulateSettings(seed, sliders) }
        ];
        renderChart(chartData(seed, runs, chartFactors(seed)));
    });
    const lensShares = await measureLensShares(seedCase(seedExamplePath())!);
    const targets: Target[] = [
        { what: `simulate ${large.factors.length} factors / ${large.relations.length} relations, horizon 10, step 0.25`, limitMs: 1000, measured: largeTiming },
        { what: `500 robustness samples of the seed example (${seed.relations.length} relations)`, limitMs: 2000, measured: samplesTiming },
        { what: `one what-if slider step on the seed example (${sliders.length} interventions set; simulate, chart, SVG)`, limitMs: 100, measured: sliderTiming },
        ...lensShares.targets
    ];
    log(targetTable(targets));
    log(`code lens shares of every file of the seed example in turn (${lensShares.allFiles.interventions} interventions alone × 500 samples, what opening them all costs the worker): ${ms(lensShares.allFiles.timing.wallMs)} (cpu ${ms(lensShares.allFiles.timing.cpuMs)})`);
}

async function medianOf(times: number, action: () => Promise<void>): Promise<Timing> {
    const timings: Timing[] = [];
    for (let i = 0; i < times; i++) {
        timings.push(await timeAsync(action));
    }
    return { wallMs: median(timings.map(t => t.wallMs)), cpuMs: median(timings.map(t => t.cpuMs)) };
}

async function seedGraph(): Promise<ModelGraph> {
    const input = seedCase(seedExamplePath());
    if (!input) {
        throw new Error('the seed example is missing');
    }
    const { workspace } = await buildWorkspace(createServices(input.context), input.files);
    return workspace.marvel.workspace.ModelProvider.getModel(workspace.documents[0]).graph;
}

