import type { Direction, ModelGraph } from '../model-graph.js';
import type { RobustnessResult, SampleBand } from './robustness.js';
import type { SimulationResult } from './simulate.js';

/**
 * What a simulation chart shows, independent of how it is drawn: one panel per factor (the
 * KPIs first), in each one curve per run over the same time axis, the resting model among
 * them as the baseline. Shared by `marvel simulate --plot`, the Simulation view and its exports.
 */

/** One run to draw: the resting model, a scenario, several together, or the what-if sliders. */
export interface ChartRun {
    readonly id: string;
    readonly label: string;
    /** The resting model: drawn muted, as the reference the others depart from. */
    readonly baseline?: boolean;
    readonly result: SimulationResult;
    /** Drawn as 5–95 % bands around the curves when given. */
    readonly robustness?: RobustnessResult;
}

export interface ChartSeries {
    readonly run: string;
    readonly values: readonly number[];
    readonly band?: SampleBand;
}

export interface ChartPanel {
    readonly factor: string;
    readonly label: string;
    readonly kpi: boolean;
    /** A KPI's desired direction. */
    readonly direction: Direction | null;
    readonly series: readonly ChartSeries[];
}

export interface ChartData {
    readonly title: string;
    /** The longest run's times; a run that ran away has fewer values. */
    readonly times: readonly number[];
    readonly runs: readonly { readonly id: string; readonly label: string; readonly baseline: boolean; readonly divergedAt?: number }[];
    readonly panels: readonly ChartPanel[];
}

/** The KPIs, then the other factors asked for (unknown or repeated ones skipped), in that order. */
export function chartFactors(graph: ModelGraph, extra: readonly string[] = []): string[] {
    const ids = [...graph.kpis().map(kpi => kpi.id), ...extra.filter(id => graph.factor(id))];
    return [...new Set(ids)];
}

export function chartData(graph: ModelGraph, runs: readonly ChartRun[], factors: readonly string[], title = graph.data.title ?? graph.data.name ?? 'Simulation'): ChartData {
    const times = runs.reduce<readonly number[]>((longest, run) => run.result.times.length > longest.length ? run.result.times : longest, []);
    const panels = factors.map(id => {
        const factor = graph.factor(id);
        return {
            factor: id,
            label: factor?.label ?? id,
            kpi: factor?.kind === 'kpi',
            direction: factor?.direction ?? null,
            series: runs.map(run => {
                const band = run.robustness?.bands.get(id);
                return { run: run.id, values: run.result.series.get(id) ?? [], ...(band ? { band } : {}) };
            })
        };
    });
    return {
        title,
        times,
        runs: runs.map(run => ({ id: run.id, label: run.label, baseline: run.baseline === true, ...(run.result.divergedAt !== undefined ? { divergedAt: run.result.divergedAt } : {}) })),
        panels
    };
}

/** Whether a curve leaves the 0–1 scale the memo's levels are read on (shares, relative counts). */
export function leavesUnitRange(values: readonly number[]): boolean {
    return values.some(value => value < 0 || value > 1);
}

/**
 * The chart as CSV: `time`, then one column per run and factor (`run:factor`), and with
 * bands three more (`run:factor:p5`, `:p50`, `:p95`); empty where a run stopped early.
 */
export function chartCsv(data: ChartData): string {
    const columns: { readonly name: string; readonly values: readonly number[] }[] = [];
    for (const panel of data.panels) {
        for (const series of panel.series) {
            columns.push({ name: `${series.run}:${panel.factor}`, values: series.values });
            if (series.band) {
                columns.push({ name: `${series.run}:${panel.factor}:p5`, values: series.band.low });
                columns.push({ name: `${series.run}:${panel.factor}:p50`, values: series.band.median });
                columns.push({ name: `${series.run}:${panel.factor}:p95`, values: series.band.high });
            }
        }
    }
    const rows = data.times.map((time, i) => [Number(time.toPrecision(12)), ...columns.map(column => i < column.values.length ? Number(column.values[i].toPrecision(9)) : '')].join(','));
    return `${['time', ...columns.map(column => csvField(column.name))].join(',')}\n${rows.map(row => `${row}\n`).join('')}`;
}

function csvField(text: string): string {
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
