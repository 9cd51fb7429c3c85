import type { InterventionMatrix, MatrixCell, MatrixRow, MatrixUnit } from '../../language/analysis/dynamics/intervention-matrix.js';
import { defaultMatrixLevel, defaultMatrixOver, interventionMatrix, interventionUnits, scenarioUnits } from '../../language/analysis/dynamics/intervention-matrix.js';
import { percent } from '../../language/text/effect-text.js';
import { optionValue, parseArguments, positiveNumberOption } from './arguments.js';
import type { CliContext, CommandResult } from './command.js';
import { warn } from './command.js';
import { UsageError } from './input-files.js';
import { numberOption, samplingOf, scenariosOf, simulationOptionSpec, simulationSettingsOf } from './simulation-options.js';
import { loadAnalysedModel, readableJson, singleModelFile, warnAboutErrors } from './trace-command.js';

export const compareUsage = 'marvel compare FILE [--level P] [--over A] [--scenario ID]… [--horizon T] [--step DT] [--delay-order N] [--samples N [--seed S]] [--format text|json|csv|markdown]';

/** Pairs listed per KPI in text and markdown; csv and json hold them all. */
const listedPairs = 10;

export async function runCompare(args: readonly string[], context: CliContext): Promise<CommandResult> {
    const parsed = parseArguments(args, {
        ...simulationOptionSpec,
        'level': { value: true },
        'over': { value: true },
        'format': { value: true, choices: ['text', 'json', 'csv', 'markdown'] }
    });
    const file = singleModelFile(parsed, compareUsage);
    const simulation = simulationSettingsOf(parsed);
    const samples = samplingOf(parsed);
    const level = numberOption(parsed, 'level', defaultMatrixLevel);
    const over = positiveNumberOption(parsed, 'over', defaultMatrixOver, 1e6);
    const model = await loadAnalysedModel(file, context.cwd);
    const scenarios = scenariosOf(parsed, model.graph);
    if (scenarios.length > 0 && (optionValue(parsed, 'level') !== undefined || optionValue(parsed, 'over') !== undefined)) {
        throw new UsageError('--level and --over set the interventions when no --scenario is named; a scenario brings its own levels');
    }
    const units = scenarios.length > 0 ? scenarioUnits(model.graph, scenarios) : interventionUnits(model.graph, level, over);
    if (units.length === 0) {
        throw new UsageError(`${file} has no intervention to compare; declare one with 'intervention ID "label"' or name scenarios with --scenario`);
    }
    const matrix = interventionMatrix(model.graph, units, { simulation, ...(samples ? { samples } : {}) });
    warnAboutErrors(model, context);
    const diverged = [...matrix.singles, ...matrix.pairs].filter(row => row.divergedAt !== undefined).length;
    if (diverged > 0) {
        warn(context, `the levels run away in ${diverged} of the runs (a reinforcing loop gains more than it loses); their values are where they stopped`);
    }
    const what = scenarios.length > 0 ? 'scenarios' : `interventions, each set to ${level} over ${over}`;
    const format = optionValue(parsed, 'format') ?? 'text';
    const output = format === 'json' ? readableJson(matrixJson(matrix, scenarios.length > 0 ? undefined : { level, over }, simulation.horizon)) + '\n'
        : format === 'csv' ? matrixCsv(matrix)
            : matrixReport(matrix, what, simulation.horizon, format === 'markdown');
    return { output, exitCode: model.errorCount > 0 ? 1 : 0 };
}

function matrixJson(matrix: InterventionMatrix, setting: { level: number; over: number } | undefined, horizon: number): unknown {
    const rowJson = (row: MatrixRow): unknown => ({
        units: row.units,
        kpis: Object.fromEntries(row.cells.map(cell => [cell.kpi, { end: level(cell.end), effect: level(cell.effect), verdict: cell.verdict, share: cell.share, synergy: cell.synergy === undefined ? undefined : level(cell.synergy) }])),
        divergedAt: row.divergedAt
    });
    return {
        ...setting,
        horizon,
        samples: matrix.samples,
        units: matrix.units.map(unit => ({ id: unit.id, label: unit.label })),
        kpis: matrix.kpis.map(kpi => ({ id: kpi.id, label: kpi.label, direction: kpi.direction, ranking: kpi.ranking })),
        singles: matrix.singles.map(rowJson),
        pairs: matrix.pairs.map(rowJson)
    };
}

/** One row per run and KPI: `units,kpi,end,effect,verdict,share,synergy` (units joined with `+`). */
function matrixCsv(matrix: InterventionMatrix): string {
    const lines = ['units,kpi,end,effect,verdict,share,synergy'];
    for (const row of [...matrix.singles, ...matrix.pairs]) {
        for (const cell of row.cells) {
            lines.push([row.units.join('+'), cell.kpi, level(cell.end), level(cell.effect), cell.verdict, cell.share ?? '', cell.synergy === undefined ? '' : level(cell.synergy)].join(','));
        }
    }
    return lines.map(line => `${line}\n`).join('');
}

/** Per KPI: the single units ranked, then the best pairs and every pair with synergy (up to a page). */
function matrixReport(matrix: InterventionMatrix, what: string, horizon: number, markdown: boolean): string {
    const unitById = new Map(matrix.units.map(unit => [unit.id, unit] as const));
    const name = (ids: readonly string[]): string => ids.map(id => unitName(unitById.get(id)!)).join(' + ');
    const sampleNote = matrix.samples ? `; shares over ${matrix.samples.count} samples (seed ${matrix.samples.seed})` : '';
    const lines: string[] = [
        markdown ? `### Intervention matrix` : 'Intervention matrix',
        '',
        `${matrix.singles.length} ${what}, alone and in ${matrix.pairs.length} pairs; end values at t = ${horizon}${sampleNote}.`,
    ];
    matrix.kpis.forEach((kpi, k) => {
        const heading = `${kpi.label} (${kpi.id})${kpi.direction ? `, should ${kpi.direction}` : ', no direction'}`;
        const single = new Map(matrix.singles.map(row => [row.units[0], row] as const));
        const byEffect = (a: MatrixRow, b: MatrixRow): number => (kpi.direction === 'decrease' ? -1 : 1) * (b.cells[k].effect - a.cells[k].effect);
        const pairs = [...matrix.pairs].sort(byEffect).slice(0, listedPairs);
        const synergies = matrix.pairs.filter(row => row.cells[k].synergy !== 0).sort((a, b) => Math.abs(b.cells[k].synergy!) - Math.abs(a.cells[k].synergy!)).slice(0, listedPairs);
        lines.push('', markdown ? `#### ${heading}` : heading);
        lines.push(...table(markdown, ['rank', 'alone', 'end', 'effect', 'verdict'], kpi.ranking.map((id, rank) => [String(rank + 1), name([id]), ...cellColumns(single.get(id)!.cells[k])])));
        if (pairs.length > 0) {
            lines.push('', markdown ? `Best pairs (of ${matrix.pairs.length}):` : `  best pairs (of ${matrix.pairs.length}):`);
            lines.push(...table(markdown, ['pair', 'end', 'effect', 'verdict', 'synergy'], pairs.map(row => [name(row.units), ...cellColumns(row.cells[k]), signed(row.cells[k].synergy!)])));
        }
        lines.push('', synergies.length === 0
            ? `${markdown ? '' : '  '}No pair has synergy: every pair's effect is the sum of its members' effects.`
            : `${markdown ? '' : '  '}Synergy (pair effect minus the sum of the single effects), largest first:`);
        if (synergies.length > 0) {
            lines.push(...table(markdown, ['pair', 'effect', 'synergy'], synergies.map(row => [name(row.units), signed(row.cells[k].effect), signed(row.cells[k].synergy!)])));
        }
    });
    return lines.map(line => `${line}\n`).join('');
}

function cellColumns(cell: MatrixCell): string[] {
    return [String(round(cell.end)).replace('-', '\u2212'), signed(cell.effect), cell.share === undefined ? cell.verdict : `${cell.verdict} in ${percent(cell.share)}`];
}

function unitName(unit: MatrixUnit): string {
    return `${unit.label} (${unit.id})`;
}

/** A table as aligned text (indented under its KPI) or as markdown. */
function table(markdown: boolean, header: readonly string[], rows: readonly (readonly string[])[]): string[] {
    if (markdown) {
        const cell = (text: string): string => text.replace(/\|/g, '\\|');
        return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map(row => `| ${row.map(cell).join(' | ')} |`)];
    }
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map(row => row[column].length)));
    const line = (cells: readonly string[]): string => `  ${cells.map((text, column) => column === cells.length - 1 ? text : text.padEnd(widths[column])).join('  ')}`.trimEnd();
    return [line(header), ...rows.map(line)];
}

function signed(value: number): string {
    const rounded = round(value);
    return rounded > 0 ? `+${rounded}` : rounded < 0 ? `\u2212${-rounded}` : '0';
}

function round(value: number): number {
    return Number(value.toPrecision(4));
}

/** Nine significant digits, as `simulate` prints levels. */
function level(value: number): number {
    return Number(value.toPrecision(9));
}
