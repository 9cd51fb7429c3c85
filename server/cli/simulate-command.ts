import type { ChartRun } from '../../language/analysis/dynamics/chart-data.js';
import { chartData, chartFactors } from '../../language/analysis/dynamics/chart-data.js';
import type { RobustnessResult } from '../../language/analysis/dynamics/robustness.js';
import { robustness } from '../../language/analysis/dynamics/robustness.js';
import type { SimulationResult } from '../../language/analysis/dynamics/simulate.js';
import { scenarioSettings, simulate } from '../../language/analysis/dynamics/simulate.js';
import type { ModelGraph } from '../../language/analysis/model-graph.js';
import { renderChart } from '../../language/diagram/simulation-chart.js';
import { percent } from '../../language/text/effect-text.js';
import { optionValue, parseArguments } from './arguments.js';
import type { CliContext, CommandResult } from './command.js';
import { warn } from './command.js';
import { loadAnalysedModel, readableJson, requireFactor, singleModelFile, warnAboutErrors } from './trace-command.js';
import { pictureFormat, writePicture } from './output-file.js';
import { samplingOf, scenariosOf, simulationOptionSpec, simulationSettingsOf } from './simulation-options.js';

export const simulateUsage = 'marvel simulate FILE [--scenario ID]… [--horizon T] [--step DT] [--delay-order N] [--samples N [--seed S]] [--plot OUT.svg|OUT.png [--factor ID]…] [--format csv|json|text]';

export async function runSimulate(args: readonly string[], context: CliContext): Promise<CommandResult> {
    const parsed = parseArguments(args, {
        ...simulationOptionSpec,
        'plot': { value: true },
        'factor': { value: true, repeatable: true },
        'format': { value: true, choices: ['csv', 'json', 'text'] }
    });
    const file = singleModelFile(parsed, simulateUsage);
    const settings = simulationSettingsOf(parsed);
    const sampling = samplingOf(parsed);
    const plot = optionValue(parsed, 'plot');
    if (plot !== undefined) {
        pictureFormat(plot);
    }
    const model = await loadAnalysedModel(file, context.cwd);
    const scenarios = scenariosOf(parsed, model.graph);
    const extraFactors = parsed.options.get('factor') ?? [];
    extraFactors.forEach(id => requireFactor(model.graph, id, '--factor', 'kpi'));
    const result = simulate(model.graph, scenarios, settings);
    const sampled = sampling ? robustness(model.graph, scenarioSettings(model.graph, scenarios), settings, sampling.count, sampling.seed, chartFactors(model.graph, extraFactors)) : undefined;
    warnAboutErrors(model, context);
    if (result.divergedAt !== undefined) {
        warn(context, `the levels run away at t = ${result.divergedAt} (a reinforcing loop gains more than it loses); the series end before it`);
    }
    let output = '';
    if (plot !== undefined) {
        const runs: ChartRun[] = [
            { id: 'rest', label: 'Resting model', baseline: true, result: simulate(model.graph, [], settings) },
            ...scenarios.length > 0 ? [{ id: scenarios.join('+'), label: scenarioTitle(model.graph, scenarios), result, ...(sampled ? { robustness: sampled } : {}) }] : []
        ];
        const data = chartData(model.graph, runs, chartFactors(model.graph, extraFactors));
        await writePicture(plot, renderChart(data, { background: true }), context.cwd);
        output += `${plot}: ${data.panels.length} ${data.panels.length === 1 ? 'curve panel' : 'curve panels'}, ${runs.length} ${runs.length === 1 ? 'run' : 'runs'}\n`;
    }
    const format = optionValue(parsed, 'format') ?? (plot !== undefined ? undefined : 'csv');
    if (format === 'json') {
        output += readableJson(simulationJson(scenarios, result, sampled)) + '\n';
    } else if (format === 'text') {
        output += simulationText(model.graph, scenarios, result, sampled);
    } else if (format === 'csv') {
        output += simulationCsv(result, sampled);
    }
    return { output, exitCode: model.errorCount > 0 ? 1 : 0 };
}

function scenarioTitle(graph: ModelGraph, scenarios: readonly string[]): string {
    return scenarios.map(id => graph.scenarios.find(s => s.id === id)?.label ?? id).join(' + ');
}

/** The contract's JSON, plus the scenarios applied, where levels ran away, and the samples' bands and verdict shares. */
function simulationJson(scenarios: readonly string[], result: SimulationResult, sampled: RobustnessResult | undefined): unknown {
    return {
        scenarios,
        times: result.times.map(time),
        series: Object.fromEntries([...result.series].map(([id, values]) => [id, values.map(level)])),
        kpis: Object.fromEntries(result.kpis.map(kpi => [kpi.id, { start: level(kpi.start), end: level(kpi.end), direction: kpi.direction, verdict: kpi.verdict }])),
        divergedAt: result.divergedAt,
        robustness: sampled && {
            samples: sampled.samples,
            seed: sampled.seed,
            diverged: sampled.diverged,
            kpis: Object.fromEntries(sampled.kpis.map(kpi => [kpi.id, {
                end: { p5: level(kpi.end.low), p50: level(kpi.end.median), p95: level(kpi.end.high) },
                shares: Object.fromEntries(Object.entries(kpi.shares).map(([verdict, share]) => [verdict, level(share)]))
            }])),
            bands: Object.fromEntries([...sampled.bands].map(([id, band]) => [id, { p5: band.low.map(level), p50: band.median.map(level), p95: band.high.map(level) }]))
        }
    };
}

/** A header `time,ID,…` and one row per step (with samples, `ID:p5,ID:p50,ID:p95` per KPI after the factors): ready for a spreadsheet or a plot. */
function simulationCsv(result: SimulationResult, sampled: RobustnessResult | undefined): string {
    const columns = [...result.series].map(([id, values]) => ({ name: id, values }));
    for (const [id, band] of sampled?.bands ?? []) {
        columns.push({ name: `${id}:p5`, values: band.low }, { name: `${id}:p50`, values: band.median }, { name: `${id}:p95`, values: band.high });
    }
    const rows = result.times.map((t, i) => [time(t), ...columns.map(column => level(column.values[i]))].join(','));
    return `${['time', ...columns.map(column => column.name)].join(',')}\n${rows.map(row => `${row}\n`).join('')}`;
}

/** Where each KPI ends and its verdict, with samples also its 5–95 % range and how often each verdict holds. */
function simulationText(graph: ModelGraph, scenarios: readonly string[], result: SimulationResult, sampled: RobustnessResult | undefined): string {
    const lines = [`${scenarios.length > 0 ? scenarioTitle(graph, scenarios) : 'Resting model'}, t = 0 to ${time(result.times.at(-1)!)}${sampled ? `, ${sampled.samples} samples (seed ${sampled.seed})` : ''}`];
    result.kpis.forEach((kpi, k) => {
        lines.push(`${graph.labelOf(kpi.id)} (${kpi.id})${kpi.direction ? `, should ${kpi.direction}` : ''}: ${round(kpi.start)} \u2192 ${round(kpi.end)}, ${kpi.verdict}`);
        const robust = sampled?.kpis[k];
        if (sampled && robust) {
            const kept = sampled.samples - sampled.diverged;
            const shares = Object.entries(robust.shares).sort(([, a], [, b]) => b - a).map(([verdict, share]) => `${verdict} in ${percent(share)} of ${kept}`);
            lines.push(`  5\u201395 %: ${round(robust.end.low)} to ${round(robust.end.high)} (median ${round(robust.end.median)}); ${shares.join(', ')} samples`);
        }
    });
    if (sampled && sampled.diverged > 0) {
        lines.push(`${sampled.diverged} of ${sampled.samples} samples ran away before the horizon and are left out`);
    }
    return lines.map(line => `${line}\n`).join('');
}

function round(value: number): number {
    return Number(value.toPrecision(4));
}

/** Nine significant digits: far below what a semi-quantitative model means, and stable output. */
function level(value: number): number {
    return Number(value.toPrecision(9));
}

/** Step multiples without floating-point noise (0.30000000000000004). */
function time(value: number): number {
    return Number(value.toPrecision(12));
}
