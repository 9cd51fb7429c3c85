import type { Direction, ModelGraph } from '../model-graph.js';
import type { Verdict } from '../tracing/signs.js';
import { verdictOf } from '../tracing/signs.js';

/**
 * MARVEL's semi-quantitative dynamics (the MARVEL method; the README's `marvel simulate` section): every relation carries the change
 * of its source to its target with its gain `k = sign × strength` through a first-order
 * delay of time τ (or a cascade of `delayOrder` stages sharing τ); a scenario pulls each
 * factor it sets towards its target level with its adjustment time. Integrated with
 * fixed-step classic Runge–Kutta.
 */
export interface SimulationSettings {
    /** Model time to simulate (for example years). */
    readonly horizon: number;
    /** Every step is reported; it is also the integration step unless a delay stage is shorter (see {@link substepsPerStep}). */
    readonly step: number;
    /** Stages of each relation's delay (1: first order). */
    readonly delayOrder: number;
}

export const defaultSimulationSettings: SimulationSettings = { horizon: 10, step: 0.25, delayOrder: 1 };

/** Where levels stop being numbers worth showing: a reinforcing loop with a gain above one runs away. */
const divergenceLimit = 1e9;

export interface KpiOutcome {
    readonly id: string;
    readonly start: number;
    readonly end: number;
    readonly direction: Direction | null;
    /** How the KPI ended up against its direction: `none` when it did not move. */
    readonly verdict: Verdict;
}

export interface SimulationResult {
    /** 0, step, 2·step, … up to the horizon (the last step shortened to land on it). */
    readonly times: readonly number[];
    /** Every factor's level at each time, in declaration order. */
    readonly series: ReadonlyMap<string, readonly number[]>;
    /** Every KPI at the start and at the end, in declaration order. */
    readonly kpis: readonly KpiOutcome[];
    /** Set when levels ran away (beyond ±1e9 or not finite): the run stopped at that time. */
    readonly divergedAt?: number;
}

/** One relation as the integrator sees it. */
interface Channel {
    readonly source: number;
    readonly target: number;
    readonly gain: number;
    /** Delay time of each stage. */
    readonly stageTime: number;
    /** Index of its first stage in the state vector. */
    readonly state: number;
}

/** A factor a scenario sets. */
interface Adjustment {
    readonly factor: number;
    readonly level: number;
    readonly time: number;
    readonly state: number;
}

/** What a scenario's `set X to P over A` asks for, without where it is written: also what the what-if sliders make. */
export interface InterventionSetting {
    readonly factor: string;
    readonly target: number;
    readonly over: number;
}

/** A relation's strength and delay as one run uses them: the model's own, or drawn for a robustness sample. */
export interface RelationParameters {
    readonly strength: number;
    readonly delay: number;
}

/**
 * Simulates the model under the given scenarios together (none: the model at rest, where
 * nothing moves). When two scenarios set the same factor, the one named last counts, as a
 * later `set` does within one scenario. Throws for an unknown scenario.
 */
export function simulate(graph: ModelGraph, scenarioIds: readonly string[] = [], settings: Partial<SimulationSettings> = {}): SimulationResult {
    return simulateSettings(graph, scenarioSettings(graph, scenarioIds), settings);
}

/** The settings of the given scenarios in order, so that a later one wins a factor both set. Throws for an unknown scenario. */
export function scenarioSettings(graph: ModelGraph, scenarioIds: readonly string[]): InterventionSetting[] {
    return scenarioIds.flatMap(id => {
        const scenario = graph.scenarios.find(s => s.id === id);
        if (!scenario) {
            throw new Error(`unknown scenario '${id}'`);
        }
        return scenario.settings;
    });
}

/**
 * Simulates the model under a list of settings (a later one wins a factor set twice), with
 * each relation's strength and delay from `relations` (indexed as `graph.relations`) when given.
 */
export function simulateSettings(graph: ModelGraph, interventions: readonly InterventionSetting[], settings: Partial<SimulationSettings> = {}, relations?: readonly RelationParameters[]): SimulationResult {
    const { horizon, step, delayOrder } = { ...defaultSimulationSettings, ...settings };
    const factorIndex = new Map(graph.factors.map((factor, i) => [factor.id, i] as const));
    const initial = Float64Array.from(graph.factors, factor => factor.initial);
    let stateSize = 0;
    const channels: Channel[] = [];
    const moving = movableFactors(graph, interventions);
    for (const relation of graph.relations) {
        // A relation from a factor nothing can move carries exactly zero: leaving it out changes no number.
        if (!moving.has(relation.source)) {
            continue;
        }
        const { strength, delay: relationDelay } = relations?.[relation.index] ?? relation;
        const gain = relation.sign === '?' ? 0 : (relation.sign === '+' ? 1 : -1) * strength;
        if (gain === 0) {
            continue;
        }
        // A delay of zero would be an instant link (and a loop of them unsolvable); the step is the shortest delay it resolves.
        const delay = Math.max(relationDelay, step);
        channels.push({ source: factorIndex.get(relation.source)!, target: factorIndex.get(relation.target)!, gain, stageTime: delay / delayOrder, state: stateSize });
        stateSize += delayOrder;
    }
    const adjustments = new Map<number, Adjustment>();
    for (const setting of interventions) {
        const factor = factorIndex.get(setting.factor);
        if (factor === undefined) {
            throw new Error(`unknown factor '${setting.factor}'`);
        }
        // An adjustment time of zero (an error `check` reports) would be a jump; the step is the shortest time it resolves.
        adjustments.set(factor, { factor, level: setting.target, time: Math.max(setting.over, step), state: adjustments.get(factor)?.state ?? stateSize++ });
    }
    // Flat typed arrays and buffers reused across steps: a robustness run or a slider drag simulates hundreds of times.
    const channelSource = Int32Array.from(channels, channel => channel.source);
    const channelTarget = Int32Array.from(channels, channel => channel.target);
    const channelGain = Float64Array.from(channels, channel => channel.gain);
    const channelStageTime = Float64Array.from(channels, channel => channel.stageTime);
    const channelOutput = Int32Array.from(channels, channel => channel.state + delayOrder - 1);
    const pulls = [...adjustments.values()];
    const levels = (state: Float64Array, x: Float64Array): Float64Array => {
        x.set(initial);
        for (let c = 0; c < channelTarget.length; c++) {
            x[channelTarget[c]] += state[channelOutput[c]];
        }
        for (const adjustment of pulls) {
            x[adjustment.factor] += state[adjustment.state];
        }
        return x;
    };
    const scratch = new Float64Array(initial.length);
    const derivative = (state: Float64Array, rates: Float64Array): void => {
        const x = levels(state, scratch);
        for (let c = 0; c < channelTarget.length; c++) {
            const source = channelSource[c];
            let input = channelGain[c] * (x[source] - initial[source]);
            const first = channelOutput[c] - delayOrder + 1;
            for (let stage = 0; stage < delayOrder; stage++) {
                const value = state[first + stage];
                rates[first + stage] = (input - value) / channelStageTime[c];
                input = value;
            }
        }
        for (const adjustment of pulls) {
            rates[adjustment.state] = (adjustment.level - x[adjustment.factor]) / adjustment.time;
        }
    };
    const integrator = rungeKutta(stateSize, derivative);
    const substeps = substepsPerStep(step, channelStageTime.reduce((shortest, time) => Math.min(shortest, time), Infinity));

    const steps = Math.max(1, Math.ceil(horizon / step - 1e-9));
    const times = [0];
    const state = new Float64Array(stateSize);
    const recorded: Float64Array[] = [levels(state, new Float64Array(initial.length))];
    let divergedAt: number | undefined;
    for (let i = 1; i <= steps; i++) {
        const time = Math.min(i * step, horizon);
        const dt = (time - times[times.length - 1]) / substeps;
        for (let substep = 0; substep < substeps; substep++) {
            integrator(state, dt);
        }
        const x = levels(state, new Float64Array(initial.length));
        if (!withinLimit(x)) {
            divergedAt = time;
            break;
        }
        times.push(time);
        recorded.push(x);
    }
    const series = new Map<string, number[]>();
    graph.factors.forEach((factor, i) => {
        const values = new Array<number>(recorded.length);
        for (let t = 0; t < recorded.length; t++) {
            values[t] = recorded[t][i];
        }
        series.set(factor.id, values);
    });
    const kpis = graph.kpis().map(kpi => {
        const values = series.get(kpi.id)!;
        const start = values[0];
        const end = values[values.length - 1];
        const change = end - start;
        return {
            id: kpi.id,
            start,
            end,
            direction: kpi.direction ?? null,
            verdict: Math.abs(change) < 1e-12 ? 'none' as const : verdictOf(change > 0 ? '+' : '-', kpi.direction)
        };
    });
    return { times, series, kpis, ...(divergedAt !== undefined ? { divergedAt } : {}) };
}

/**
 * The factors the settings can move: those they set and everything downstream. The rest stay
 * at their initial levels, so a robustness run of one intervention integrates only its reach.
 */
function movableFactors(graph: ModelGraph, interventions: readonly InterventionSetting[]): Set<string> {
    const moving = new Set(interventions.map(setting => setting.factor));
    const queue = [...moving];
    while (queue.length > 0) {
        for (const relation of graph.outgoing(queue.pop()!)) {
            if (!moving.has(relation.target)) {
                moving.add(relation.target);
                queue.push(relation.target);
            }
        }
    }
    return moving;
}

/**
 * How many Runge–Kutta steps one reported step takes. RK4 runs away on a delay stage shorter
 * than about 0.36 of its step (a delay of one step split into three or more stages) and is
 * inaccurate well before, so the step is split until no stage is shorter than it. A stage is
 * never shorter than the step divided by the delay order, nor an adjustment than the step, so
 * this is at most the delay order, and 1 for first-order delays.
 */
export function substepsPerStep(step: number, shortestStageTime: number): number {
    return Math.max(1, Math.ceil(step / shortestStageTime - 1e-9));
}

/** Whether every level is finite and within ±{@link divergenceLimit} (a plain loop: it runs at every step of every sample). */
function withinLimit(levels: Float64Array): boolean {
    for (let i = 0; i < levels.length; i++) {
        if (!(Math.abs(levels[i]) <= divergenceLimit)) {
            return false;
        }
    }
    return true;
}

/** Classic fourth-order Runge–Kutta: a function that advances the state in place by one step, with its buffers allocated once. */
function rungeKutta(size: number, derivative: (state: Float64Array, rates: Float64Array) => void): (state: Float64Array, dt: number) => void {
    const k1 = new Float64Array(size);
    const k2 = new Float64Array(size);
    const k3 = new Float64Array(size);
    const k4 = new Float64Array(size);
    const probe = new Float64Array(size);
    const along = (state: Float64Array, rates: Float64Array, factor: number): Float64Array => {
        for (let i = 0; i < size; i++) {
            probe[i] = state[i] + rates[i] * factor;
        }
        return probe;
    };
    return (state, dt) => {
        derivative(state, k1);
        derivative(along(state, k1, dt / 2), k2);
        derivative(along(state, k2, dt / 2), k3);
        derivative(along(state, k3, dt), k4);
        for (let i = 0; i < size; i++) {
            state[i] = state[i] + (dt / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
    };
}
