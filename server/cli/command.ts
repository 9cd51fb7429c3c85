/** What a command hands back to the entry point: text for stdout and the exit code. */
export interface CommandResult {
    readonly output: string;
    readonly exitCode: number;
}

/**
 * Where a run of the command line happens: the working directory that relative paths on the
 * command line are taken from, and the two output streams. The process passes its own; a test
 * passes a directory of its own and collects the text, so that runs in one process never share
 * a working directory.
 */
export interface CliContext {
    readonly cwd: string;
    readonly stdout: (text: string) => void;
    readonly stderr: (text: string) => void;
}

/** The context of the `marvel` process itself. */
export function processContext(): CliContext {
    return { cwd: process.cwd(), stdout: text => process.stdout.write(text), stderr: text => process.stderr.write(text) };
}

/** A warning on stderr while the command goes on: `marvel: warning: …`. */
export function warn(context: CliContext, message: string): void {
    context.stderr(`marvel: warning: ${message}\n`);
}
