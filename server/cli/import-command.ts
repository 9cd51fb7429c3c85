import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { ImportFormat } from '../../language/exchange/formats.js';
import { formatOfFileName, importFormats, isImportFormat, maxImportBytes } from '../../language/exchange/formats.js';
import { ExchangeInputError } from '../../language/exchange/exchange-model.js';
import type { ImportedText } from '../../language/exchange/import-text.js';
import { importedMarvelText } from '../../language/exchange/import-text.js';
import { optionValue, parseArguments } from './arguments.js';
import type { CliContext, CommandResult } from './command.js';
import { warn } from './command.js';
import { readTextFile, UsageError } from './input-files.js';
import { writeWholeFile } from './output-file.js';
import { counted } from '../../language/text/counted.js';

export const importUsage = `marvel import IN [--from ${importFormats.join('|')}] [-o OUT.marvel]`;

/** Turns another tool's file into a formatted MARVEL model: to OUT, or to stdout. Warnings go to stderr. */
export async function runImport(args: readonly string[], context: CliContext): Promise<CommandResult> {
    const parsed = parseArguments(args, {
        from: { value: true, choices: importFormats },
        output: { value: true }
    }, { '-o': 'output' });
    if (parsed.positional.length !== 1) {
        throw new UsageError(`${parsed.positional.length === 0 ? 'no file to import given' : 'give exactly one file to import'}; usage: ${importUsage}`);
    }
    const input = parsed.positional[0];
    const format = optionValue(parsed, 'from') ?? formatOfFileName(input);
    if (format !== undefined && !isImportFormat(format)) {
        throw new UsageError(`'${input}' is a ${format} file, which marvel export writes but import does not read; import reads ${importFormats.join(', ')}`);
    }
    if (format === undefined) {
        throw new UsageError(`cannot tell the format of '${input}': name it with --from ${importFormats.join('|')}`);
    }
    const output = optionValue(parsed, 'output');
    if (output !== undefined && !output.endsWith('.marvel')) {
        throw new UsageError(`the output '${output}' must be a .marvel file`);
    }
    const { text, warnings } = await importText(input, format, context.cwd);
    for (const warning of warnings) {
        warn(context, `${input}: ${warning}`);
    }
    if (output === undefined) {
        return { output: text, exitCode: 0 };
    }
    await writeWholeFile(output, text, context.cwd);
    return { output: `${output}: imported from ${format}${warnings.length > 0 ? `, ${counted(warnings.length, 'warning')}` : ''}\n`, exitCode: 0 };
}

/** The model text of a file in another format (`input` relative to `cwd`), with the import's warnings. */
export async function importText(input: string, format: ImportFormat, cwd: string): Promise<ImportedText> {
    const file = path.resolve(cwd, input);
    let size: number;
    try {
        size = (await fs.stat(file)).size;
    } catch {
        size = 0; // reading it below reports why it cannot be read
    }
    if (size > maxImportBytes) {
        throw new UsageError(`'${input}' is ${(size / 1024 / 1024).toFixed(0)} MB; the import reads files up to ${maxImportBytes / 1024 / 1024} MB`);
    }
    const { text: source } = await readTextFile(file, input);
    try {
        return importedMarvelText(source, format);
    } catch (error) {
        if (error instanceof ExchangeInputError) {
            throw new UsageError(`cannot import '${input}' as ${format}: ${error.message}`);
        }
        throw error;
    }
}
