import type { ModelGraph } from '../../language/analysis/model-graph.js';
import type { LoopSearch } from '../../language/analysis/tracing/index.js';
import { defaultLoopBounds, describeLoop, describeTruncation, findLoops } from '../../language/analysis/tracing/index.js';
import { integerOption, optionValue, parseArguments } from './arguments.js';
import type { CliContext, CommandResult } from './command.js';
import { loadAnalysedModel, readableJson, singleModelFile, warnAboutErrors } from './trace-command.js';
import { oneLine } from './terminal-text.js';
import { counted } from '../../language/text/counted.js';

export const loopsUsage = 'marvel loops FILE [--max-length N] [--max-loops N] [--format text|json]';

/** Longest loop the command accepts; the search is budgeted anyway. */
const maxLengthLimit = 100;

export async function runLoops(args: readonly string[], context: CliContext): Promise<CommandResult> {
    const parsed = parseArguments(args, {
        'max-length': { value: true },
        'max-loops': { value: true },
        'format': { value: true, choices: ['text', 'json'] }
    });
    const file = singleModelFile(parsed, loopsUsage);
    const maxLength = integerOption(parsed, 'max-length', defaultLoopBounds.maxLength, 2, maxLengthLimit);
    const maxLoops = integerOption(parsed, 'max-loops', defaultLoopBounds.maxLoops, 1, 1_000_000);
    const model = await loadAnalysedModel(file, context.cwd);
    const search = findLoops(model.graph, { maxLength, maxLoops });
    warnAboutErrors(model, context);
    const output = optionValue(parsed, 'format') === 'json'
        ? readableJson(loopsJson(search)) + '\n'
        : loopsText(model.graph, search, { maxLength, maxLoops });
    return { output, exitCode: model.errorCount > 0 ? 1 : 0 };
}

/** The contract's JSON, plus `truncatedBy`. */
function loopsJson(search: LoopSearch): unknown {
    return {
        loops: search.loops.map(loop => ({ id: loop.id, nodes: loop.nodes, kind: loop.kind, delayed: loop.delayed })),
        truncated: search.truncated,
        truncatedBy: search.truncatedBy
    };
}

function loopsText(graph: ModelGraph, search: LoopSearch, bounds: { maxLength: number; maxLoops: number }): string {
    const count = (kind: string): number => search.loops.filter(l => l.kind === kind).length;
    const delayed = search.loops.filter(l => l.delayed).length;
    const lines = search.loops.length === 0
        ? ['No feedback loops.']
        : [`${counted(search.loops.length, 'feedback loop')}: ${count('reinforcing')} reinforcing, ${count('balancing')} balancing, ${count('unknown')} unknown; ${delayed} delayed`];
    if (search.truncated) {
        lines.push(`truncated: ${describeTruncation(search.truncatedBy, 'loops', { maxLength: bounds.maxLength, maxCount: bounds.maxLoops, lengthOption: '--max-length', countOption: '--max-loops' })}`);
    }
    const width = Math.max(0, ...search.loops.map(l => l.id.length));
    for (const loop of search.loops) {
        const kind = `${loop.kind}${loop.delayed ? ', delayed' : ''}`;
        lines.push(`${loop.id.padEnd(width)}  ${kind.padEnd(22)}  ${describeLoop(graph, loop)}`);
    }
    // A line break in a label stays inside its line, so it cannot pass for another one.
    return lines.map(oneLine).join('\n') + '\n';
}
