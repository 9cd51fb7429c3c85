import type { ModelGraph } from '../../language/analysis/model-graph.js';
import type { TraceResult, TraceTarget, TracedPath } from '../../language/analysis/tracing/index.js';
import { defaultPathBounds, describeFactorId, describePath, traceFactor, verdictOf } from '../../language/analysis/tracing/index.js';
import { boundWords, loopCountWords, pathTallyWords, verdictPhrase } from '../../language/analysis/tracing/effect-words.js';
import { closestNames } from '../../language/text/closest-names.js';
import type { ParsedArguments } from './arguments.js';
import { integerOption, optionValue, parseArguments } from './arguments.js';
import { collectDiagnostics } from './check-command.js';
import type { CliContext, CommandResult } from './command.js';
import { warn } from './command.js';
import { readInputFiles, UsageError } from './input-files.js';
import type { LoadedWorkspace } from './model-workspace.js';
import { diskSource, loadWorkspace } from './model-workspace.js';
import { oneLine } from './terminal-text.js';
import { counted } from '../../language/text/counted.js';

export const traceUsage = 'marvel trace FILE --from ID [--to ID] [--max-length N] [--max-paths N] [--format text|json]';

/** Longest path the command accepts: far beyond any readable chain, and the search is budgeted anyway. */
const maxLengthLimit = 100;

/** The model a `trace` or `loops` run analyses. */
export interface AnalysedModel {
    readonly graph: ModelGraph;
    /** Errors in the model's files (syntax, references, contradictions). */
    readonly errorCount: number;
    readonly displayPath: string;
}

export async function runTrace(args: readonly string[], context: CliContext): Promise<CommandResult> {
    const parsed = parseArguments(args, {
        'from': { value: true },
        'to': { value: true },
        'max-length': { value: true },
        'max-paths': { value: true },
        'format': { value: true, choices: ['text', 'json'] }
    });
    const file = singleModelFile(parsed, traceUsage);
    const from = optionValue(parsed, 'from');
    if (from === undefined) {
        throw new UsageError(`no factor to trace from; usage: ${traceUsage}`);
    }
    const to = optionValue(parsed, 'to');
    const maxLength = integerOption(parsed, 'max-length', defaultPathBounds.maxLength, 1, maxLengthLimit);
    const maxPaths = integerOption(parsed, 'max-paths', defaultPathBounds.maxPaths, 1, 1_000_000);
    const model = await loadAnalysedModel(file, context.cwd);
    requireFactor(model.graph, from, '--from', 'intervention');
    if (to !== undefined) {
        requireFactor(model.graph, to, '--to', 'kpi');
    }
    const result = traceFactor(model.graph, from, { to, pathBounds: { maxLength, maxPaths } });
    warnAboutErrors(model, context);
    const output = optionValue(parsed, 'format') === 'json'
        ? readableJson(traceJson(model.graph, result)) + '\n'
        : traceText(model.graph, result, { maxLength, maxPaths });
    return { output, exitCode: model.errorCount > 0 ? 1 : 0 };
}

/**
 * Loads the one model file of `trace` and `loops` with everything it imports (`given` is
 * relative to `cwd`). A model with
 * errors is still analysed (the graph holds whatever resolved), but the run exits 1, as the
 * contract says for every command.
 */
export async function loadAnalysedModel(given: string, cwd: string): Promise<AnalysedModel> {
    return analysedModelOf(await loadWorkspace(await readInputFiles([given], cwd), diskSource(cwd)), given);
}

/** The one model a loaded workspace holds, with its error count; a usage error when its files hold several. */
export function analysedModelOf(workspace: LoadedWorkspace, given: string): AnalysedModel {
    const provider = workspace.services.workspace.ModelProvider;
    const models = new Set(workspace.roots.map(root => provider.getModel(root).documentUris.join('\n')));
    if (models.size > 1) {
        throw new UsageError(`'${given}' holds ${models.size} separate models; name one of its files`);
    }
    const errorCount = collectDiagnostics(workspace).filter(d => d.severity === 'error').length;
    return { graph: provider.getModel(workspace.roots[0]).graph, errorCount, displayPath: given };
}

/** The one model file of `trace` and `loops` (a directory holding one model will do). */
export function singleModelFile(parsed: ParsedArguments, usage: string): string {
    if (parsed.positional.length !== 1) {
        throw new UsageError(`${parsed.positional.length === 0 ? 'no model file given' : 'give exactly one model file'}; usage: ${usage}`);
    }
    return parsed.positional[0];
}

export function warnAboutErrors(model: AnalysedModel, context: CliContext): void {
    if (model.errorCount > 0) {
        const count = model.errorCount === 1 ? '1 error' : `${model.errorCount} errors`;
        warn(context, `${model.displayPath} has ${count} (see 'marvel check ${model.displayPath}'); the analysis covers what resolved`);
    }
}

/** A usage error for an identifier that is not a factor, suggesting close names (or the likely candidates). */
export function requireFactor(graph: ModelGraph, id: string, option: string, likelyKind: 'intervention' | 'kpi'): void {
    if (graph.factor(id)) {
        return;
    }
    const ids = graph.factors.map(f => f.id);
    const lower = id.toLowerCase();
    // A label typed instead of an identifier is a likely slip too.
    const byLabel = graph.factors.filter(f => lower.length >= 3 && (f.label.toLowerCase().includes(lower) || f.id.toLowerCase().includes(lower))).map(f => f.id);
    const suggestions = [...new Set([...closestNames(id, ids), ...byLabel])].slice(0, 3);
    let hint: string;
    if (suggestions.length > 0) {
        hint = `did you mean ${suggestions.map(s => `'${s}'`).join(', ')}?`;
    } else {
        const likely = graph.factors.filter(f => f.kind === likelyKind).map(f => f.id);
        hint = likely.length > 0 ? `the model's ${likelyKind === 'kpi' ? 'KPIs' : 'interventions'}: ${likely.slice(0, 8).join(', ')}${likely.length > 8 ? ', …' : ''}` : 'check the identifier';
    }
    throw new UsageError(`${option} '${id}' is not a factor of the model; ${hint}`);
}

/** The contract's JSON, plus `label`, `dominant`, `weights`, `truncatedBy`, path `score`/`delayed` and `loopsTruncated`. */
function traceJson(graph: ModelGraph, result: TraceResult): unknown {
    return {
        from: result.from,
        targets: result.targets.map(target => ({
            target: target.target,
            kpi: target.kpi,
            direction: target.direction,
            effect: target.effect,
            verdict: target.verdict,
            paths: target.paths.map(path => ({
                nodes: path.nodes,
                sign: path.sign,
                loops: path.loops,
                score: round(path.score),
                delayed: path.delayed
            })),
            truncated: target.truncated,
            label: graph.labelOf(target.target),
            dominant: target.dominant,
            weights: { '+': round(target.weights['+']), '-': round(target.weights['-']), '?': round(target.weights['?']) },
            truncatedBy: target.truncatedBy
        })),
        loopsTruncated: result.loops.truncated
    };
}

function traceText(graph: ModelGraph, result: TraceResult, bounds: { maxLength: number; maxPaths: number }): string {
    const lines = [`Tracing ${describeFactorId(graph, result.from)}, assuming it rises.`];
    if (result.targets.length === 0) {
        lines.push('', 'The model declares no KPI; name a target with --to ID.');
    }
    for (const target of result.targets) {
        lines.push('', ...targetText(graph, target, bounds));
    }
    if (result.loops.truncated) {
        lines.push('', 'Note: the loop search was truncated; paths may touch loops not listed (see marvel loops).');
    }
    // A line break in a label stays inside its line, so it cannot pass for another one.
    return lines.map(oneLine).join('\n') + '\n';
}

function targetText(graph: ModelGraph, target: TraceTarget, bounds: { maxLength: number; maxPaths: number }): string[] {
    const kind = target.kpi ? `KPI, should ${target.direction}` : 'not a KPI';
    const lines = [`→ ${describeFactorId(graph, target.target)}: ${kind}`];
    if (target.paths.length === 0) {
        lines.push(`  no effect: no path within ${bounds.maxLength} relations`);
    } else {
        lines.push(`  verdict: ${verdictPhrase(target.effect, target.verdict, target.dominant, target.direction)} (weights ${weightWords(target)})`);
        lines.push(`  ${pathTallyWords(target.tally, target.direction)}`);
        // Strongest first: the reader wants to see which paths carry the effect; ties keep the search's order.
        const ranked = target.paths.map((path, order) => ({ path, order })).sort((a, b) => b.path.score - a.path.score || a.order - b.order);
        ranked.slice(0, shownPaths).forEach(({ path }, i) => lines.push(`  ${i + 1}. ${pathText(graph, path)}`));
        if (ranked.length > shownPaths) {
            lines.push(`  … ${counted(ranked.length - shownPaths, 'weaker path')} (all of them with --format json)`);
        }
    }
    if (target.truncated) {
        const raise = target.truncatedBy.flatMap(reason => reason === 'count' ? ['--max-paths'] : reason === 'length' ? ['--max-length'] : []);
        lines.push(`  truncated: ${boundWords(target.truncatedBy, bounds)}${raise.length > 0 ? ` (raise ${raise.join(', ')})` : ''}`);
    }
    return lines;
}

/** Paths listed per target in text; a dense model has hundreds, and the strongest tell the story. */
const shownPaths = 10;
/** Loop ids listed per path in text; the most relevant come first. */
const shownLoops = 4;

/** The paths' total scores by what they do: "desired 0.67, undesired 0.0076" for a KPI, by sign for another target. */
function weightWords(target: TraceTarget): string {
    const name = (sign: '+' | '-' | '?'): string => sign === '?' ? 'unknown' : target.direction ? verdictOf(sign, target.direction) : sign;
    const order = target.direction === 'decrease' ? (['-', '+', '?'] as const) : (['+', '-', '?'] as const);
    const words = order.filter(sign => target.weights[sign] > 0).map(sign => `${name(sign)} ${round(target.weights[sign])}`);
    return words.join(', ') || '0';
}

function pathText(graph: ModelGraph, path: TracedPath): string {
    const loops = path.loops.length === 0 ? ''
        : `; ${loopCountWords(path.loops.length, path.loopsAlong)}: ${path.loops.slice(0, shownLoops).join(', ')}${path.loops.length > shownLoops ? ', …' : ''}`;
    return `${describePath(graph, path)}  [score ${round(path.score)}${path.delayed ? ', delayed' : ''}${loops}]`;
}

/**
 * JSON indented like `JSON.stringify(value, undefined, 2)`, except that arrays of plain values
 * (a path's factors, its loop ids) stay on one line: a dense model's trace lists hundreds of loop
 * ids per path, one per line would triple the output.
 */
export function readableJson(value: unknown, indent = ''): string {
    if (Array.isArray(value)) {
        if (value.length === 0 || value.every(item => item === null || typeof item !== 'object')) {
            return JSON.stringify(value);
        }
        const inner = indent + '  ';
        return `[\n${value.map(item => inner + readableJson(item, inner)).join(',\n')}\n${indent}]`;
    }
    if (value !== null && typeof value === 'object') {
        const entries = Object.entries(value).filter(([, item]) => item !== undefined);
        if (entries.length === 0) {
            return '{}';
        }
        const inner = indent + '  ';
        return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${readableJson(item, inner)}`).join(',\n')}\n${indent}}`;
    }
    return JSON.stringify(value);
}

/** Six significant digits: enough to rank paths, and stable output. */
export function round(value: number): number {
    return Number(value.toPrecision(6));
}
