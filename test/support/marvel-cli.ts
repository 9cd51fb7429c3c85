import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { repositoryRoot } from './example-files.js';

/** The command line as users run it: the bundle in out/, as a child process. */
export const cliPath = path.join(repositoryRoot, 'out', 'cli.cjs');

export interface CliRun {
    readonly status: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

/** Builds the bundles when out/cli.cjs is missing or older than a source file it is made from. */
export function ensureCliBuilt(): void {
    const built = existsSync(cliPath) ? statSync(cliPath).mtimeMs : 0;
    const newer = (dir: string): boolean => readdirSync(dir, { withFileTypes: true }).some(entry => {
        const full = path.join(dir, entry.name);
        return entry.isDirectory() ? newer(full) : entry.name.endsWith('.ts') && statSync(full).mtimeMs > built;
    });
    if (['server', 'language'].some(dir => newer(path.join(repositoryRoot, dir)))) {
        execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repositoryRoot, stdio: 'pipe' });
    }
}

export function runMarvel(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): CliRun {
    const result = spawnSync(process.execPath, [cliPath, ...args], { cwd, env, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A git repository in a temporary folder with `base` committed on `main` and, when given, `head` committed on `feature` (checked out). */
export function gitRepository(base: Readonly<Record<string, string>> | string, head?: Readonly<Record<string, string>>): { dir: string; git: (...args: string[]) => string } {
    const dir = mkdtempSync(path.join(tmpdir(), 'marvel-git-'));
    const git = (...args: string[]): string => execFileSync('git', ['-c', 'user.email=test@example.org', '-c', 'user.name=Test', ...args], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
    git('init', '-q', '-b', 'main');
    const write = (files: Readonly<Record<string, string>> | string): void => {
        if (typeof files === 'string') {
            cpSync(files, dir, { recursive: true });
            return;
        }
        for (const [name, text] of Object.entries(files)) {
            writeFileSync(path.join(dir, name), text);
        }
    };
    write(base);
    git('add', '.');
    git('commit', '-qm', 'base');
    if (head) {
        git('checkout', '-qb', 'feature');
        write(head);
        git('add', '.');
        git('commit', '-qm', 'head');
    }
    return { dir, git };
}
