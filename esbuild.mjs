// Bundles every runtime of the extension: the VS Code extension host, the language server and the CLI (Node).
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

/** @type {import('esbuild').BuildOptions} */
const node = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'info',
    // A CommonJS bundle has no import.meta; Langium only reads it for its own version check.
    define: { 'import.meta.url': 'importMetaUrl', 'MARVEL_VERSION': JSON.stringify(version) },
    banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" }
};

/**
 * The CLI's drawing code (ELK and the layout) goes into a bundle of its own, out/cli-drawing.cjs,
 * which out/cli.cjs requires only when a command draws: `marvel check` does not compile ELK.
 */
const drawingOnDemand = {
    name: 'drawing-on-demand',
    setup(build) {
        build.onResolve({ filter: /^\.\/drawing\.js$/ }, args => args.kind === 'dynamic-import' ? { path: './cli-drawing.cjs', external: true } : undefined);
    }
};

const builds = [
    { ...node, entryPoints: ['client/extension.ts'], outfile: 'out/extension.cjs', external: ['vscode'] },
    { ...node, entryPoints: ['server/main.ts'], outfile: 'out/server.cjs' },
    { ...node, entryPoints: ['server/diagram/layout-worker.ts'], outfile: 'out/layout-worker.cjs' },
    { ...node, entryPoints: ['server/simulation/lens-sampling-worker.ts'], outfile: 'out/lens-sampling-worker.cjs' },
    { ...node, entryPoints: ['server/cli.ts'], outfile: 'out/cli.cjs', external: ['@resvg/resvg-js'], plugins: [drawingOnDemand], banner: { js: '#!/usr/bin/env node\n' + node.banner.js } },
    { ...node, entryPoints: ['server/cli/drawing.ts'], outfile: 'out/cli-drawing.cjs' },
    { ...node, entryPoints: ['bench/main.ts'], outfile: 'out/bench.cjs', external: ['playwright-core'] },
    // `npm start`: opens examples/ with the packaged extension in VS Code or code-server.
    { ...node, entryPoints: ['tools/start.ts'], outfile: 'out/start.cjs' },
    // The preview webview; its CSS import comes out beside it as out/webview.css.
    { bundle: true, platform: 'browser', format: 'iife', target: 'es2022', sourcemap: true, entryPoints: ['client/webview/main.ts'], outfile: 'out/webview.js', logLevel: 'info' },
    // The Simulation view's webview; its styles come out as out/simulation.css.
    { bundle: true, platform: 'browser', format: 'iife', target: 'es2022', sourcemap: true, entryPoints: ['client/simulation-webview/main.ts'], outfile: 'out/simulation.js', logLevel: 'info' }
];

if (watch) {
    const contexts = await Promise.all(builds.map(options => esbuild.context(options)));
    await Promise.all(contexts.map(context => context.watch()));
} else {
    await Promise.all(builds.map(options => esbuild.build(options)));
}
