import { EmptyFileSystem } from 'langium';
import { createMarvelServices } from '../../language/marvel-module.js';
import { MarvelFormatter } from '../../language/lsp/marvel-formatter.js';
import { hasFlag, parseArguments } from './arguments.js';
import type { CliContext, CommandResult } from './command.js';
import { readInputFiles, UsageError } from './input-files.js';
import { writeWholeFile } from './output-file.js';

export const formatUsage = 'marvel format FILE… [--check]';

/** Rewrites model files in the formatter's canonical layout; with --check only reports which are not. */
export async function runFormat(args: readonly string[], context: CliContext): Promise<CommandResult> {
    const parsed = parseArguments(args, { check: { value: false } });
    if (parsed.positional.length === 0) {
        throw new UsageError(`no model file given (usage: ${formatUsage})`);
    }
    const check = hasFlag(parsed, 'check');
    const formatter = new MarvelFormatter(createMarvelServices(EmptyFileSystem).Marvel);
    const lines: string[] = [];
    let failed = false;
    for (const file of await readInputFiles(parsed.positional, context.cwd)) {
        const formatted = formatter.formatText(file.text);
        if (formatted === undefined) {
            lines.push(`${file.displayPath}: not formatted: it has syntax errors (see 'marvel check')`);
            failed = true;
        } else if (formatted !== file.text) {
            if (check) {
                lines.push(`${file.displayPath}: not formatted`);
                failed = true;
            } else {
                // Keep the byte order mark; the formatter keeps the line endings. Whole or not at
                // all: a disk that fills up midway must not leave the model cut short.
                await writeWholeFile(file.displayPath, (file.byteOrderMark ? '\uFEFF' : '') + formatted, context.cwd);
                lines.push(`${file.displayPath}: formatted`);
            }
        }
    }
    return { output: lines.map(line => `${line}\n`).join(''), exitCode: failed ? 1 : 0 };
}
