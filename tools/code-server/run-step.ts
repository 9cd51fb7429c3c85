import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';

/** Where a step's progress is told: one line at a time, meant for a person watching. */
export type Progress = (line: string) => void;

export interface StepCommand {
    readonly command: string;
    readonly args: readonly string[];
    readonly cwd: string;
    readonly env?: NodeJS.ProcessEnv;
}

/** How often a long step says it is still alive, so a slow install never looks like a hang. */
const heartbeatMs = 20_000;
/** A single install step that takes longer than this has hung (the slowest, npm install, takes a few minutes). */
const stepTimeoutMs = 30 * 60_000;

/**
 * Runs one command of an install, its output appended to `logFile` rather than the terminal
 * (npm and node-gyp print thousands of lines); on failure the log's tail goes into the error.
 */
export function runStep(title: string, step: StepCommand, logFile: string, progress: Progress): Promise<void> {
    const started = Date.now();
    progress(`${title} …`);
    appendFileSync(logFile, `\n$ (cd ${step.cwd} && ${step.command} ${step.args.join(' ')})\n`);
    return new Promise((resolve, reject) => {
        const child = spawn(step.command, [...step.args], { cwd: step.cwd, env: step.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
        const heartbeat = setInterval(() => progress(`  … still working (${seconds(started)})`), heartbeatMs);
        const timeout = setTimeout(() => child.kill('SIGKILL'), stepTimeoutMs);
        child.stdout.on('data', (chunk: Buffer) => appendFileSync(logFile, chunk));
        child.stderr.on('data', (chunk: Buffer) => appendFileSync(logFile, chunk));
        child.on('error', error => finish(error));
        child.on('close', (code, signal) => finish(code === 0 ? undefined : new Error(`${step.command} ${step.args.join(' ')} failed (${signal ?? `exit ${code}`}); its output is in ${logFile}:\n${tail(logFile)}`)));
        function finish(error: Error | undefined): void {
            clearInterval(heartbeat);
            clearTimeout(timeout);
            if (error) {
                reject(error);
            } else {
                progress(`  done in ${seconds(started)}`);
                resolve();
            }
        }
    });
}

function seconds(since: number): string {
    const s = Math.round((Date.now() - since) / 1000);
    return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

function tail(logFile: string): string {
    return readFileSync(logFile, 'utf8').split('\n').slice(-25).join('\n');
}
