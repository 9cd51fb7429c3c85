import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../server/cli/run-cli.js';
import { repositoryRoot } from './example-files.js';

/** The command line as users run it: the bundle in out/ (kept fresh by bundle-setup.ts). */
export const cliPath = path.join(repositoryRoot, 'out', 'cli.cjs');

export interface CliRun {
    /** The exit code; null when a child process was killed (see {@link runMarvelProcess}). */
    readonly status: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

/**
 * Runs `marvel ARGS…` in this process, from the sources, through the entry the `marvel` process
 * uses (server/cli/run-cli.ts), in `cwd` and with its own stdout and stderr: what a user sees,
 * without starting Node and loading the bundle for every run. What only a process shows (exit
 * status, the bundle, a hang) is tested with {@link runMarvelProcess}.
 */
export async function runMarvel(args: readonly string[], cwd: string = repositoryRoot): Promise<CliRun> {
    let stdout = '';
    let stderr = '';
    const status = await runCli(args, { cwd, stdout: text => { stdout += text; }, stderr: text => { stderr += text; } });
    return { status, stdout, stderr };
}

/**
 * Runs `marvel ARGS…` as a user would, the bundle (`cli`, out/cli.cjs unless given) in a child
 * process; one that hangs is killed after `timeoutMs` and fails its test with status null.
 */
export function runMarvelProcess(args: readonly string[], cwd: string = repositoryRoot, timeoutMs = 120_000, cli = cliPath): CliRun {
    const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
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
