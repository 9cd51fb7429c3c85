import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliRun } from './support/marvel-cli.js';
import { gitRepository, runMarvel } from './support/marvel-cli.js';

const projectRoot = fileURLToPath(new URL('..', import.meta.url)).replace(/[\\/]$/, '');
const seedExample = path.join(projectRoot, 'examples', 'mensenhandel', 'mensenhandel.marvel');

/** `marvel trace --format json` as the contract defines it (extra fields are allowed). */
interface TraceJson {
    readonly from: string;
    readonly targets: ReadonlyArray<{
        readonly target: string;
        readonly kpi: boolean;
        readonly direction: 'increase' | 'decrease' | null;
        readonly effect: string;
        readonly verdict: string;
        readonly paths: ReadonlyArray<{ readonly nodes: string[]; readonly sign: string; readonly loops: string[]; readonly score: number }>;
        readonly truncated: boolean;
        readonly dominant: string;
        readonly truncatedBy: string[];
    }>;
}

interface LoopsJson {
    readonly loops: ReadonlyArray<{ readonly id: string; readonly nodes: string[]; readonly kind: string; readonly delayed: boolean }>;
    readonly truncated: boolean;
}

let work: string;

beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'marvel-trace-test-'));
}, 120000);

afterAll(() => {
    if (work) {
        rmSync(work, { recursive: true, force: true });
    }
});

function marvel(args: readonly string[], cwd: string = work): Promise<CliRun> {
    return runMarvel(args, cwd);
}

let counter = 0;
function modelFile(text: string, name = 'model.marvel'): string {
    const dir = path.join(work, `m${++counter}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
}

function expectUsageFailure(run: CliRun, mentions: RegExp): void {
    expect(run.status, run.stderr).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^marvel: /);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.stderr).toMatch(mentions);
}

/** The contract's excerpt, extended with a second KPI and a feedback loop through the victims. */
const pilot = `model pilot "Pilot"
kpi slachtoffers "Slachtoffers" decrease
kpi inBeeld "In beeld" increase
intervention pilotGemeente "Pilot"
factor pakkans "Pakkans"
factor aantrekkelijkheid "Aantrekkelijkheid"
factor daders "Daders"
factor aangiften "Aangiften"
pilotGemeente -> +pakkans, +inBeeld
pakkans -> -aantrekkelijkheid
aantrekkelijkheid -> +daders (strength: strong, speed: low)
daders -> +slachtoffers
slachtoffers -> +aangiften
aangiften -> +pakkans
`;

describe('marvel trace', () => {
    it('prints the contract JSON, one target per KPI in declaration order', async () => {
        const run = await marvel(['trace', modelFile(pilot), '--from', 'pilotGemeente', '--format', 'json']);
        expect(run.status, run.stderr).toBe(0);
        expect(run.stderr).toBe('');
        const json = JSON.parse(run.stdout) as TraceJson;
        expect(json.from).toBe('pilotGemeente');
        expect(json.targets.map(t => t.target)).toEqual(['slachtoffers', 'inBeeld']);
        const [victims, inBeeld] = json.targets;
        expect(victims).toMatchObject({ kpi: true, direction: 'decrease', effect: '-', verdict: 'desired', truncated: false });
        expect(victims.paths.map(p => [p.nodes, p.sign, p.loops])).toEqual([
            [['pilotGemeente', 'pakkans', 'aantrekkelijkheid', 'daders', 'slachtoffers'], '-', ['B1']]
        ]);
        expect(inBeeld).toMatchObject({ kpi: true, direction: 'increase', effect: '+', verdict: 'desired' });
        for (const target of json.targets) {
            expect(Object.keys(target)).toEqual(expect.arrayContaining(['target', 'kpi', 'direction', 'effect', 'verdict', 'paths', 'truncated']));
            for (const path of target.paths) {
                expect(Object.keys(path)).toEqual(expect.arrayContaining(['nodes', 'sign', 'loops']));
            }
        }
    });

    it('reads as a chain of labels with arrows in text', async () => {
        const run = await marvel(['trace', modelFile(pilot), '--from', 'pilotGemeente']);
        expect(run.status, run.stderr).toBe(0);
        expect(run.stdout).toContain('Pilot ↑ → Pakkans ↑ → Aantrekkelijkheid ↓ → Daders ↓ → Slachtoffers ↓: desired');
        expect(run.stdout).toContain('verdict: desired');
    });

    it('traces to one factor with --to; a non-KPI has no direction and no verdict', async () => {
        const run = await marvel(['trace', modelFile(pilot), '--from', 'pakkans', '--to', 'daders', '--format', 'json']);
        expect(run.status, run.stderr).toBe(0);
        const json = JSON.parse(run.stdout) as TraceJson;
        expect(json.targets).toHaveLength(1);
        expect(json.targets[0]).toMatchObject({ target: 'daders', kpi: false, direction: null, effect: '-', verdict: 'none' });
    });

    it('reports mixed effects with a dominant sign', async () => {
        const file = modelFile(`kpi k "K" increase
intervention a "A"
factor b "B"
factor c "C"
a -> +b, +c
b -> +k (strength: strong)
c -> -k (strength: weak)
`);
        const json = JSON.parse((await marvel(['trace', file, '--from', 'a', '--format', 'json'])).stdout) as TraceJson;
        expect(json.targets[0]).toMatchObject({ effect: 'mixed', verdict: 'mixed', dominant: '+' });
        expect(json.targets[0].paths.map(p => p.sign)).toEqual(['+', '-']);
    });

    it('sets truncated when --max-length or --max-paths cut paths off', async () => {
        const file = modelFile(`kpi k "K" increase
intervention a "A"
factor b "B"
factor c "C"
a -> +k, +b, +c
b -> +k, +c
c -> +k, +b
`);
        const byLength = JSON.parse((await marvel(['trace', file, '--from', 'a', '--max-length', '1', '--format', 'json'])).stdout) as TraceJson;
        expect(byLength.targets[0]).toMatchObject({ truncated: true, truncatedBy: ['length'] });
        expect(byLength.targets[0].paths).toHaveLength(1);
        const byCount = JSON.parse((await marvel(['trace', file, '--from', 'a', '--max-paths', '2', '--format', 'json'])).stdout) as TraceJson;
        expect(byCount.targets[0].paths.map(p => p.nodes.join(' '))).toEqual(['a k', 'a b k']);
        expect(byCount.targets[0]).toMatchObject({ truncated: true, truncatedBy: ['count'] });
        const all = JSON.parse((await marvel(['trace', file, '--from', 'a', '--format', 'json'])).stdout) as TraceJson;
        expect(all.targets[0].paths).toHaveLength(5);
        expect(all.targets[0].truncated).toBe(false);
    });

    it('prints the same output twice', async () => {
        const file = modelFile(pilot);
        expect((await marvel(['trace', file, '--from', 'pilotGemeente', '--format', 'json'])).stdout)
            .toBe((await marvel(['trace', file, '--from', 'pilotGemeente', '--format', 'json'])).stdout);
    });

    it('suggests close names for an unknown --from or --to', async () => {
        const file = modelFile(pilot);
        expectUsageFailure(await marvel(['trace', file, '--from', 'pakans']), /--from 'pakans' is not a factor of the model; did you mean 'pakkans'\?/);
        expectUsageFailure(await marvel(['trace', file, '--from', 'pilotGemeente', '--to', 'slachtofers']), /did you mean 'slachtoffers'/);
        expectUsageFailure(await marvel(['trace', file, '--from', 'xyz']), /the model's interventions: pilotGemeente/);
    });

    it('fails with exit 2 on bad usage', async () => {
        const file = modelFile(pilot);
        expectUsageFailure(await marvel(['trace', file]), /no factor to trace from/);
        expectUsageFailure(await marvel(['trace', '--from', 'a']), /no model file given/);
        expectUsageFailure(await marvel(['trace', path.join(work, 'missing.marvel'), '--from', 'a']), /cannot read/);
        expectUsageFailure(await marvel(['trace', file, '--from', 'pakkans', '--max-length', '0']), /--max-length/);
        expectUsageFailure(await marvel(['trace', file, '--from', 'pakkans', '--max-paths', 'many']), /--max-paths/);
        expectUsageFailure(await marvel(['trace', file, '--from', 'pakkans', '--format', 'xml']), /--format/);
        expectUsageFailure(await marvel(['trace', file, '--from', 'pakkans', '--depth', '2']), /unknown option '--depth'/);
    });

    it('still traces a model with errors, warns on stderr and exits 1', async () => {
        const file = modelFile(`${pilot}daders -> -slachtoffers\npakkans -> +onbekend\n`);
        const run = await marvel(['trace', file, '--from', 'pilotGemeente', '--format', 'json']);
        expect(run.status).toBe(1);
        expect(run.stderr).toMatch(/^marvel: warning: .*has 3 errors/);
        const json = JSON.parse(run.stdout) as TraceJson;
        // The contradictory relation daders → slachtoffers makes that step unknown.
        expect(json.targets[0]).toMatchObject({ target: 'slachtoffers', effect: '?', verdict: 'unknown' });
    });

    it('is listed in the help', async () => {
        const run = await marvel(['--help']);
        expect(run.stdout).toContain('marvel trace FILE --from ID');
        expect(run.stdout).toContain('marvel loops FILE');
    });
});

describe('marvel loops', () => {
    const file = (): string => modelFile(`factor b "Bravo"
factor a "Alfa"
factor c "Charlie"
b -> +a
a -> +b (speed: low)
c -> -b
b -> +c (delay: 2)
c -> ?a
`);

    it('prints the contract JSON: nodes from the smallest identifier, kinds, delays, stable ids', async () => {
        const run = await marvel(['loops', file(), '--format', 'json']);
        expect(run.status, run.stderr).toBe(0);
        const json = JSON.parse(run.stdout) as LoopsJson;
        expect(json).toMatchObject({
            loops: [
                { id: 'R1', nodes: ['a', 'b'], kind: 'reinforcing', delayed: true },
                { id: 'B1', nodes: ['b', 'c'], kind: 'balancing', delayed: true },
                { id: 'U1', nodes: ['a', 'b', 'c'], kind: 'unknown', delayed: true }
            ],
            truncated: false
        });
        for (const loop of json.loops) {
            expect(Object.keys(loop)).toEqual(['id', 'nodes', 'kind', 'delayed']);
        }
    });

    it('prints one line per loop in text', async () => {
        const run = await marvel(['loops', file()]);
        expect(run.status, run.stderr).toBe(0);
        expect(run.stdout).toContain('3 feedback loops: 1 reinforcing, 1 balancing, 1 unknown; 3 delayed');
        expect(run.stdout).toMatch(/^R1\s+reinforcing, delayed\s+Alfa → \+Bravo → \+Alfa$/m);
    });

    it('caps the count and the length and says so', async () => {
        const capped = JSON.parse((await marvel(['loops', file(), '--max-loops', '1', '--format', 'json'])).stdout) as LoopsJson;
        expect(capped.loops.map(l => l.id)).toEqual(['R1']);
        expect(capped.truncated).toBe(true);
        const short = JSON.parse((await marvel(['loops', file(), '--max-length', '2', '--format', 'json'])).stdout) as LoopsJson;
        expect(short.loops).toHaveLength(2);
        expect(short.truncated).toBe(true);
        expect((await marvel(['loops', file()])).stdout).not.toContain('truncated');
    });

    it('fails with exit 2 on bad usage', async () => {
        expectUsageFailure(await marvel(['loops']), /no model file given/);
        expectUsageFailure(await marvel(['loops', file(), '--max-length', '1']), /--max-length/);
        expectUsageFailure(await marvel(['loops', file(), file()]), /exactly one model file/);
    });
});

/** The seed model must reproduce the memo's findings (Systeemanalyse Mensenhandel, TNO 2018). */
describe('the seed example reproduces the memo', () => {
    async function trace(from: string, to: string): Promise<TraceJson['targets'][number]> {
        const run = await marvel(['trace', seedExample, '--from', from, '--to', to, '--format', 'json']);
        expect(run.status, run.stderr).toBe(0);
        return (JSON.parse(run.stdout) as TraceJson).targets[0];
    }

    it('§2.7, §3.7: a higher pakkans lowers the number of victims', async () => {
        const target = await trace('pakkans', 'slachtoffers');
        expect(target.paths[0].nodes).toEqual(['pakkans', 'aantrekkelijkheidDelict', 'aantalDaders', 'slachtoffers']);
        expect(target.paths[0].sign).toBe('-');
        expect(target.verdict === 'desired' || target.dominant === '-').toBe(true);
        expect(target.dominant).toBe('-');
    });

    it('§4.4: more aangiften raise the pressure on care and through it the victims: undesired', async () => {
        expect(await trace('aantalAangiften', 'drukHulpverlening')).toMatchObject({ dominant: '+' });
        const target = await trace('aantalAangiften', 'slachtoffers');
        const throughCare = target.paths.find(p => p.nodes.join(' ') === 'aantalAangiften drukHulpverlening effectiviteitHulpverlening revictimisatie slachtoffers');
        expect(throughCare?.sign).toBe('+');
        // The shortest paths are this mechanism; the whole effect works both ways ("tweeledige doorwerking").
        expect(target.paths[0].nodes.slice(0, 3)).toEqual(['aantalAangiften', 'drukHulpverlening', 'effectiviteitHulpverlening']);
        expect(target.paths[0].sign).toBe('+');
        const strongest = [...target.paths].sort((a, b) => b.score - a.score)[0];
        expect(strongest.nodes).toContain('drukHulpverlening');
        expect(strongest.sign).toBe('+');
        expect(['undesired', 'mixed']).toContain(target.verdict);
        // Figure 10: the loop through the victims, the reports and the care system reinforces.
        const loops = JSON.parse((await marvel(['loops', seedExample, '--format', 'json'])).stdout) as LoopsJson;
        const loop = loops.loops.find(l => l.nodes.join(' ') === 'aantalAangiften drukHulpverlening effectiviteitHulpverlening revictimisatie slachtoffers');
        expect(loop?.kind).toBe('reinforcing');
        expect(throughCare?.loops).toContain(loop?.id);
    });

    it('§4.1: the pilot mensenhandelvrije gemeente reduces the victims', async () => {
        const target = await trace('pilotGemeente', 'slachtoffers');
        expect(target.dominant).toBe('-');
        expect(['desired', 'mixed']).toContain(target.verdict);
        const strongest = [...target.paths].sort((a, b) => b.score - a.score)[0];
        expect(strongest.sign).toBe('-');
        // Through the criminal justice chain too: pilot → … → pakkans → … → slachtoffers, desired.
        expect(target.paths.some(p => p.nodes.includes('pakkans') && p.sign === '-')).toBe(true);
    });

    it('traces every intervention of the seed within the default bounds', async () => {
        const run = await marvel(['trace', seedExample, '--from', 'pilotGemeente']);
        expect(run.status, run.stderr).toBe(0);
        expect(run.stdout).toContain('Aantal slachtoffers mensenhandel');
    });
});

describe('marvel render', () => {
    const litRelations = (svg: string): number[] =>
        [...svg.matchAll(/<g class="marvel-edge [^"]*trace-lit[^"]*" data-relation="(\d+)"/g)].map(m => Number(m[1])).sort((a, b) => a - b);

    it('writes the seed model as SVG and as PNG, with its legend', async () => {
        const svgFile = path.join(work, 'seed.svg');
        const run = await marvel(['render', seedExample, '-o', svgFile]);
        expect(run.status, run.stderr).toBe(0);
        expect(run.stdout).toMatch(/seed\.svg: \d+ factors, \d+ relations/);
        const svg = readFileSync(svgFile, 'utf8');
        expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
        expect(svg).toContain('class="marvel-legend"');
        expect(svg).not.toContain('trace-lit');
        const pngFile = path.join(work, 'seed.png');
        expect((await marvel(['render', seedExample, '-o', pngFile, '--theme', 'dark'])).status).toBe(0);
        expect(readFileSync(pngFile).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    });

    it('draws a trace with --trace, and only the paths to one KPI with --to', async () => {
        const all = path.join(work, 'pilot.svg');
        expect((await marvel(['render', seedExample, '-o', all, '--trace', 'pilotGemeente'])).status).toBe(0);
        const traced = readFileSync(all, 'utf8');
        const lit = litRelations(traced);
        expect(lit.length).toBeGreaterThan(3);
        expect(traced).toMatch(/<g class="marvel-node [^"]*trace-origin" data-id="pilotGemeente">/);
        expect(traced).toContain('class="marvel-legend marvel-trace-legend"');
        expect(traced).toMatch(/class="marvel-node [^"]*trace-dim"/);

        const one = path.join(work, 'pilot-victims.svg');
        expect((await marvel(['render', seedExample, '-o', one, '--trace', 'pilotGemeente', '--to', 'slachtoffers'])).status).toBe(0);
        const toOne = litRelations(readFileSync(one, 'utf8'));
        expect(toOne.length).toBeGreaterThan(0);
        expect(toOne.length).toBeLessThan(lit.length);
        expect(toOne.every(relation => lit.includes(relation))).toBe(true);
    });

    it('draws only what a trace lights up with --alone, as the memo\'s figure 9 does', async () => {
        const alone = path.join(work, 'pilot-victims-alone.svg');
        const run = await marvel(['render', seedExample, '-o', alone, '--trace', 'pilotGemeente', '--to', 'slachtoffers', '--alone']);
        expect(run.status, run.stderr).toBe(0);
        const svg = readFileSync(alone, 'utf8');
        const nodes = [...svg.matchAll(/<g class="marvel-node ([^"]*)" data-id="([^"]+)"/g)];
        expect(nodes.length).toBeGreaterThan(3);
        expect(nodes.length).toBeLessThan(40);
        expect(nodes.filter(([, classes]) => classes.includes('trace-dim'))).toEqual([]);
        expect(nodes.map(([, , id]) => id)).toEqual(expect.arrayContaining(['pilotGemeente', 'slachtoffers']));
        expect(run.stdout).toMatch(new RegExp(`: ${nodes.length} factors, \\d+ relations`));
        expect(litRelations(svg).length).toBeGreaterThan(0);
    });

    it('refuses a trace or a category it cannot draw with one clear line and exit code 2', async () => {
        const out = path.join(work, 'never.svg');
        for (const [args, message] of [
            [['--to', 'slachtoffers'], /--to needs --trace/],
            [['--alone'], /--alone draws a trace's paths on their own: give --trace ID/],
            [['--trace', 'pilotGemeent'], /--trace 'pilotGemeent' is not a factor of the model; did you mean 'pilotGemeente'/],
            [['--trace', 'pilotGemeente', '--to', 'slachtofers'], /--to 'slachtofers' is not a factor/],
            // A category named by the start of its id, as one would shorten it.
            [['--category', 'strafrecht'], /unknown category 'strafrecht'; did you mean 'strafrechtketen'\?/]
        ] as const) {
            const run = await marvel(['render', seedExample, '-o', out, ...args]);
            expect(run.status, run.stderr).toBe(2);
            expect(run.stderr).toMatch(message);
            expect(run.stderr).not.toMatch(/^\s+at /m);
        }
        expect(existsSync(out)).toBe(false);
    });
});

describe('marvel simulate', () => {
    interface SimulationJson {
        readonly times: number[];
        readonly series: Record<string, number[]>;
        readonly kpis: Record<string, { start: number; end: number; direction: string | null; verdict: string }>;
    }

    it('prints the contract JSON: every factor\'s level at every step, and each KPI\'s start, end and verdict', async () => {
        const run = await marvel(['simulate', seedExample, '--scenario', 'pilot', '--format', 'json']);
        expect(run.status, run.stderr).toBe(0);
        const result = JSON.parse(run.stdout) as SimulationJson;
        expect(result.times).toHaveLength(41);
        expect(result.times.slice(0, 3)).toEqual([0, 0.25, 0.5]);
        expect(Object.keys(result.series)).toContain('pilotGemeente');
        expect(Object.values(result.series).every(values => values.length === 41)).toBe(true);
        // The pilot lowers the number of victims, as tracing says (desired: the KPI should decrease).
        expect(result.kpis.slachtoffers).toMatchObject({ start: 0.5, direction: 'decrease', verdict: 'desired' });
        expect(result.kpis.slachtoffers.end).toBeLessThan(0.5);
        expect(result.series.pilotGemeente.at(-1)).toBeGreaterThan(0.5);
    });

    it('prints CSV by default; without a scenario the model stays at rest', async () => {
        const run = await marvel(['simulate', seedExample, '--horizon', '2', '--step', '0.5']);
        expect(run.status, run.stderr).toBe(0);
        const [header, ...rows] = run.stdout.trimEnd().split('\n');
        expect(header.split(',')[0]).toBe('time');
        expect(rows.map(row => row.split(',')[0])).toEqual(['0', '0.5', '1', '1.5', '2']);
        const columns = header.split(',').length;
        expect(rows.every(row => row.split(',').length === columns)).toBe(true);
        // At rest: every row holds the initial levels.
        const levels = (row: string): string => row.split(',').slice(1).join(',');
        expect(new Set(rows.map(levels)).size).toBe(1);
    });

    it('applies several scenarios together', async () => {
        const one = JSON.parse((await marvel(['simulate', seedExample, '--scenario', 'pilot', '--format', 'json'])).stdout) as SimulationJson;
        const two = JSON.parse((await marvel(['simulate', seedExample, '--scenario', 'pilot', '--scenario', 'regie', '--format', 'json'])).stdout) as SimulationJson;
        expect(two.kpis.slachtoffers.end).not.toBe(one.kpis.slachtoffers.end);
    });

    it('refuses an unknown scenario and impossible steps with one clear line and exit code 2', async () => {
        for (const [args, message] of [
            [['--scenario', 'pilott'], /--scenario 'pilott' is not a scenario of the model; did you mean 'pilot'\?/],
            [['--step', '0'], /option '--step' must be a number above 0/],
            [['--step', 'fast'], /option '--step' must be a number above 0/],
            [['--horizon', '10', '--step', '11'], /at most 10/],
            [['--horizon', '100000', '--step', '0.001'], /more than 100000 steps/],
            [['--delay-order', '0'], /whole number from 1 to 10/]
        ] as const) {
            const run = await marvel(['simulate', seedExample, ...args]);
            expect(run.status, run.stderr).toBe(2);
            expect(run.stderr).toMatch(message);
            expect(run.stdout).toBe('');
            expect(run.stderr).not.toMatch(/^\s+at /m);
        }
    });
});

describe('marvel diff', () => {
    const before = `kpi slachtoffers "Slachtoffers" decrease
intervention pilot "Pilot"
factor pakkans "Pakkans"
pilot -> +pakkans
pakkans -> -slachtoffers
`;
    const after = before.replace('pakkans -> -slachtoffers', 'pakkans -> +slachtoffers');

    const repositories: string[] = [];
    afterAll(() => repositories.forEach(dir => rmSync(dir, { recursive: true, force: true })));

    /** A git repository with `before` committed as model.marvel and `after` in the working tree. */
    function repository(): string {
        const { dir } = gitRepository({ 'model.marvel': before });
        repositories.push(dir);
        writeFileSync(path.join(dir, 'model.marvel'), after);
        return dir;
    }

    it('compares two files: the changed relation, and the effect it turns around', async () => {
        writeFileSync(path.join(work, 'before.marvel'), before);
        writeFileSync(path.join(work, 'after.marvel'), after);
        const run = await marvel(['diff', 'before.marvel', 'after.marvel', '--format', 'json']);
        expect(run.status, run.stderr).toBe(0);
        const diff = JSON.parse(run.stdout) as { relations: { changed: unknown[] }; effects: unknown[]; factors: { added: unknown[] }; loops: { added: unknown[] } };
        expect(diff.relations.changed).toEqual([{ source: 'pakkans', target: 'slachtoffers', changes: [{ field: 'sign', before: '-', after: '+' }] }]);
        expect(diff.effects).toEqual([{ intervention: 'pilot', kpi: 'slachtoffers', before: '-', after: '+', beforeVerdict: 'desired', afterVerdict: 'undesired', beforeDominant: '-', afterDominant: '+', beforeVerdictWords: 'desired', afterVerdictWords: 'undesired' }]);
        expect(diff.factors.added).toEqual([]);
        expect(diff.loops.added).toEqual([]);
        expect((await marvel(['diff', 'before.marvel', 'before.marvel'])).stdout).toBe('No changes between before.marvel and before.marvel.\n');
    });

    it('compares the working file with a git revision of it, as text and as markdown for a pull request', async () => {
        const dir = repository();
        const text = await marvel(['diff', 'HEAD', 'model.marvel'], dir);
        expect(text.status, text.stderr).toBe(0);
        expect(text.stdout).toContain('Relations: 0 added, 0 removed, 1 changed\n  ~ pakkans -> slachtoffers: sign \'-\' → \'+\'');
        expect(text.stdout).toContain("  ~ pilot 'Pilot' on slachtoffers 'Slachtoffers': desired → undesired (effect - → +)");
        const markdown = (await marvel(['diff', 'HEAD', 'model.marvel', '--format', 'markdown'], dir)).stdout;
        expect(markdown.split('\n')[0]).toBe('**Model change: 1 sign flipped, 1 verdict changed** (`HEAD:model.marvel` → `model.marvel`)');
        expect(markdown).toContain('```mermaid\nflowchart LR\n');
        expect(markdown).toContain('#### Effects (1 changed)');
        expect(markdown).not.toContain('#### Factors');
    });

    it('refuses what is neither a file nor a git revision, with one clear line and exit code 2', async () => {
        const dir = repository();
        for (const [args, message] of [
            [['diff', 'nosuchrev', 'model.marvel'], /'nosuchrev' is neither a file nor a known git revision/],
            [['diff', 'HEAD', 'model.marvel', 'extra.marvel'], /give the old and the new model/],
            [['diff', 'HEAD', 'model.marvel', '--format', 'html'], /--format/]
        ] as const) {
            const run = await marvel([...args], dir);
            expect(run.status, run.stderr).toBe(2);
            expect(run.stderr).toMatch(message);
            expect(run.stderr).not.toMatch(/^\s+at /m);
        }
        writeFileSync(path.join(dir, 'new.marvel'), before);
        expect((await marvel(['diff', 'HEAD', 'new.marvel'], dir)).stderr).toMatch(/'new\.marvel' does not exist in HEAD/);
    });
});
