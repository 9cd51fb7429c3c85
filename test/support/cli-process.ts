import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { repositoryRoot } from './example-files.js';

/** One run of the bundled command line (out/cli.cjs) as a child process. */
export interface CliRun {
    readonly status: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

const cli = path.join(repositoryRoot, 'out', 'cli.cjs');

/** Bundles the command line if no build left it, and gives a fresh directory for the test's files; `dispose` removes it. */
export function cliWorkspace(): { directory: string; dispose(): void } {
    if (!existsSync(cli)) {
        execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repositoryRoot, stdio: 'pipe' });
    }
    const directory = mkdtempSync(path.join(tmpdir(), 'marvel-cli-test-'));
    return { directory, dispose: () => rmSync(directory, { recursive: true, force: true }) };
}

/** Runs `marvel ARGS` in `cwd`; a run that hangs is killed after `timeoutMs` and fails its test with status null. */
export function runMarvel(args: readonly string[], cwd: string, timeoutMs = 60_000): CliRun {
    const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Writes files (text or bytes) below `directory`, creating folders as needed, and returns `directory`. */
export function writeFiles(directory: string, files: Readonly<Record<string, string | Buffer>>): string {
    mkdirSync(directory, { recursive: true });
    for (const [name, content] of Object.entries(files)) {
        const file = path.join(directory, name);
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, content);
    }
    return directory;
}
