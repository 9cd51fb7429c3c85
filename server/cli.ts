// The `marvel` process: runs the command line (cli/run-cli.ts) on its arguments, in its working
// directory, on its own stdout and stderr.
import { processContext } from './cli/command.js';
import { runCli } from './cli/run-cli.js';
import { limitHeapGrowth } from './heap-growth.js';

limitHeapGrowth();

// `marvel … | head` closes the pipe early; that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') {
        process.exit(process.exitCode ?? 0);
    }
});

runCli(process.argv.slice(2), processContext()).then(code => { process.exitCode = code; });
