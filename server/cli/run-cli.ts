import { checkUsage, runCheck } from './check-command.js';
import { compareUsage, runCompare } from './compare-command.js';
import { diffUsage, runDiff } from './diff-command.js';
import type { CliContext, CommandResult } from './command.js';
import { exportUsage, runExport } from './export-command.js';
import { formatUsage, runFormat } from './format-command.js';
import { importUsage, runImport } from './import-command.js';
import { UsageError } from './input-files.js';
import { loopsUsage, runLoops } from './loops-command.js';
import { renderUsage, runRender } from './render-command.js';
import { runSimulate, simulateUsage } from './simulate-command.js';
import { withoutControlCharacters } from './terminal-text.js';
import { runTrace, traceUsage } from './trace-command.js';

/** Replaced by the package version when bundled (esbuild.mjs), and by vitest.config.ts in the tests. */
declare const MARVEL_VERSION: string;

const usage = `MARVEL command line: check causal policy models.

usage:
  ${checkUsage}
  ${traceUsage}
  ${loopsUsage}
  ${simulateUsage}
  ${compareUsage}
  ${renderUsage}
  ${diffUsage}
  ${formatUsage}
  ${exportUsage}
  ${importUsage}
  marvel COMMAND --help | marvel --help | --version

Exit codes: 0 success, 1 the model has errors (or warnings with --strict), 2 usage error or unreadable input.`;

type Command = (args: readonly string[], context: CliContext) => Promise<CommandResult>;

/** Each command, with its usage line for `marvel COMMAND --help`. */
const commands: Record<string, { readonly run: Command; readonly usage: string }> = {
    check: { run: runCheck, usage: checkUsage },
    format: { run: runFormat, usage: formatUsage },
    render: { run: runRender, usage: renderUsage },
    trace: { run: runTrace, usage: traceUsage },
    loops: { run: runLoops, usage: loopsUsage },
    simulate: { run: runSimulate, usage: simulateUsage },
    compare: { run: runCompare, usage: compareUsage },
    diff: { run: runDiff, usage: diffUsage },
    export: { run: runExport, usage: exportUsage },
    import: { run: runImport, usage: importUsage }
};

const helpFlags = new Set(['--help', '-h']);

/**
 * Runs `marvel ARGV…` in `context` and returns the exit code. The output goes to
 * `context.stdout` once the command is done, warnings to `context.stderr` as they come; a
 * failure is one line on stderr, never a stack trace.
 */
export async function runCli(argv: readonly string[], context: CliContext): Promise<number> {
    const [name, ...args] = argv;
    if (name === undefined) {
        context.stderr("marvel: no command given; run 'marvel --help' for usage\n");
        return 2;
    }
    const asked = name === 'help' ? commands[args[0]] : commands[name] !== undefined && args.some(arg => helpFlags.has(arg)) ? commands[name] : undefined;
    if (asked) {
        context.stdout(`usage: ${asked.usage}\n\nThe README's "Command line" section describes every option.\n`);
        return 0;
    }
    if (helpFlags.has(name) || name === 'help') {
        context.stdout(usage + '\n');
        return 0;
    }
    if (name === '--version' || name === '-v') {
        context.stdout(`${MARVEL_VERSION}\n`);
        return 0;
    }
    const command = commands[name];
    try {
        if (!command) {
            throw new UsageError(`unknown command '${name}'; run 'marvel --help' for usage`);
        }
        const result = await command.run(args, context);
        context.stdout(withoutControlCharacters(result.output));
        return result.exitCode;
    } catch (error) {
        if (error instanceof UsageError) {
            context.stderr(`marvel: ${withoutControlCharacters(error.message)}\n`);
            return 2;
        }
        // Anything else is our bug; still no stack trace for the user, but enough to report it.
        context.stderr(`marvel: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
        return 2;
    }
}
