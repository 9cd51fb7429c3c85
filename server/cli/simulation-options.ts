import type { SimulationSettings } from '../../language/analysis/dynamics/simulate.js';
import { defaultSimulationSettings } from '../../language/analysis/dynamics/simulate.js';
import { defaultSeed, maxSamples } from '../../language/analysis/dynamics/robustness.js';
import type { ModelGraph } from '../../language/analysis/model-graph.js';
import { closestNames } from '../../language/text/closest-names.js';
import type { OptionSpec, ParsedArguments } from './arguments.js';
import { integerOption, optionValue, positiveNumberOption } from './arguments.js';
import { UsageError } from './input-files.js';

/** The options `simulate` and `compare` share: the run's time axis and the robustness samples. */
export const simulationOptionSpec: Readonly<Record<string, OptionSpec>> = {
    'scenario': { value: true, repeatable: true },
    'horizon': { value: true },
    'step': { value: true },
    'delay-order': { value: true },
    'samples': { value: true },
    'seed': { value: true }
};

/** More points than anyone plots; beyond it a typo in --step would only fill the disk. */
const maxSteps = 100_000;

export function simulationSettingsOf(parsed: ParsedArguments): SimulationSettings {
    const horizon = positiveNumberOption(parsed, 'horizon', defaultSimulationSettings.horizon, 1e6);
    const step = positiveNumberOption(parsed, 'step', defaultSimulationSettings.step, horizon);
    if (horizon / step > maxSteps) {
        throw new UsageError(`--horizon ${horizon} at --step ${step} makes more than ${maxSteps} steps; take a larger step`);
    }
    const delayOrder = integerOption(parsed, 'delay-order', defaultSimulationSettings.delayOrder, 1, 10);
    return { horizon, step, delayOrder };
}

/** `--samples N [--seed S]`, or undefined without `--samples`. */
export function samplingOf(parsed: ParsedArguments): { readonly count: number; readonly seed: number } | undefined {
    if (optionValue(parsed, 'samples') === undefined) {
        if (optionValue(parsed, 'seed') !== undefined) {
            throw new UsageError('--seed needs --samples: the number of strength and delay sets to draw');
        }
        return undefined;
    }
    return { count: integerOption(parsed, 'samples', 0, 1, maxSamples), seed: integerOption(parsed, 'seed', defaultSeed, 0, 2 ** 32 - 1) };
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

/** The scenarios named with `--scenario`, each checked against the model. */
export function scenariosOf(parsed: ParsedArguments, graph: ModelGraph): readonly string[] {
    const scenarios = parsed.options.get('scenario') ?? [];
    scenarios.forEach(id => requireScenario(graph, id));
    return scenarios;
}

/** A finite number, or the fallback when the option is absent: a level may lie anywhere, 0–1 being the usual scale. */
export function numberOption(parsed: ParsedArguments, name: string, fallback: number): number {
    const text = optionValue(parsed, name);
    if (text === undefined) {
        return fallback;
    }
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value)) {
        throw new UsageError(`option '--${name}' must be a number, not '${text}'`);
    }
    return value;
}
