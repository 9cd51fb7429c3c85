// Vitest global setup: the tests that run a bundle (the CLI as a child process, the language
// server over stdio, the webview in Chromium) share one build, made here once when any bundle
// is missing or older than a source file. `npm test` builds first, so this only pays when a
// developer runs vitest alone after an edit.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url)).replace(/[\\/]$/, '');
const bundles = ['cli.cjs', 'cli-drawing.cjs', 'server.cjs', 'layout-worker.cjs', 'lens-sampling-worker.cjs', 'webview.js', 'webview.css', 'simulation.js', 'simulation.css'].map(name => path.join(projectRoot, 'out', name));
const sourceFolders = ['client', 'server', 'language'].map(name => path.join(projectRoot, name));

function newestSource(dir: string): number {
    let newest = 0;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        const time = entry.isDirectory() ? newestSource(full) : /\.(ts|css)$/.test(entry.name) ? statSync(full).mtimeMs : 0;
        newest = Math.max(newest, time);
    }
    return newest;
}

export default function buildStaleBundles(): void {
    const sources = Math.max(...sourceFolders.map(newestSource));
    const stale = bundles.some(bundle => !existsSync(bundle) || statSync(bundle).mtimeMs < sources);
    if (stale) {
        execFileSync(process.execPath, ['esbuild.mjs'], { cwd: projectRoot, stdio: 'pipe' });
    }
}
