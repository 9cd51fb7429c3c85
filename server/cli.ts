import { checkUsage, runCheck } from './cli/check-command.js';
import { compareUsage, runCompare } from './cli/compare-command.js';
import { diffUsage, runDiff } from './cli/diff-command.js';
import type { CommandResult } from './cli/command.js';
import { exportUsage, runExport } from './cli/export-command.js';
import { formatUsage, runFormat } from './cli/format-command.js';
import { importUsage, runImport } from './cli/import-command.js';
import { UsageError } from './cli/input-files.js';
import { loopsUsage, runLoops } from './cli/loops-command.js';
import { renderUsage, runRender } from './cli/render-command.js';
import { runSimulate, simulateUsage } from './cli/simulate-command.js';
import { withoutControlCharacters } from './cli/terminal-text.js';
import { runTrace, traceUsage } from './cli/trace-command.js';

/** Replaced by the package version when bundled. */
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
  marvel --help | --version

Exit codes: 0 success, 1 the model has errors (or warnings with --strict), 2 usage error or unreadable input.`;

const commands: Record<string, (args: readonly string[]) => Promise<CommandResult>> = {
    check: runCheck,
    format: runFormat,
    render: runRender,
    trace: runTrace,
    loops: runLoops,
    simulate: runSimulate,
    compare: runCompare,
    diff: runDiff,
    export: runExport,
    import: runImport
};

async function main(argv: readonly string[]): Promise<number> {
    const [name, ...args] = argv;
    if (name === undefined) {
        process.stderr.write("marvel: no command given; run 'marvel --help' for usage\n");
        return 2;
    }
    if (name === '--help' || name === '-h' || name === 'help') {
        process.stdout.write(usage + '\n');
        return 0;
    }
    if (name === '--version' || name === '-v') {
        process.stdout.write(`${MARVEL_VERSION}\n`);
        return 0;
    }
    const command = commands[name];
    try {
        if (!command) {
            throw new UsageError(`unknown command '${name}'; run 'marvel --help' for usage`);
        }
        const result = await command(args);
        process.stdout.write(withoutControlCharacters(result.output));
        return result.exitCode;
    } catch (error) {
        if (error instanceof UsageError) {
            process.stderr.write(`marvel: ${withoutControlCharacters(error.message)}\n`);
            return 2;
        }
        // Anything else is our bug; still no stack trace for the user, but enough to report it.
        process.stderr.write(`marvel: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
        return 2;
    }
}

// `marvel … | head` closes the pipe early; that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') {
        process.exit(process.exitCode ?? 0);
    }
});

main(process.argv.slice(2)).then(code => { process.exitCode = code; });
