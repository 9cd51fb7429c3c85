import type { Direction, ModelGraph } from '../model-graph.js';
import type { Verdict } from '../tracing/signs.js';
import { drawRelationParameters, sampleRuns } from './robustness.js';
import type { InterventionSetting, SimulationSettings } from './simulate.js';
import { scenarioSettings, simulateSettings } from './simulate.js';

/**
 * MARVEL's paired-intervention analysis: every intervention (or scenario) alone and every
 * pair of them, each KPI's end value and verdict, the interventions ranked per KPI, and each
 * pair's synergy: what the pair does beyond the sum of what each does alone.
 */

/** One thing the matrix runs: an intervention set to a level, or a scenario of the model. */
export interface MatrixUnit {
    readonly id: string;
    readonly label: string;
    readonly settings: readonly InterventionSetting[];
}

export interface MatrixCell {
    readonly kpi: string;
    readonly end: number;
    /** The end value minus the resting model's (the KPI's start level). */
    readonly effect: number;
    readonly verdict: Verdict;
    /** With samples: the share (0–1) of samples in which the verdict holds. */
    readonly share?: number;
    /** With samples: the share (0–1) of the samples ending with each verdict. */
    readonly shares?: Readonly<Partial<Record<Verdict, number>>>;
    /** For a pair: its effect minus the sum of its members' effects alone. */
    readonly synergy?: number;
}

export interface MatrixRow {
    /** One unit, or two for a pair. */
    readonly units: readonly string[];
    readonly cells: readonly MatrixCell[];
    /** Set when the run's levels ran away before the horizon; its values are where they stopped. */
    readonly divergedAt?: number;
    /** With samples: how many did not run away; the shares are of these. */
    readonly keptSamples?: number;
}

export interface MatrixKpi {
    readonly id: string;
    readonly label: string;
    readonly direction: Direction | null;
    /** Single units, best for this KPI first: most desired effect to most undesired. */
    readonly ranking: readonly string[];
}

export interface InterventionMatrix {
    readonly units: readonly MatrixUnit[];
    readonly kpis: readonly MatrixKpi[];
    readonly singles: readonly MatrixRow[];
    readonly pairs: readonly MatrixRow[];
    /** With samples: how many were drawn and from which seed. */
    readonly samples?: { readonly count: number; readonly seed: number };
}

/** Level and adjustment time each intervention is set to when it runs alone without a scenario (`compare`, the code lens's robustness). */
export const defaultMatrixLevel = 0.8;
export const defaultMatrixOver = 1;

/** What a unit does without a scenario: each intervention pulled to `level` over `over`. */
export function interventionUnits(graph: ModelGraph, level: number, over: number): MatrixUnit[] {
    return graph.interventions().map(factor => ({ id: factor.id, label: factor.label, settings: [{ factor: factor.id, target: level, over }] }));
}

/** The given scenarios as units. Throws for an unknown scenario. */
export function scenarioUnits(graph: ModelGraph, ids: readonly string[]): MatrixUnit[] {
    return ids.map(id => ({ id, label: graph.scenarios.find(s => s.id === id)?.label ?? id, settings: scenarioSettings(graph, [id]) }));
}

export interface MatrixOptions {
    readonly simulation?: Partial<SimulationSettings>;
    /** Robustness: run each row over this many drawn strength/delay sets (the same sets for every row). */
    readonly samples?: { readonly count: number; readonly seed: number };
    /** False: the units alone, without the pairs (what the code lens needs). Default true. */
    readonly pairs?: boolean;
}

export function interventionMatrix(graph: ModelGraph, units: readonly MatrixUnit[], options: MatrixOptions = {}): InterventionMatrix {
    const kpiNodes = graph.kpis();
    const parameters = options.samples ? drawRelationParameters(graph, options.samples.count, options.samples.seed) : undefined;
    const run = (members: readonly MatrixUnit[]): MatrixRow => {
        const settings = members.flatMap(unit => unit.settings);
        const result = simulateSettings(graph, settings, options.simulation);
        const sampled = parameters && options.samples
            ? sampleRuns(graph, settings, options.simulation ?? {}, { samples: options.samples.count, seed: options.samples.seed, parameters }, [])
            : undefined;
        const cells = result.kpis.map((kpi, k) => {
            const verdict = kpi.verdict;
            const shares = sampled?.kpis[k].shares;
            return { kpi: kpi.id, end: kpi.end, effect: kpi.end - kpi.start, verdict, ...(shares ? { share: shares[verdict] ?? 0, shares } : {}) };
        });
        return {
            units: members.map(unit => unit.id),
            cells,
            ...(result.divergedAt !== undefined ? { divergedAt: result.divergedAt } : {}),
            ...(sampled ? { keptSamples: sampled.samples - sampled.diverged } : {})
        };
    };
    const singles = units.map(unit => run([unit]));
    const singleEffect = new Map(singles.map(row => [row.units[0], row.cells.map(cell => cell.effect)] as const));
    const pairs: MatrixRow[] = [];
    for (let i = 0; i < units.length && options.pairs !== false; i++) {
        for (let j = i + 1; j < units.length; j++) {
            const row = run([units[i], units[j]]);
            const first = singleEffect.get(units[i].id)!;
            const second = singleEffect.get(units[j].id)!;
            pairs.push({ ...row, cells: row.cells.map((cell, k) => ({ ...cell, synergy: cleanZero(cell.effect - first[k] - second[k]) })) });
        }
    }
    const kpis = kpiNodes.map((kpi, k) => {
        const desiredSign = kpi.direction === 'decrease' ? -1 : 1;
        const ranking = [...singles]
            .sort((a, b) => desiredSign * (b.cells[k].effect - a.cells[k].effect))
            .map(row => row.units[0]);
        return { id: kpi.id, label: kpi.label, direction: kpi.direction ?? null, ranking };
    });
    return { units, kpis, singles, pairs, ...(options.samples ? { samples: options.samples } : {}) };
}

/** Rounding noise of a sum of three runs is not synergy: below 1e-12 it is reported as 0. */
function cleanZero(value: number): number {
    return Math.abs(value) < 1e-12 ? 0 : value;
}
