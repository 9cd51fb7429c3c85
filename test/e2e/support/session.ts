import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../support/webview-harness.js';
import type { RunningCodeServer } from '../../../tools/code-server/launch.js';
import { createProfile, freePort, installExtension, startCodeServer, workbenchUrl } from '../../../tools/code-server/launch.js';
import { provisionCodeServer } from '../../../tools/code-server/provision.js';

export const projectRoot = fileURLToPath(new URL('../../..', import.meta.url)).replace(/[\/]$/, '');
export const artifacts = path.join(projectRoot, 'test-artifacts', 'e2e');

export interface Session {
    readonly page: Page;
    readonly server: RunningCodeServer;
    /** The temp copy of examples/ that code-server opened: tests edit and add files here, never in the repository. */
    readonly workspace: string;
    /** Loads the workbench on the workspace folder. */
    open(): Promise<void>;
    /** Console errors of the page and its webviews, for the report when a step fails. */
    readonly consoleErrors: string[];
    close(): Promise<void>;
}

/**
 * Starts code-server with the packaged .vsix in a fresh profile and a temp copy of examples/,
 * and a headless chromium page on it. Everything it starts is ended by close().
 */
export async function startSession(name = 'editor'): Promise<Session> {
    const entry = await provisionCodeServer({ browser: true, progress: line => console.log(line) });
    const { version } = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string };
    const vsix = path.join(projectRoot, `marvel-${version}.vsix`);
    if (!existsSync(vsix)) {
        throw new Error(`${vsix} is missing: run the tests with \`npm run test:e2e\`, which packages it first`);
    }
    const temp = mkdtempSync(path.join(tmpdir(), 'marvel-e2e-'));
    const workspace = path.join(temp, 'workspace');
    cpSync(path.join(projectRoot, 'examples'), workspace, { recursive: true });
    const profile = createProfile(path.join(temp, 'profile'));
    installExtension(entry, profile, vsix);
    // The global setup cleared the pictures of an earlier run; each file's session logs on its own.
    mkdirSync(artifacts, { recursive: true });
    const logFile = path.join(artifacts, `${name}-code-server.log`);
    writeFileSync(logFile, '');
    const server = await startCodeServer({ entry, profile, folder: workspace, port: await freePort(), logFile });
    let browser: Browser | undefined;
    try {
        browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, timeout: 60_000 });
        const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
        const consoleErrors: string[] = [];
        page.on('console', message => {
            if (message.type() === 'error') {
                consoleErrors.push(message.text());
            }
        });
        page.on('pageerror', error => consoleErrors.push(error.message));
        const opened = browser;
        return {
            page, server, workspace, consoleErrors,
            // The folder alone: a file in the address would stop a reload from restoring the editors.
            open: async () => {
                await page.goto(workbenchUrl(server, workspace), { timeout: 60_000 });
            },
            close: async () => {
                writeFileSync(path.join(artifacts, `${name}-console-errors.log`), consoleErrors.join('\n') + '\n');
                await opened.close().catch(() => undefined);
                await server.stop();
                // The extension host's logs (the language server's output channel among them) explain a failure.
                const logs = path.join(profile.userDataDir, 'logs');
                if (existsSync(logs)) {
                    rmSync(path.join(artifacts, `${name}-logs`), { recursive: true, force: true });
                    cpSync(logs, path.join(artifacts, `${name}-logs`), { recursive: true });
                }
                rmSync(temp, { recursive: true, force: true });
            }
        };
    } catch (error) {
        await browser?.close().catch(() => undefined);
        await server.stop();
        throw error;
    }
}
