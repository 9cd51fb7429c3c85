/**
 * The `marvel` process itself, as a user or a CI job starts it: the bundle in out/, its exit
 * status, what goes to stdout and what to stderr, its working directory, and what it loads on
 * demand (the drawing bundle, resvg). Every other command-line test runs the same entry in-process
 * (test/support/marvel-cli.ts); these few make sure the process around it adds nothing and
 * loses nothing.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examplesDirectory, repositoryRoot } from './support/example-files.js';
import type { CliRun } from './support/marvel-cli.js';
import { cliWorkspace, runMarvelProcess, writeFiles } from './support/marvel-cli.js';

let work: { directory: string; dispose(): void };

beforeAll(() => {
    work = cliWorkspace();
    writeFiles(work.directory, {
        'clean.marvel': 'kpi k "K" increase\nintervention i "I"\ni -> +k\n',
        'broken.marvel': 'kpi k "K" increase\nintervention i "I"\ni -> +k\ni -> +onbekend\n',
        'binary.marvel': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00])
    });
});

afterAll(() => work.dispose());

function expectNoStackTrace(run: CliRun): void {
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.stdout).not.toMatch(/^\s+at /m);
}

describe('the marvel process', () => {
    it('--help: usage on stdout, nothing on stderr, exit 0', () => {
        const run = runMarvelProcess(['--help']);
        expect(run).toMatchObject({ status: 0, stderr: '' });
        expect(run.stdout).toMatch(/^MARVEL command line/);
        expect(run.stdout).toContain('marvel check FILE');
    });

    it('--version: the package version the bundle was built with', () => {
        const { version } = JSON.parse(readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8')) as { version: string };
        expect(runMarvelProcess(['--version'])).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
    });

    it('a usage error: one line on stderr, nothing on stdout, exit 2', () => {
        const run = runMarvelProcess(['frobnicate'], work.directory);
        expect(run).toEqual({ status: 2, stdout: '', stderr: "marvel: unknown command 'frobnicate'; run 'marvel --help' for usage\n" });
    });

    it('unreadable input: one line on stderr, exit 2, no stack trace', () => {
        const run = runMarvelProcess(['check', 'binary.marvel'], work.directory);
        expectNoStackTrace(run);
        expect(run).toEqual({ status: 2, stdout: '', stderr: "marvel: cannot read 'binary.marvel': it is a binary file, not text\n" });
    });

    it('a model with errors: the diagnostics on stdout and exit 1; a clean one exits 0 silently', () => {
        const broken = runMarvelProcess(['check', 'broken.marvel'], work.directory);
        expect(broken.status).toBe(1);
        expect(broken.stdout).toMatch(/^broken\.marvel:4:7: error unresolved-reference: /);
        expect(broken.stderr).toBe('');
        expect(runMarvelProcess(['check', 'clean.marvel'], work.directory)).toEqual({ status: 0, stdout: '', stderr: '' });
    });

    it('keeps the analysis on stdout and the warning about errors on stderr', () => {
        const run = runMarvelProcess(['trace', 'broken.marvel', '--from', 'i', '--format', 'json'], work.directory);
        expect(run.status).toBe(1);
        expect(JSON.parse(run.stdout)).toMatchObject({ from: 'i' });
        expect(run.stderr).toBe("marvel: warning: broken.marvel has 1 error (see 'marvel check broken.marvel'); the analysis covers what resolved\n");
    });

    it('draws through the drawing bundle it loads on demand (out/cli-drawing.cjs) and resvg, writing relative to its working directory', () => {
        const run = runMarvelProcess(['render', path.join(examplesDirectory, 'quickstart.marvel'), '-o', 'quickstart.png'], work.directory);
        expectNoStackTrace(run);
        expect(run).toEqual({ status: 0, stdout: 'quickstart.png: 14 factors, 20 relations\n', stderr: '' });
        expect(readFileSync(path.join(work.directory, 'quickstart.png')).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    });

    it('keeps V8\'s code cache of the drawing bundle beside it: written by the first drawing, read by the next, written anew when it is of another build', () => {
        const bundles = path.join(work.directory, 'bundles');
        mkdirSync(bundles, { recursive: true });
        for (const bundle of ['cli.cjs', 'cli-drawing.cjs']) {
            copyFileSync(path.join(repositoryRoot, 'out', bundle), path.join(bundles, bundle));
        }
        const cache = path.join(bundles, 'cli-drawing.cjs.v8-cache');
        const render = (output: string): CliRun => runMarvelProcess(['render', 'clean.marvel', '-o', output], work.directory, 120_000, path.join(bundles, 'cli.cjs'));
        const drawn = (output: string): string => readFileSync(path.join(work.directory, output), 'utf8');
        expect(render('uncached.svg')).toMatchObject({ status: 0, stderr: '' });
        const written = readFileSync(cache);
        expect(written.length).toBeGreaterThan(100_000);
        expect(render('cached.svg')).toMatchObject({ status: 0, stderr: '' });
        expect(drawn('cached.svg')).toBe(drawn('uncached.svg'));
        // Read, not written again.
        expect(readFileSync(cache).equals(written)).toBe(true);
        writeFileSync(cache, 'a cache of another build of the bundle');
        expect(render('recached.svg')).toMatchObject({ status: 0, stderr: '' });
        expect(drawn('recached.svg')).toBe(drawn('uncached.svg'));
        // Its key (the first 64 bytes: the bundle's and Node's hash) is this build's again; what V8 caches may differ run to run.
        const rewritten = readFileSync(cache);
        expect(rewritten.length).toBeGreaterThan(100_000);
        expect(rewritten.subarray(0, 64).equals(written.subarray(0, 64))).toBe(true);
    });

    it('draws a model narrower than its legend as a PNG (resvg used to abort the process on the legend arrow beyond the edge)', () => {
        const run = runMarvelProcess(['render', 'clean.marvel', '-o', 'clean.png'], work.directory);
        expectNoStackTrace(run);
        expect(run).toEqual({ status: 0, stdout: 'clean.png: 2 factors, 1 relation\n', stderr: '' });
    });
});
