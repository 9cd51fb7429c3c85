import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { repositoryRoot } from './example-files.js';

export const cliBundle = path.join(repositoryRoot, 'out', 'cli.cjs');

export interface CliRun {
    readonly status: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

/** Builds the bundles when out/cli.cjs is missing or older than a source file it is built from. */
export function ensureCliBuilt(): void {
    if (!existsSync(cliBundle)) {
        execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repositoryRoot, stdio: 'pipe' });
        return;
    }
    const built = statSync(cliBundle).mtimeMs;
    const newer = (dir: string): boolean => readdirSync(dir, { withFileTypes: true }).some(entry => {
        const full = path.join(dir, entry.name);
        return entry.isDirectory() ? newer(full) : entry.name.endsWith('.ts') && statSync(full).mtimeMs > built;
    });
    if (['server', 'language'].some(dir => newer(path.join(repositoryRoot, dir)))) {
        execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repositoryRoot, stdio: 'pipe' });
    }
}

/** Runs `marvel ARGS…` as a user would, in a child process. */
export function marvel(args: readonly string[], cwd: string = repositoryRoot): CliRun {
    const result = spawnSync(process.execPath, [cliBundle, ...args], { cwd, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
