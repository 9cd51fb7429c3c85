import type { ModelGraph } from '../model-graph.js';
import type { Verdict } from '../tracing/signs.js';
import { defaultMatrixLevel, defaultMatrixOver, interventionMatrix, interventionUnits } from './intervention-matrix.js';
import { defaultSimulationSettings } from './simulate.js';

/**
 * How robust each intervention's verdicts are, for the code lens: each intervention runs alone
 * (set to the level and over the time `marvel compare` uses) over the same drawn strength and
 * delay sets, exactly as `compare --samples` runs its single rows.
 */

/** What the samples say about one intervention alone. */
export interface InterventionShares {
    /** The samples asked for. */
    readonly drawn: number;
    /** The samples that did not run away; the shares are of these. */
    readonly kept: number;
    /** Per KPI: the share (0–1) of the kept samples ending with each verdict. */
    readonly kpis: Readonly<Record<string, Readonly<Partial<Record<Verdict, number>>>>>;
}

/** The interventions given (identifiers of `graph`), each alone over `samples` drawn sets from `seed`. */
export function interventionShares(graph: ModelGraph, interventions: readonly string[], samples: number, seed: number): Record<string, InterventionShares> {
    const wanted = new Set(interventions);
    const units = interventionUnits(graph, defaultMatrixLevel, defaultMatrixOver).filter(unit => wanted.has(unit.id));
    const matrix = interventionMatrix(graph, units, { samples: { count: samples, seed }, pairs: false });
    return Object.fromEntries(matrix.singles.map(row => [row.units[0], {
        drawn: samples,
        kept: row.keptSamples ?? 0,
        kpis: Object.fromEntries(row.cells.map(cell => [cell.kpi, cell.shares ?? {}]))
    }]));
}

/**
 * An upper bound of the work of {@link interventionShares}: integration steps times the
 * factors and relations each step touches, for every run. The lens samples only below
 * {@link maxLensSamplingWork}, so that a huge model cannot keep the sampling busy for minutes.
 */
export function samplingWork(graph: ModelGraph, interventions: number, samples: number): number {
    const steps = Math.ceil(defaultSimulationSettings.horizon / defaultSimulationSettings.step);
    return interventions * samples * steps * (graph.factors.length + graph.relations.length);
}

/** About ten seconds of one core: the seed example's largest file at 2,000 samples is 312 million. */
export const maxLensSamplingWork = 400_000_000;
