import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { exampleFiles, repositoryRoot } from './support/example-files.js';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliRun } from './support/marvel-cli.js';
import { runMarvel } from './support/marvel-cli.js';

const projectRoot = fileURLToPath(new URL('..', import.meta.url)).replace(/[\\/]$/, '');

/** `path:line:col: severity code: message` */
const textLine = /^(.+):(\d+):(\d+): (error|warning|info|hint) ([a-z]+(?:-[a-z]+)*): (.+)$/;

interface JsonDiagnostic {
    readonly file: string;
    readonly line: number;
    readonly column: number;
    readonly severity: string;
    readonly code: string;
    readonly message: string;
}

let work: string;

beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'marvel-cli-test-'));
});

afterAll(() => {
    if (work) {
        rmSync(work, { recursive: true, force: true });
    }
});

function marvel(args: readonly string[], cwd: string = work): Promise<CliRun> {
    return runMarvel(args, cwd);
}

/** Writes files (text or bytes) below a fresh directory of `work` and returns that directory. */
let dirCounter = 0;
function project(files: Readonly<Record<string, string | Buffer>>): string {
    const dir = path.join(work, `p${++dirCounter}`);
    for (const [name, content] of Object.entries(files)) {
        const file = path.join(dir, name);
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, content);
    }
    mkdirSync(dir, { recursive: true });
    return dir;
}

function lines(text: string): string[] {
    return text.split('\n').filter(line => line.length > 0);
}

/** The diagnostics of `check`'s text output: every line but the summary that ends it (tested in test/hostile-input.test.ts). */
function diagnosticLines(stdout: string): string[] {
    return lines(stdout).filter(line => !/^\d+ errors?, \d+ warnings?, \d+ infos?/.test(line));
}

/** The `path:line:col: severity code` part of every text line. */
function heads(stdout: string): string[] {
    return diagnosticLines(stdout).map(line => {
        const match = textLine.exec(line);
        if (!match) {
            throw new Error(`not a diagnostic line: ${line}`);
        }
        return `${match[1]}:${match[2]}:${match[3]}: ${match[4]} ${match[5]}`;
    });
}

function parseJson(stdout: string): { diagnostics: JsonDiagnostic[] } {
    return JSON.parse(stdout) as { diagnostics: JsonDiagnostic[] };
}

/** Bad input: exit 2, one line on stderr that starts with `marvel:`, nothing on stdout, no stack trace. */
function expectUsageFailure(run: CliRun, mentions?: string | RegExp): void {
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.stdout).not.toMatch(/^\s+at /m);
    expect(run.status, `stderr: ${run.stderr}`).toBe(2);
    expect(lines(run.stderr), run.stderr).toHaveLength(1);
    expect(run.stderr).toMatch(/^marvel: /);
    expect(run.stdout).toBe('');
    if (mentions !== undefined) {
        expect(run.stderr).toMatch(mentions);
    }
}

const clean = `model schoon "Schoon model"
kpi slachtoffers "Aantal slachtoffers" decrease
intervention voorlichting "Voorlichting"
factor bewustzijn "Bewustzijn"
voorlichting -> +bewustzijn
bewustzijn -> -slachtoffers
`;

const cleanWithoutHeader = clean.replace(/^model .*\n/, '');

/** Only warnings: an unconnected factor and an empty category. */
const warningsOnly = `kpi slachtoffers "Aantal slachtoffers" decrease
intervention voorlichting "Voorlichting"
voorlichting -> -slachtoffers
factor los "Losse factor"
category leeg "Lege categorie"
`;

/** Errors and warnings at known places. */
const broken = `factor a "Alpha"
factor a "Alpha twee"
factor b "Beta"
a -> +b
a -> -b
factor los "Losse factor"
b -> +onbekend
`;

describe('marvel check: text format', () => {
    it('prints one `path:line:col: severity code: message` line per diagnostic, sorted by position', async () => {
        const dir = project({ 'model.marvel': broken });
        const run = await marvel(['check', 'model.marvel'], dir);
        expect(heads(run.stdout)).toEqual([
            'model.marvel:1:8: error duplicate-name',
            'model.marvel:2:8: error duplicate-name',
            'model.marvel:4:6: error contradictory-relation',
            'model.marvel:5:6: error contradictory-relation',
            'model.marvel:6:8: warning unconnected-factor',
            'model.marvel:7:7: error unresolved-reference'
        ]);
        expect(run.stdout.endsWith('\n')).toBe(true);
        expect(run.stderr).toBe('');
    });

    it('names factors by label in the message', async () => {
        const dir = project({ 'model.marvel': broken });
        const run = await marvel(['check', 'model.marvel'], dir);
        const contradictory = lines(run.stdout).find(line => line.includes('contradictory-relation'));
        expect(contradictory).toContain(`'Alpha'`);
        expect(contradictory).toContain(`'Beta'`);
        const unconnected = lines(run.stdout).find(line => line.includes('unconnected-factor'));
        expect(unconnected).toContain(`'Losse factor'`);
    });

    it('prints the path as given on the command line', async () => {
        const dir = project({ 'sub/model.marvel': broken });
        const relative = await marvel(['check', path.join('sub', 'model.marvel')], dir);
        expect(diagnosticLines(relative.stdout).every(line => line.startsWith(`${path.join('sub', 'model.marvel')}:`))).toBe(true);
        const dotted = await marvel(['check', `.${path.sep}sub${path.sep}model.marvel`], dir);
        expect(diagnosticLines(dotted.stdout).length).toBeGreaterThan(0);
        expect(diagnosticLines(dotted.stdout).every(line => /^(\.\/)?sub\/model\.marvel:/.test(line))).toBe(true);
    });

    it('prints nothing and exits 0 for a clean model', async () => {
        const dir = project({ 'model.marvel': clean });
        const run = await marvel(['check', 'model.marvel'], dir);
        expect(run).toEqual({ status: 0, stdout: '', stderr: '' });
    });

    it('reports diagnostics of an imported file under that file\'s path', async () => {
        const dir = project({
            'main.marvel': `import "./parts/deel.marvel"\nkpi k "KPI" increase\nintervention i "I"\ni -> +d\nd -> +k\n`,
            'parts/deel.marvel': `factor d "Deel"\nfactor los "Los in deel"\n`
        });
        const run = await marvel(['check', 'main.marvel'], dir);
        expect(heads(run.stdout)).toEqual([`${path.join('parts', 'deel.marvel')}:2:8: warning unconnected-factor`]);
        expect(run.status).toBe(0);
    });

    it('counts line and column in characters on files with a byte-order mark, CRLF line ends and non-ASCII text', async () => {
        const text = '\uFEFFfactor één "Eén"\r\nfactor ä "Ä"\r\nfactor los "Los"\r\néén -> +ä\r\n';
        const dir = project({ 'model.marvel': text });
        const run = await marvel(['check', 'model.marvel'], dir);
        expect(heads(run.stdout)).toEqual(['model.marvel:3:8: warning unconnected-factor']);
    });

    it('gives columns in characters after non-ASCII text on the same line', async () => {
        const dir = project({ 'model.marvel': `factor één "Eén"\néén -> +ontbreekt\n` });
        const run = await marvel(['check', 'model.marvel'], dir);
        expect(heads(run.stdout)).toContain('model.marvel:2:9: error unresolved-reference');
    });
});

describe('marvel check: JSON format', () => {
    it('prints {"diagnostics":[…]} with exactly the contract fields', async () => {
        const dir = project({ 'model.marvel': broken });
        const run = await marvel(['check', 'model.marvel', '--format', 'json'], dir);
        expect(run.status).toBe(1);
        const parsed = JSON.parse(run.stdout) as Record<string, unknown>;
        expect(Object.keys(parsed)).toEqual(['diagnostics']);
        const { diagnostics } = parseJson(run.stdout);
        expect(diagnostics.length).toBe(6);
        for (const diagnostic of diagnostics) {
            expect(Object.keys(diagnostic).sort()).toEqual(['code', 'column', 'file', 'line', 'message', 'severity']);
            expect(typeof diagnostic.file).toBe('string');
            expect(Number.isInteger(diagnostic.line) && diagnostic.line >= 1).toBe(true);
            expect(Number.isInteger(diagnostic.column) && diagnostic.column >= 1).toBe(true);
            expect(['error', 'warning', 'info', 'hint']).toContain(diagnostic.severity);
            expect(diagnostic.code).toMatch(/^[a-z]+(-[a-z]+)*$/);
            expect(diagnostic.message.length).toBeGreaterThan(0);
        }
        expect(diagnostics[0]).toMatchObject({ file: 'model.marvel', line: 1, column: 8, severity: 'error', code: 'duplicate-name' });
    });

    it('holds the same diagnostics as the text format', async () => {
        const dir = project({ 'model.marvel': broken });
        const text = await marvel(['check', 'model.marvel'], dir);
        const json = await marvel(['check', '--format=json', 'model.marvel'], dir);
        const fromJson = parseJson(json.stdout).diagnostics.map(d => `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}`);
        expect(fromJson).toEqual(diagnosticLines(text.stdout));
        expect(json.status).toBe(text.status);
    });

    it('prints an empty list for a clean model', async () => {
        const dir = project({ 'model.marvel': clean });
        const run = await marvel(['check', 'model.marvel', '--format', 'json'], dir);
        expect(run.status).toBe(0);
        expect(parseJson(run.stdout)).toEqual({ diagnostics: [] });
    });

    it('accepts `--format text` explicitly', async () => {
        const dir = project({ 'model.marvel': broken });
        expect((await marvel(['check', 'model.marvel', '--format', 'text'], dir)).stdout).toBe((await marvel(['check', 'model.marvel'], dir)).stdout);
    });
});

describe('marvel check: exit codes', () => {
    it('exits 0 for a clean model', async () => {
        const dir = project({ 'model.marvel': clean });
        expect((await marvel(['check', 'model.marvel'], dir)).status).toBe(0);
    });

    it('exits 0 for a model with only warnings', async () => {
        const dir = project({ 'model.marvel': warningsOnly });
        const run = await marvel(['check', 'model.marvel'], dir);
        expect(heads(run.stdout).every(head => head.includes(' warning '))).toBe(true);
        expect(lines(run.stdout).length).toBeGreaterThan(0);
        expect(run.status).toBe(0);
    });

    it('exits 1 for a model with errors', async () => {
        const dir = project({ 'model.marvel': broken });
        expect((await marvel(['check', 'model.marvel'], dir)).status).toBe(1);
    });

    it('exits 1 for a syntax error', async () => {
        const dir = project({ 'model.marvel': `factor a "A" %\n` });
        const run = await marvel(['check', 'model.marvel'], dir);
        expect(heads(run.stdout)).toEqual(['model.marvel:1:14: error syntax']);
        expect(run.status).toBe(1);
    });

    it('exits 1 with --strict for a model with only warnings', async () => {
        const dir = project({ 'model.marvel': warningsOnly });
        const run = await marvel(['check', '--strict', 'model.marvel'], dir);
        expect(run.status).toBe(1);
        expect(run.stdout).toBe((await marvel(['check', 'model.marvel'], dir)).stdout);
    });

    it('exits 0 with --strict for a clean model', async () => {
        const dir = project({ 'model.marvel': clean });
        expect((await marvel(['check', 'model.marvel', '--strict'], dir)).status).toBe(0);
    });

    it('exits 1 when an import is missing', async () => {
        const dir = project({ 'model.marvel': `import "./weg.marvel"\n${cleanWithoutHeader}` });
        const run = await marvel(['check', 'model.marvel'], dir);
        expect(heads(run.stdout)).toEqual(['model.marvel:1:8: error import-not-found']);
        expect(run.status).toBe(1);
    });
});

describe('marvel check: several files and directories', () => {
    it('checks several files and reports each under its own path', async () => {
        const dir = project({ 'a.marvel': broken, 'b.marvel': warningsOnly, 'c.marvel': clean });
        const run = await marvel(['check', 'b.marvel', 'a.marvel', 'c.marvel'], dir);
        const files = new Set(heads(run.stdout).map(head => head.split(':')[0]));
        expect([...files].sort()).toEqual(['a.marvel', 'b.marvel']);
        expect(run.status).toBe(1);
    });

    it('exits 0 for several files without errors and 1 with --strict when one has warnings', async () => {
        const dir = project({ 'b.marvel': warningsOnly, 'c.marvel': clean });
        expect((await marvel(['check', 'b.marvel', 'c.marvel'], dir)).status).toBe(0);
        expect((await marvel(['check', 'b.marvel', 'c.marvel', '--strict'], dir)).status).toBe(1);
    });

    it('does not mix up names of unrelated files given together', async () => {
        const dir = project({
            'a.marvel': `kpi k "K" increase\nintervention i "I"\ni -> +k\n`,
            'b.marvel': `kpi k "Andere K" decrease\nintervention j "J"\nj -> -k\n`
        });
        const run = await marvel(['check', 'a.marvel', 'b.marvel'], dir);
        expect(run).toEqual({ status: 0, stdout: '', stderr: '' });
    });

    it('reports a file once when it is both given and imported', async () => {
        const dir = project({
            'main.marvel': `import "./deel.marvel"\nfactor a "A"\na -> +d\n`,
            'deel.marvel': `factor d "D"\nfactor los "Los"\n`
        });
        const run = await marvel(['check', 'main.marvel', 'deel.marvel'], dir);
        expect(heads(run.stdout)).toEqual(['deel.marvel:2:8: warning unconnected-factor']);
    });

    it('checks every .marvel file below a directory, recursively, and nothing else', async () => {
        const dir = project({
            'models/a.marvel': broken,
            'models/sub/b.marvel': warningsOnly,
            'models/notes.txt': 'factor x "not a model" %',
            'models/.hidden/c.marvel': 'factor c "C" %'
        });
        const run = await marvel(['check', 'models'], dir);
        const files = [...new Set(heads(run.stdout).map(head => head.split(':')[0]))].sort();
        expect(files).toEqual([path.join('models', 'a.marvel'), path.join('models', 'sub', 'b.marvel')]);
        expect(run.status).toBe(1);
    });

    it('reports an imported file of a directory once', async () => {
        const dir = project({
            'm/main.marvel': `import "./deel.marvel"\nfactor a "A"\na -> +d\n`,
            'm/deel.marvel': `factor d "D"\nfactor los "Los"\n`
        });
        const run = await marvel(['check', 'm'], dir);
        expect(heads(run.stdout)).toEqual([`${path.join('m', 'deel.marvel')}:2:8: warning unconnected-factor`]);
        expect(run.status).toBe(0);
    });

    it('accepts `.` as the current directory', async () => {
        const dir = project({ 'model.marvel': clean });
        expect(await marvel(['check', '.'], dir)).toEqual({ status: 0, stdout: '', stderr: '' });
    });
});

describe('marvel check: bad input', () => {
    it('a missing file: one line on stderr naming it, exit 2', async () => {
        const dir = project({});
        expectUsageFailure(await marvel(['check', 'bestaat-niet.marvel'], dir), /bestaat-niet\.marvel/);
    });

    it('a missing file among good ones: exit 2', async () => {
        const dir = project({ 'model.marvel': clean });
        expectUsageFailure(await marvel(['check', 'model.marvel', 'weg.marvel'], dir), /weg\.marvel/);
    });

    it('a directory without .marvel files: one line on stderr, exit 2', async () => {
        const dir = project({ 'leeg/readme.txt': 'nothing here' });
        expectUsageFailure(await marvel(['check', 'leeg'], dir), /leeg/);
    });

    it('a binary file: one line on stderr, exit 2', async () => {
        const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
        const dir = project({ 'plaatje.marvel': bytes });
        expectUsageFailure(await marvel(['check', 'plaatje.marvel'], dir), /plaatje\.marvel/);
    });

    it('non-UTF-8 bytes: one line on stderr, exit 2', async () => {
        const latin1 = Buffer.from('factor caf\xe9 "Caf\xe9"\n', 'latin1');
        const dir = project({ 'latin1.marvel': latin1 });
        expectUsageFailure(await marvel(['check', 'latin1.marvel'], dir), /UTF-8/);
    });

    it('an empty file: no output, exit 0', async () => {
        const dir = project({ 'leeg.marvel': '' });
        expect(await marvel(['check', 'leeg.marvel'], dir)).toEqual({ status: 0, stdout: '', stderr: '' });
    });

    it('a file of only whitespace and comments: no output, exit 0', async () => {
        const dir = project({ 'leeg.marvel': '\n  // nog niets\n/* later */\n\n' });
        expect(await marvel(['check', 'leeg.marvel'], dir)).toEqual({ status: 0, stdout: '', stderr: '' });
    });

    it('prints a command\'s usage for COMMAND --help and help COMMAND, exit 0', async () => {
        for (const argv of [['render', '--help'], ['render', 'model.marvel', '-h'], ['help', 'render']]) {
            const run = await marvel(argv);
            expect(run.status, argv.join(' ')).toBe(0);
            expect(run.stdout).toMatch(/^usage: marvel render FILE -o OUT\.svg\|OUT\.png/);
            expect(run.stderr).toBe('');
        }
    });

    it('an unknown option: one line on stderr naming it, exit 2', async () => {
        const dir = project({ 'model.marvel': clean });
        expectUsageFailure(await marvel(['check', 'model.marvel', '--bogus'], dir), /--bogus/);
    });

    it('an unknown --format value: one line on stderr, exit 2', async () => {
        const dir = project({ 'model.marvel': clean });
        expectUsageFailure(await marvel(['check', 'model.marvel', '--format', 'xml'], dir), /xml/);
    });

    it('--format without a value: one line on stderr, exit 2', async () => {
        const dir = project({ 'model.marvel': clean });
        expectUsageFailure(await marvel(['check', 'model.marvel', '--format'], dir), /format/);
    });

    it('an unknown command: one line on stderr naming it, exit 2', async () => {
        const dir = project({ 'model.marvel': clean });
        expectUsageFailure(await marvel(['frobnicate', 'model.marvel'], dir), /frobnicate/);
    });

    it('no arguments at all: one line on stderr, exit 2', async () => {
        expectUsageFailure(await marvel([]));
    });

    it('`check` without files: one line on stderr, exit 2', async () => {
        expectUsageFailure(await marvel(['check']));
    });

    it('a directory named like a model file: one line on stderr, exit 2', async () => {
        const dir = project({ 'map.marvel/readme.txt': 'x' });
        expectUsageFailure(await marvel(['check', 'map.marvel'], dir));
    });

    it('an import of a binary file is an import-not-found diagnostic, not a crash', async () => {
        const dir = project({
            'model.marvel': `import "./plaatje.marvel"\n${cleanWithoutHeader}`,
            'plaatje.marvel': Buffer.from([0x00, 0x01, 0x02, 0xff])
        });
        const run = await marvel(['check', 'model.marvel'], dir);
        expect(run.stderr).not.toMatch(/^\s+at /m);
        expect(heads(run.stdout)).toEqual(['model.marvel:1:8: error import-not-found']);
        expect(run.status).toBe(1);
    });

    it('a deeply broken file still gives diagnostics, not a crash', async () => {
        const garbage = Array.from({ length: 200 }, (_, i) => `) ( -> ${i} :: "unterminated\n{{{ }}} , , ->`).join('\n');
        const dir = project({ 'rommel.marvel': garbage });
        const run = await marvel(['check', 'rommel.marvel'], dir);
        expect(run.stderr).toBe('');
        expect(run.status).toBe(1);
        expect(heads(run.stdout).length).toBeGreaterThan(0);
    });
});

describe('marvel --help and --version', () => {
    it('--help prints usage on stdout and exits 0', async () => {
        const run = await marvel(['--help']);
        expect(run.status).toBe(0);
        expect(run.stdout).toContain('marvel check');
        expect(run.stderr).toBe('');
    });

    it('--version prints the package version and exits 0', async () => {
        const { version } = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string };
        const run = await marvel(['--version']);
        expect(run.status).toBe(0);
        expect(run.stdout.trim()).toBe(version);
    });
});

/** Example files that no other example imports: the models a user would open. */
function exampleRoots(): string[] {
    const files = exampleFiles().map(file => path.join(repositoryRoot, file));
    const imported = new Set<string>();
    for (const file of files) {
        const text = readFileSync(file, 'utf8');
        for (const match of text.matchAll(/^\s*import\s+"([^"]+)"/gm)) {
            const target = path.resolve(path.dirname(file), match[1]);
            if (target !== file) {
                imported.add(target);
            }
        }
    }
    const roots = files.filter(file => !imported.has(file));
    // A directory whose files all import each other in a cycle still has to be checked.
    return roots.length > 0 || files.length === 0 ? roots : files;
}

describe('examples/', () => {
    const roots = exampleRoots();

    it('holds at least one example model', () => {
        expect(roots.length).toBeGreaterThan(0);
    });

    for (const root of roots) {
        const shown = path.relative(projectRoot, root);
        it(`${shown} checks with exit 0 and no error lines`, async () => {
            const run = await marvel(['check', shown], projectRoot);
            expect(run.stderr).toBe('');
            const errors = lines(run.stdout).filter(line => textLine.exec(line)?.[4] === 'error');
            expect(errors).toEqual([]);
            expect(run.status).toBe(0);
        });
    }
});
