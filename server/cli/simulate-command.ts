import type { SimulationResult } from '../../language/analysis/dynamics/simulate.js';
import { defaultSimulationSettings, simulate } from '../../language/analysis/dynamics/simulate.js';
import type { ModelGraph } from '../../language/analysis/model-graph.js';
import { closestNames } from '../../language/text/closest-names.js';
import { integerOption, optionValue, parseArguments, positiveNumberOption } from './arguments.js';
import type { CommandResult } from './command.js';
import { UsageError } from './input-files.js';
import { loadAnalysedModel, readableJson, singleModelFile, warnAboutErrors } from './trace-command.js';

export const simulateUsage = 'marvel simulate FILE [--scenario ID]… [--horizon T] [--step DT] [--delay-order N] [--format csv|json]';

/** More points than anyone plots; beyond it a typo in --step would only fill the disk. */
const maxSteps = 100_000;

export async function runSimulate(args: readonly string[]): Promise<CommandResult> {
    const parsed = parseArguments(args, {
        'scenario': { value: true, repeatable: true },
        'horizon': { value: true },
        'step': { value: true },
        'delay-order': { value: true },
        'format': { value: true, choices: ['csv', 'json'] }
    });
    const file = singleModelFile(parsed, simulateUsage);
    const horizon = positiveNumberOption(parsed, 'horizon', defaultSimulationSettings.horizon, 1e6);
    const step = positiveNumberOption(parsed, 'step', defaultSimulationSettings.step, horizon);
    if (horizon / step > maxSteps) {
        throw new UsageError(`--horizon ${horizon} at --step ${step} makes more than ${maxSteps} steps; take a larger step`);
    }
    const delayOrder = integerOption(parsed, 'delay-order', defaultSimulationSettings.delayOrder, 1, 10);
    const model = await loadAnalysedModel(file);
    const scenarios = parsed.options.get('scenario') ?? [];
    for (const id of scenarios) {
        requireScenario(model.graph, id);
    }
    const result = simulate(model.graph, scenarios, { horizon, step, delayOrder });
    warnAboutErrors(model);
    if (result.divergedAt !== undefined) {
        process.stderr.write(`marvel: warning: the levels run away at t = ${result.divergedAt} (a reinforcing loop gains more than it loses); the series end before it\n`);
    }
    const output = optionValue(parsed, 'format') === 'json' ? readableJson(simulationJson(scenarios, result)) + '\n' : simulationCsv(result);
    return { output, exitCode: model.errorCount > 0 ? 1 : 0 };
}

export function requireScenario(graph: ModelGraph, id: string): void {
    if (graph.scenarios.some(s => s.id === id)) {
        return;
    }
    const ids = graph.scenarios.map(s => s.id);
    const close = closestNames(id, ids);
    const hint = close.length > 0 ? `did you mean ${close.map(c => `'${c}'`).join(' or ')}?`
        : ids.length > 0 ? `the model's scenarios: ${ids.join(', ')}` : 'the model declares no scenario';
    throw new UsageError(`--scenario '${id}' is not a scenario of the model; ${hint}`);
}

/** The contract's JSON, plus the scenarios applied and, when levels ran away, where. */
function simulationJson(scenarios: readonly string[], result: SimulationResult): unknown {
    return {
        scenarios,
        times: result.times.map(time),
        series: Object.fromEntries([...result.series].map(([id, values]) => [id, values.map(level)])),
        kpis: Object.fromEntries(result.kpis.map(kpi => [kpi.id, { start: level(kpi.start), end: level(kpi.end), direction: kpi.direction, verdict: kpi.verdict }])),
        divergedAt: result.divergedAt
    };
}

/** A header `time,ID,…` and one row per step: ready for a spreadsheet or a plot. */
function simulationCsv(result: SimulationResult): string {
    const ids = [...result.series.keys()];
    const columns = ids.map(id => result.series.get(id)!);
    const rows = result.times.map((t, i) => [time(t), ...columns.map(values => level(values[i]))].join(','));
    return `${['time', ...ids].join(',')}\n${rows.map(row => `${row}\n`).join('')}`;
}

/** Nine significant digits: far below what a semi-quantitative model means, and stable output. */
function level(value: number): number {
    return Number(value.toPrecision(9));
}

/** Step multiples without floating-point noise (0.30000000000000004). */
function time(value: number): number {
    return Number(value.toPrecision(12));
}
