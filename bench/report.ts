import type { CaseResult } from './case-result.js';
import type { Timing } from './measure.js';
import { median } from './measure.js';

/** A plain-text table: numbers right-aligned, text left-aligned. */
export function formatTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
    const widths = headers.map((header, column) => Math.max(header.length, ...rows.map(row => row[column].length)));
    const numeric = headers.map((_, column) => rows.every(row => /^[\d.,\s/–<-]*(ms|s|MB)?$/.test(row[column])));
    const line = (cells: readonly string[]): string => cells
        .map((cell, column) => numeric[column] ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))
        .join('  ').trimEnd();
    return [line(headers), widths.map(w => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function ms(value: number | undefined): string {
    if (value === undefined || Number.isNaN(value)) {
        return '–';
    }
    return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 1 : 0)} ms`;
}

function mb(value: number): string {
    return `${value.toFixed(0)} MB`;
}

function count(value: number): string {
    return value.toLocaleString('en-US');
}

/** Median wall and CPU time of a series of samples (each median taken separately). */
export function medianTiming(samples: readonly Timing[]): Timing {
    return { wallMs: median(samples.map(s => s.wallMs)), cpuMs: median(samples.map(s => s.cpuMs)) };
}

function spread(samples: readonly Timing[]): string {
    const walls = samples.map(s => s.wallMs);
    return samples.length === 0 ? '–' : `${ms(Math.min(...walls))} – ${ms(Math.max(...walls))}`;
}

export function buildTable(results: readonly CaseResult[]): string {
    return formatTable(
        ['model', 'files', 'lines', 'factors', 'relations', 'errors/warnings', 'build (cold)', 'cpu', 'build (warm)', 'cpu', 'heap retained', 'RSS', 'peak RSS'],
        results.map(r => [
            r.name, count(r.files), count(r.lines), count(r.factors), count(r.relations), `${r.errors}/${r.warnings}`,
            ms(r.build.wallMs), ms(r.build.cpuMs), ms(r.warmBuild?.wallMs), ms(r.warmBuild?.cpuMs), mb(r.heapMb), mb(r.rssMb), mb(r.peakRssMb)
        ])
    );
}

export function editTable(results: readonly CaseResult[]): string {
    return formatTable(
        ['model', 'first edit', 'cpu', 'sign edit (median)', 'cpu', 'min – max', 'target edit (median)', 'cpu', 'min – max', 'runs'],
        results.map(r => {
            const sign = medianTiming(r.signEdits);
            const target = medianTiming(r.targetEdits);
            return [
                r.name, ms(r.firstEdit?.wallMs), ms(r.firstEdit?.cpuMs), ms(sign.wallMs), ms(sign.cpuMs), spread(r.signEdits),
                ms(target.wallMs), ms(target.cpuMs), spread(r.targetEdits), `${r.signEdits.length}+${r.targetEdits.length}`
            ];
        })
    );
}

export function editDescriptions(results: readonly CaseResult[]): string {
    return results.map(r => `  ${r.name}: sign: ${r.signEdit}\n  ${' '.repeat(r.name.length)}  target: ${r.targetEdit}`).join('\n');
}

/** The slower kind of edit (by median wall time): a target holds only if every kind of edit meets it. */
export function slowerEdit(result: CaseResult): Timing | undefined {
    const kinds = [result.signEdits, result.targetEdits].filter(samples => samples.length > 0).map(medianTiming);
    return kinds.length === 0 ? undefined : kinds.reduce((slower, timing) => timing.wallMs > slower.wallMs ? timing : slower);
}

/** Why figures are missing from a case, for the lines under the tables. */
export function stoppedNotes(results: readonly CaseResult[]): string {
    return results.filter(r => r.stopped).map(r => `  ${r.name}: ${r.stopped}`).join('\n');
}

export interface Target {
    readonly what: string;
    readonly limitMs: number;
    /** Undefined when the case did not run. */
    readonly measured: Timing | undefined;
    readonly missingReason?: string;
}

/** Verdicts go by wall-clock time, which is what a modeller waits for; CPU time shows how much of it was waiting for a core. */
export function targetTable(targets: readonly Target[]): string {
    return formatTable(
        ['target', 'limit', 'measured', 'cpu', 'verdict'],
        targets.map(t => [
            t.what, `< ${ms(t.limitMs)}`, ms(t.measured?.wallMs), ms(t.measured?.cpuMs),
            t.measured === undefined ? `not measured (${t.missingReason ?? 'case did not run'})` : t.measured.wallMs < t.limitMs ? 'met' : 'MISSED'
        ])
    );
}
