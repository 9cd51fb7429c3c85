import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import type { Progress } from './run-step.js';
import { runStep } from './run-step.js';

/** code-server 4.100.3 carries VS Code 1.100.3, within the extension's `engines.vscode`. */
export const codeServerVersion = '4.100.3';

/** Headers VS Code's native modules build against, and ripgrep for its search. */
const buildPackages = ['libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'pkg-config', 'ripgrep'];
/** The browser the end-to-end tests drive. */
export const browserPackage = 'chromium';

/**
 * The cache folder: outside the repository (it is about 200 MB and must never be committed),
 * kept between runs so only the first run on a machine pays for the install.
 */
export function codeServerCache(): string {
    return process.env.MARVEL_CODE_SERVER_CACHE ?? path.join(homedir(), '.cache', 'marvel-code-server', codeServerVersion);
}

export interface ProvisionOptions {
    /** Also install Debian's chromium (the tests need it; `npm start` leaves the browser to the user). */
    readonly browser?: boolean;
    readonly progress: Progress;
}

/**
 * Makes sure a working code-server is in the cache and returns its entry script. Installed
 * from the npm registry with `--ignore-scripts`: code-server's own postinstall downloads
 * ripgrep from outside the registry, which fails on machines that reach only the registry, so
 * its steps are done here by hand, with Debian's ripgrep. A marker written last makes a
 * half-finished install (Ctrl+C, a failed step) start over instead of counting as done.
 */
export async function provisionCodeServer(options: ProvisionOptions): Promise<string> {
    const { progress } = options;
    const cache = codeServerCache();
    mkdirSync(cache, { recursive: true });
    await ensureDebianPackages(options.browser ? [...buildPackages, browserPackage] : buildPackages, path.join(cache, 'apt.log'), progress);
    const root = path.join(cache, 'node_modules', 'code-server');
    const entry = path.join(root, 'out', 'node', 'entry.js');
    const marker = path.join(cache, '.complete');
    if (existsSync(marker) && existsSync(entry)) {
        return entry;
    }
    const log = path.join(cache, 'provision.log');
    writeFileSync(log, `code-server ${codeServerVersion} install, ${new Date().toISOString()}\n`);
    progress(`Installing code-server ${codeServerVersion} into ${cache} (first run only, several minutes; log: ${log})`);
    writeFileSync(path.join(cache, 'package.json'), JSON.stringify({ name: 'marvel-code-server-cache', private: true }, null, 2) + '\n');
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const quiet = ['--no-audit', '--no-fund', '--loglevel=error'];
    const vscodeDir = path.join(root, 'lib', 'vscode');
    const step = (n: number, title: string): string => `[${n}/6] ${title}`;
    await runStep(step(1, `Downloading code-server ${codeServerVersion} (about 200 MB)`), { command: npm, args: ['install', '--ignore-scripts', ...quiet, `code-server@${codeServerVersion}`], cwd: cache }, log, progress);
    await runStep(step(2, "Installing VS Code's runtime modules"), { command: npm, args: ['install', '--omit=dev', '--ignore-scripts', ...quiet], cwd: vscodeDir }, log, progress);
    // The ripgrep package would download its binary; Debian's serves instead.
    const rgDir = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
    mkdirSync(rgDir, { recursive: true });
    copyFileSync(ripgrepPath(), path.join(rgDir, 'rg'));
    const rebuild = ['rebuild', 'kerberos', 'node-pty', '@vscode/spdlog', 'native-watchdog', '@parcel/watcher', '@vscode/deviceid'];
    await runStep(step(3, 'Building native modules for this Node.js'), { command: npm, args: rebuild, cwd: vscodeDir, env: { ...process.env, npm_config_yes: 'true' } }, log, progress);
    link('node_modules', path.join(vscodeDir, 'node_modules.asar'));
    link('code-linux.sh', path.join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
    link('browser-linux.sh', path.join(vscodeDir, 'bin', 'helpers', 'browser.sh'));
    await runStep(step(4, "Installing VS Code's built-in extensions"), { command: npm, args: ['install', '--omit=dev', '--ignore-scripts', ...quiet], cwd: path.join(vscodeDir, 'extensions') }, log, progress);
    await runStep(step(5, 'Building the password hasher'), { command: npm, args: ['rebuild', 'argon2'], cwd: cache }, log, progress);
    await runStep(step(6, 'Checking that code-server starts'), { command: process.execPath, args: [entry, '--version'], cwd: cache }, log, progress);
    writeFileSync(marker, `${codeServerVersion}\n`);
    progress('code-server is installed.');
    return entry;
}

/**
 * Installs the missing Debian packages with apt-get when running as root; otherwise says what
 * to run. apt's output goes to `logFile` (it is hundreds of lines), its progress to the terminal.
 */
export async function ensureDebianPackages(packages: readonly string[], logFile: string, progress: Progress): Promise<void> {
    if (!onPath('dpkg-query')) {
        progress(`Not a Debian system: make sure the equivalents of ${packages.join(', ')} are installed.`);
        return;
    }
    const missing = packages.filter(name => !debianPackageInstalled(name));
    if (missing.length === 0) {
        return;
    }
    const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    if (!isRoot || !onPath('apt-get')) {
        throw new Error(`code-server needs the Debian packages ${missing.join(', ')}. Install them (as root: ${command}) and run this again.`);
    }
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    await runStep('Updating the Debian package lists', { command: 'apt-get', args: ['update'], cwd: '/', env }, logFile, progress);
    await runStep(`Installing Debian packages: ${missing.join(' ')}`, { command: 'apt-get', args: ['install', '-y', ...missing], cwd: '/', env }, logFile, progress);
}

function debianPackageInstalled(name: string): boolean {
    const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return result.status === 0 && result.stdout.includes('install ok installed');
}

export function onPath(command: string): boolean {
    return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function ripgrepPath(): string {
    const found = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim();
    if (!found) {
        throw new Error('ripgrep (rg) is not on the PATH; install the Debian package ripgrep.');
    }
    return found;
}

/** `ln -sfn target linkPath`: replaces whatever is there, so a rerun after a partial install works. */
function link(target: string, linkPath: string): void {
    rmSync(linkPath, { force: true, recursive: false });
    symlinkSync(target, linkPath);
}
