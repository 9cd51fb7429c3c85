/** What a command hands back to the entry point: text for stdout and the exit code. */
export interface CommandResult {
    readonly output: string;
    readonly exitCode: number;
}
