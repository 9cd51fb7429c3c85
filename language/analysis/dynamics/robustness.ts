import type { ModelGraph, SpeedClass, StrengthClass } from '../model-graph.js';
import { Prng, streamSeed } from '../prng.js';
import type { Verdict } from '../tracing/signs.js';
import type { InterventionSetting, RelationParameters, SimulationSettings } from './simulate.js';
import { simulateSettings } from './simulate.js';

/**
 * How robust a verdict is to the expert judgements in a model: every strength and delay is
 * a class picked by people, so each sample draws them anew within their class's band and
 * the verdicts are counted over the samples.
 */

/** Where each strength class plausibly lies; the bands meet, so a draw never jumps a class. */
export const strengthBands: Readonly<Record<StrengthClass, readonly [number, number]>> = {
    'weak': [0.1, 0.35], 'average': [0.35, 0.75], 'strong': [0.75, 1.1], 'very strong': [1.1, 1.5]
};

/** Where each speed class's delay time plausibly lies: halfway (roughly) to its neighbours' delays. */
export const delayBands: Readonly<Record<SpeedClass, readonly [number, number]>> = {
    'very high': [0.125, 0.375], 'high': [0.375, 0.75], 'average': [0.75, 2], 'low': [2, 4]
};

/** A strength or delay written as a number varies by this fraction either way. */
export const numericSpread = 0.2;

/** The seed when none is given (`--samples` without `--seed`, the code lens): fixed, so that two runs agree. */
export const defaultSeed = 1;

/** The most samples a run may ask for: enough for stable 5 % and 95 % bands. */
export const maxSamples = 10_000;

/** The levels the 5 %, 50 % and 95 % of the samples stay below, at each time. */
export interface SampleBand {
    readonly low: readonly number[];
    readonly median: readonly number[];
    readonly high: readonly number[];
}

export interface KpiRobustness {
    readonly id: string;
    /** The share (0–1) of the kept samples in which the KPI ends with each verdict. */
    readonly shares: Readonly<Partial<Record<Verdict, number>>>;
    readonly end: { readonly low: number; readonly median: number; readonly high: number };
}

export interface RobustnessResult {
    readonly samples: number;
    readonly seed: number;
    /** The times of the nominal run; every band has one value per time. */
    readonly times: readonly number[];
    /** Bands of the factors asked for (the KPIs by default). */
    readonly bands: ReadonlyMap<string, SampleBand>;
    readonly kpis: readonly KpiRobustness[];
    /** Samples whose levels ran away before the horizon: left out of bands and shares. */
    readonly diverged: number;
}

/**
 * Draws one value of every relation's strength and delay per sample; the same seed gives the
 * same draws. Each value comes from a triangular distribution over its band that peaks at
 * the model's own value: anywhere in the band is possible, the class's value most likely, so
 * the samples spread around the nominal run rather than around the bands' middles.
 *
 * Each relation draws from a stream of its own, seeded by the seed and by what the relation
 * is: the draws do not depend on the order in which the model's files were read (the editor
 * and the command line may read a ring of imports from different ends), and an edit of one
 * relation leaves the others' draws alone.
 */
export function drawRelationParameters(graph: ModelGraph, samples: number, seed: number): RelationParameters[][] {
    const occurrences = new Map<string, number>();
    const columns = graph.relations.map(relation => {
        const identity = JSON.stringify([relation.source, relation.target, relation.sign, relation.strength, relation.strengthClass ?? null, relation.speedClass ?? null, relation.delay, relation.explicitDelay]);
        // Relations alike in every respect are interchangeable: counting them apart is enough.
        const occurrence = occurrences.get(identity) ?? 0;
        occurrences.set(identity, occurrence + 1);
        const prng = new Prng(streamSeed(seed, `${identity}#${occurrence}`));
        const draw = ([low, high]: readonly [number, number], mode: number): number => triangular(prng.next(), low, Math.min(high, Math.max(low, mode)), high);
        const around = (value: number): number => draw([value * (1 - numericSpread), value * (1 + numericSpread)], value);
        return Array.from({ length: samples }, () => ({
            strength: relation.strengthClass ? draw(strengthBands[relation.strengthClass], relation.strength) : around(relation.strength),
            delay: relation.speedClass && !relation.explicitDelay ? draw(delayBands[relation.speedClass], relation.delay) : around(relation.delay)
        }));
    });
    return Array.from({ length: samples }, (_, sample) => columns.map(column => column[sample]));
}

/** The value at probability `u` of the triangular distribution from `low` to `high` peaking at `mode`. */
function triangular(u: number, low: number, mode: number, high: number): number {
    const width = high - low;
    if (width <= 0) {
        return low;
    }
    const split = (mode - low) / width;
    return u < split ? low + Math.sqrt(u * width * (mode - low)) : high - Math.sqrt((1 - u) * width * (high - mode));
}

/**
 * Runs the settings once per drawn parameter set and summarises the runs: per factor the
 * 5/50/95 % bands over time, per KPI the share of each verdict at the horizon.
 */
export function sampleRuns(
    graph: ModelGraph,
    interventions: readonly InterventionSetting[],
    settings: Partial<SimulationSettings>,
    draws: { readonly samples: number; readonly seed: number; readonly parameters: readonly (readonly RelationParameters[])[] },
    factors: readonly string[] = graph.kpis().map(kpi => kpi.id)
): RobustnessResult {
    const nominal = simulateSettings(graph, interventions, settings);
    // Only what the summary needs is kept of each run, so a run's other series are garbage at once.
    const seriesByFactor = factors.map(() => [] as (readonly number[])[]);
    const outcomes: { readonly verdict: Verdict; readonly end: number }[][] = graph.kpis().map(() => []);
    let kept = 0;
    for (const parameters of draws.parameters) {
        const run = simulateSettings(graph, interventions, settings, parameters);
        if (run.divergedAt === undefined) {
            kept++;
            factors.forEach((id, f) => seriesByFactor[f].push(run.series.get(id)!));
            run.kpis.forEach((kpi, k) => outcomes[k].push({ verdict: kpi.verdict, end: kpi.end }));
        }
    }
    const bands = new Map(factors.map((id, f) => [id, bandOf(seriesByFactor[f], nominal.times.length)] as const));
    const kpis = graph.kpis().map((kpi, k) => {
        const counts = new Map<Verdict, number>();
        for (const { verdict } of outcomes[k]) {
            counts.set(verdict, (counts.get(verdict) ?? 0) + 1);
        }
        const ends = outcomes[k].map(outcome => outcome.end).sort((a, b) => a - b);
        return {
            id: kpi.id,
            shares: Object.fromEntries([...counts].map(([verdict, count]) => [verdict, count / outcomes[k].length])),
            end: { low: quantile(ends, 0.05), median: quantile(ends, 0.5), high: quantile(ends, 0.95) }
        };
    });
    return { samples: draws.samples, seed: draws.seed, times: nominal.times, bands, kpis, diverged: draws.parameters.length - kept };
}

/** Draws and runs in one: what `marvel simulate --samples N --seed S` does. */
export function robustness(graph: ModelGraph, interventions: readonly InterventionSetting[], settings: Partial<SimulationSettings>, samples: number, seed: number, factors?: readonly string[]): RobustnessResult {
    return sampleRuns(graph, interventions, settings, { samples, seed, parameters: drawRelationParameters(graph, samples, seed) }, factors);
}

function bandOf(runs: readonly (readonly number[])[], length: number): SampleBand {
    const low: number[] = [];
    const median: number[] = [];
    const high: number[] = [];
    const column = new Float64Array(runs.length);
    for (let t = 0; t < length; t++) {
        runs.forEach((values, i) => { column[i] = values[t]; });
        column.sort();
        low.push(quantile(column, 0.05));
        median.push(quantile(column, 0.5));
        high.push(quantile(column, 0.95));
    }
    return { low, median, high };
}

/** The q-quantile of sorted values, interpolated between neighbours; NaN when there are none. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
    if (sorted.length === 0) {
        return NaN;
    }
    const position = (sorted.length - 1) * q;
    const below = Math.floor(position);
    const above = Math.min(below + 1, sorted.length - 1);
    return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}
