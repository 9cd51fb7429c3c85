import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { repositoryRoot } from './example-files.js';

/**
 * The command line as users run it: the bundle in out/ (kept fresh by bundle-setup.ts), as a
 * child process.
 */
export const cliPath = path.join(repositoryRoot, 'out', 'cli.cjs');

export interface CliRun {
    readonly status: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

/** Runs `marvel ARGS…` as a user would, in a child process; one that hangs is killed after `timeoutMs` and fails its test with status null. */
export function runMarvel(args: readonly string[], cwd: string = repositoryRoot, timeoutMs = 120_000): CliRun {
    const result = spawnSync(process.execPath, [cliPath, ...args], { cwd, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh directory for a test file's files; `dispose` removes it. */
export function cliWorkspace(): { directory: string; dispose(): void } {
    const directory = mkdtempSync(path.join(tmpdir(), 'marvel-cli-test-'));
    return { directory, dispose: () => rmSync(directory, { recursive: true, force: true }) };
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
