import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { examplesDirectory } from './support/example-files.js';
import { gitRepository, runMarvel } from './support/marvel-cli.js';

const folders: string[] = [];

afterAll(() => folders.forEach(folder => rmSync(folder, { recursive: true, force: true })));

/** The seed example committed on main, then changed by `edit` in the working tree of every file. */
function seedRepository(edit: (text: string) => string): string {
    const { dir } = gitRepository(path.join(examplesDirectory, 'mensenhandel'));
    folders.push(dir);
    for (const name of readdirSync(dir).filter(n => n.endsWith('.marvel'))) {
        writeFileSync(path.join(dir, name), edit(readFileSync(path.join(dir, name), 'utf8')));
    }
    return dir;
}

describe('marvel diff for review', () => {
    it('reports renaming a factor of the seed example, used in four files, as one rename', async () => {
        const dir = seedRepository(text => text.replace(/\baantrekkelijkheidDelict\b/g, 'aantrekkelijkheid'));
        const run = await runMarvel(['diff', 'HEAD', 'mensenhandel.marvel'], dir);
        expect(run.status, run.stderr).toBe(0);
        expect(run.stdout).toBe([
            'Factors: 0 added, 0 removed, 0 changed, 1 renamed',
            "  > aantrekkelijkheidDelict → aantrekkelijkheid 'Aantrekkelijkheid van het delict'",
            'Relations: 0 added, 0 removed, 0 changed',
            'Loops: 0 added, 0 removed, 0 changed (among the loops within the search bounds)',
            'Effects: 0 changed',
            ''
        ].join('\n'));
    });

    it('says what a flipped relation does to the verdicts, in text, JSON and markdown', async () => {
        const dir = seedRepository(text => text.replace('pakkans -> -aantrekkelijkheidDelict', 'pakkans -> +aantrekkelijkheidDelict'));
        const text = (await runMarvel(['diff', 'HEAD', 'mensenhandel.marvel'], dir)).stdout;
        expect(text).toContain("  ~ onderwijsCurricula 'Onderwijs en curricula' on inBeeld 'Percentage slachtoffers mensenhandel dat in beeld is': mixed, mostly desired → desired (effect mixed → +)");
        const json = JSON.parse((await runMarvel(['diff', 'HEAD', 'mensenhandel.marvel', '--format', 'json'], dir)).stdout) as { effects: Array<Record<string, string>> };
        expect(json.effects.length).toBeGreaterThan(0);
        for (const effect of json.effects) {
            expect(Object.keys(effect).sort()).toEqual(['after', 'afterDominant', 'afterVerdict', 'afterVerdictWords', 'before', 'beforeDominant', 'beforeVerdict', 'beforeVerdictWords', 'intervention', 'kpi']);
        }
        const markdown = (await runMarvel(['diff', 'HEAD', 'mensenhandel.marvel', '--format', 'markdown'], dir)).stdout;
        expect(markdown.split('\n')[0]).toMatch(/^\*\*Model change: 1 sign flipped, \d+ loops changed kind, \d+ verdicts changed\*\* \(`HEAD:mensenhandel\.marvel` → `mensenhandel\.marvel`\)$/);
        expect(markdown).toMatch(/- \*\*changed\*\* .* on .*: (desired|mixed|undesired) → (desired|mixed|undesired)/);
        expect(markdown).toContain('Legend: green = added, red dashed = removed, amber = changed');
    });

    it('exits 1 with a warning when the new model has errors, and reads imports from the old revision', async () => {
        const dir = seedRepository(text => text.replace('pakkans -> -aantrekkelijkheidDelict', 'pakkans -> -aantrekelijkheidDelict'));
        const run = await runMarvel(['diff', 'HEAD', 'mensenhandel.marvel'], dir);
        expect(run.status).toBe(1);
        expect(run.stderr).toMatch(/warning: mensenhandel\.marvel has 1 error/);
        expect(run.stdout).toContain('Relations: 0 added, 1 removed, 0 changed');
        expect(run.stderr).not.toMatch(/HEAD:mensenhandel\.marvel has/);
    });
});

describe('marvel render --diff', () => {
    it('draws the change against a git revision, with the change coloured, as SVG and PNG', async () => {
        const dir = seedRepository(text => text.replace('pakkans -> -aantrekkelijkheidDelict', 'pakkans -> +aantrekkelijkheidDelict'));
        const run = await runMarvel(['render', 'mensenhandel.marvel', '--diff', 'HEAD', '-o', 'change.svg'], dir);
        expect(run.status, run.stderr).toBe(0);
        expect(run.stdout).toMatch(/^change\.svg: 1 sign flipped, .* verdicts changed; \d+ factors, \d+ relations drawn\n$/);
        const svg = readFileSync(path.join(dir, 'change.svg'), 'utf8');
        expect(svg.match(/class="marvel-edge [^"]*mark-changed"/g)).toHaveLength(1);
        expect(svg).toContain('data-id="pakkans"');
        const all = await runMarvel(['render', 'mensenhandel.marvel', '--diff', 'HEAD', '--scope', 'all', '-o', 'change.png'], dir);
        expect(all.status, all.stderr).toBe(0);
        expect(all.stdout).toMatch(/134 factors/);
        expect(readFileSync(path.join(dir, 'change.png')).subarray(1, 4).toString()).toBe('PNG');
    });

    it('refuses --scope without --diff, --diff with a view of its own, and the sides of a diff the wrong way round', async () => {
        const dir = seedRepository(text => text);
        for (const [args, message] of [
            [['render', 'mensenhandel.marvel', '--scope', 'all', '-o', 'x.svg'], /--scope needs --diff/],
            [['render', 'mensenhandel.marvel', '--diff', 'HEAD', '--trace', 'pilotGemeente', '-o', 'x.svg'], /--trace and --diff do not go together/],
            [['render', 'mensenhandel.marvel', '--diff', 'HEAD', '--scope', 'some', '-o', 'x.svg'], /--scope/],
            // The sides the wrong way round: the revision is named first.
            [['diff', 'mensenhandel.marvel', 'HEAD'], /^marvel: cannot read 'HEAD': no such file; the old side comes first, a file or a git revision: marvel diff HEAD mensenhandel\.marvel\n$/]
        ] as const) {
            const run = await runMarvel([...args], dir);
            expect(run.status, run.stderr).toBe(2);
            expect(run.stderr).toMatch(message);
        }
    });
});
