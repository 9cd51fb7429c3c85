import type { ExportFormat } from '../../language/exchange/formats.js';
import { exportFormats, exportModel, formatOfFileName } from '../../language/exchange/formats.js';
import { optionValue, parseArguments } from './arguments.js';
import type { CommandResult } from './command.js';
import { UsageError } from './input-files.js';
import { writeWholeFile } from './output-file.js';
import { loadAnalysedModel, singleModelFile, warnAboutErrors } from './trace-command.js';

export const exportUsage = `marvel export FILE --to ${exportFormats.join('|')} [-o OUT]`;

/** Writes the model in another tool's format: to OUT, or to stdout. */
export async function runExport(args: readonly string[]): Promise<CommandResult> {
    const parsed = parseArguments(args, {
        to: { value: true, choices: exportFormats },
        output: { value: true }
    }, { '-o': 'output' });
    const file = singleModelFile(parsed, exportUsage);
    const output = optionValue(parsed, 'output');
    const format = (optionValue(parsed, 'to') ?? (output !== undefined ? formatOfFileName(output) : undefined)) as ExportFormat | undefined;
    if (format === undefined) {
        throw new UsageError(`say which format with --to ${exportFormats.join('|')} (usage: ${exportUsage})`);
    }
    const model = await loadAnalysedModel(file);
    const text = exportModel(model.graph, format);
    warnAboutErrors(model);
    const exitCode = model.errorCount > 0 ? 1 : 0;
    if (output === undefined) {
        return { output: text, exitCode };
    }
    await writeWholeFile(output, text);
    return { output: `${output}: ${format}, ${model.graph.factors.length} factors, ${model.graph.relations.length} relations\n`, exitCode };
}
