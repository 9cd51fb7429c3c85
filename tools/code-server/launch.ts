import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';

/** A fresh profile: its own settings and extensions, so nothing of the user's leaks in or out. */
export interface Profile {
    readonly userDataDir: string;
    readonly extensionsDir: string;
}

/** Trust off and no welcome page: either would stand between the editor and the folder it opens. */
const settings = { 'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none' };

/** Creates the profile's folders under `root`; settings a person changed in an existing profile are kept. */
export function createProfile(root: string): Profile {
    const profile = { userDataDir: path.join(root, 'user-data'), extensionsDir: path.join(root, 'extensions') };
    mkdirSync(path.join(profile.userDataDir, 'User'), { recursive: true });
    mkdirSync(profile.extensionsDir, { recursive: true });
    const settingsFile = path.join(profile.userDataDir, 'User', 'settings.json');
    if (!existsSync(settingsFile)) {
        writeFileSync(settingsFile, JSON.stringify(settings, null, 4) + '\n');
    }
    return profile;
}

function profileArgs(profile: Profile): string[] {
    return ['--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir];
}

/** Installs a .vsix into the profile; copying it into the extensions folder would not register it. */
export function installExtension(entry: string, profile: Profile, vsix: string): void {
    const result = spawnSync(process.execPath, [entry, ...profileArgs(profile), '--install-extension', vsix, '--force'], { encoding: 'utf8', timeout: 120_000 });
    if (result.status !== 0) {
        throw new Error(`code-server could not install ${vsix}: ${result.error?.message ?? ''}${result.stdout}${result.stderr}`);
    }
}

/** A port on the loopback interface that nothing listens on right now. */
export function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.unref();
        server.on('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            server.close(() => typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')));
        });
    });
}

export function portIsFree(port: number): Promise<boolean> {
    return new Promise(resolve => {
        const server = createServer();
        server.unref();
        server.once('error', () => resolve(false));
        server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
}

export interface RunningCodeServer {
    readonly url: string;
    readonly port: number;
    readonly process: ChildProcess;
    /** Ends code-server and everything it started (its own process group), and waits for it. */
    stop(): Promise<void>;
}

export interface StartOptions {
    readonly entry: string;
    readonly profile: Profile;
    readonly folder: string;
    readonly port: number;
    /** Where code-server's output goes; it holds the extension host's errors when something fails. */
    readonly logFile: string;
    readonly timeoutMs?: number;
}

/**
 * Starts code-server on 127.0.0.1 only, without a password (nobody else can reach loopback),
 * telemetry or update checks, and resolves when it answers its health check.
 */
export async function startCodeServer(options: StartOptions): Promise<RunningCodeServer> {
    const out = openSync(options.logFile, 'a');
    const args = [
        options.entry, '--auth', 'none', '--bind-addr', `127.0.0.1:${options.port}`, '--disable-telemetry', '--disable-update-check',
        ...profileArgs(options.profile), options.folder
    ];
    // Its own process group, so stop() reaches the extension host and language server it spawns.
    const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', out, out] });
    closeSync(out);
    const url = `http://127.0.0.1:${options.port}`;
    const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
    // Should this process end without stop() (a crash, process.exit), code-server must not outlive it.
    const killOnExit = (): void => {
        if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
            killGroup(child.pid, 'SIGKILL');
        }
    };
    process.once('exit', killOnExit);
    const stop = async (): Promise<void> => {
        process.removeListener('exit', killOnExit);
        if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
            return;
        }
        killGroup(child.pid, 'SIGTERM');
        const gone = await Promise.race([exited.then(() => true), delay(5000).then(() => false)]);
        if (!gone) {
            killGroup(child.pid, 'SIGKILL');
            await exited;
        }
    };
    try {
        await waitForHealth(url, child, options.timeoutMs ?? 60_000);
    } catch (error) {
        await stop();
        throw error;
    }
    return { url, port: options.port, process: child, stop };
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
    try {
        process.kill(-pid, signal);
    } catch {
        // Already gone.
    }
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        if (child.exitCode !== null) {
            throw new Error(`code-server exited with code ${child.exitCode} before it answered`);
        }
        try {
            const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
            if (response.ok) {
                return;
            }
        } catch {
            // Not listening yet.
        }
        await delay(250);
    }
    throw new Error(`code-server did not answer on ${url} within ${timeoutMs / 1000}s`);
}

function delay(ms: number): Promise<void> {
    return new Promise(resolve => setTimeout(resolve, ms));
}

/** The address that opens `folder` (readable: VS Code takes the path with its slashes as it is). */
export function workbenchUrl(server: { url: string }, folder: string): string {
    return `${server.url}/?folder=${encodeURI(folder)}`;
}
