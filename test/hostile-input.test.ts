/**
 * Hostile and odd input at the command line (issue 9): files that are no regular files,
 * huge files, model text that tries to act on the terminal, invalid values, odd names and
 * symbolic links. A file that could hang the reader (a FIFO, a device) is tested on the `marvel`
 * process, with a timeout, so that a hang fails the test instead of blocking it.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, readFileSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliRun } from './support/marvel-cli.js';
import { cliWorkspace, runMarvel, runMarvelProcess, writeFiles } from './support/marvel-cli.js';

let work: { directory: string; dispose(): void };
let projects = 0;

beforeAll(() => {
    work = cliWorkspace();
});

afterAll(() => work.dispose());

function project(files: Readonly<Record<string, string | Buffer>> = {}): string {
    return writeFiles(path.join(work.directory, `p${++projects}`), files);
}

function marvel(args: readonly string[], cwd: string): Promise<CliRun> {
    return runMarvel(args, cwd);
}

/** A hang must fail fast: these runs get far less time than a normal one. */
function marvelProcess(args: readonly string[], cwd: string): CliRun {
    return runMarvelProcess(args, cwd, 20_000);
}

function expectRefused(run: CliRun, reason: RegExp): void {
    expect(run.status, `stderr: ${run.stderr}`).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^marvel: cannot read '/);
    expect(run.stderr).toMatch(reason);
    expect(run.stderr).not.toMatch(/^\s+at /m);
}

const twoFactors = 'factor a "A"\nfactor b "B"\na -> +b\n';

describe('10: only regular files of at most 64 MB are read', () => {
    it('refuses a FIFO at once instead of waiting for a writer', () => {
        const dir = project();
        execFileSync('mkfifo', [path.join(dir, 'pipe.marvel')]);
        expectRefused(marvelProcess(['check', 'pipe.marvel'], dir), /not a regular file/);
    });

    it('refuses /dev/zero and /dev/urandom instead of reading without end', () => {
        const dir = project();
        expectRefused(marvelProcess(['check', '/dev/zero'], dir), /not a regular file/);
        expectRefused(marvelProcess(['trace', '/dev/urandom', '--from', 'a'], dir), /not a regular file/);
    });

    it('refuses a FIFO found in a directory', () => {
        const dir = project({ 'models/a.marvel': twoFactors });
        execFileSync('mkfifo', [path.join(dir, 'models', 'pipe.marvel')]);
        expectRefused(marvelProcess(['check', 'models'], dir), /pipe\.marvel.*not a regular file/);
    });

    it('refuses a file above the size limit, naming the limit', async () => {
        const dir = project({ 'big.marvel': twoFactors });
        truncateSync(path.join(dir, 'big.marvel'), 65 * 1024 * 1024);
        expectRefused(await marvel(['check', 'big.marvel'], dir), /65 MB; MARVEL reads model files of at most 64 MB/);
    });

    it('reports an import of a FIFO (with the reason) or of a link to /dev/zero (not a .marvel file) as import-not-found, without hanging', () => {
        const dir = project({ 'model.marvel': `import "./pipe.marvel"\nimport "./zero.marvel"\n${twoFactors}` });
        execFileSync('mkfifo', [path.join(dir, 'pipe.marvel')]);
        symlinkSync('/dev/zero', path.join(dir, 'zero.marvel'));
        const run = marvelProcess(['check', 'model.marvel', '--format', 'json'], dir);
        expect(run.status).toBe(1);
        const diagnostics = (JSON.parse(run.stdout) as { diagnostics: Array<{ code: string; line: number; message: string }> }).diagnostics;
        expect(diagnostics.map(d => `${d.line} ${d.code}`)).toEqual(['1 import-not-found', '2 import-not-found']);
        expect(diagnostics[0].message).toBe("Cannot read the imported file './pipe.marvel': it is not a regular file (a pipe, device or socket).");
    });
});

describe('12: model text cannot forge output or act on the terminal', () => {
    const forged = 'factor a "A\\nforge.marvel:9:9: info forged: ring\u0007 \u001b[31mred\u001b[0m \u202eevil"\nfactor b "B"\n';

    it('escapes line breaks, escape sequences and bells in text output', async () => {
        const dir = project({ 'forge.marvel': forged });
        const run = await marvel(['check', 'forge.marvel'], dir);
        expect(run.stdout).not.toMatch(/[\u0007\u001b\u202e]/);
        const lines = run.stdout.trimEnd().split('\n');
        expect(lines.some(line => line.startsWith('forge.marvel:9:9'))).toBe(false);
        expect(lines.slice(0, -1).every(line => /^forge\.marvel:[12]:8: warning unconnected-factor: /.test(line))).toBe(true);
        expect(lines[0]).toContain('A\\nforge.marvel:9:9: info forged: ring\\u0007 \\u001b[31mred\\u001b[0m \\u202eevil');
    });

    it('keeps a label with a line break on its line in trace, loops and diff text', async () => {
        const model = 'intervention a "A\\nFORGED line"\nfactor b "B"\nkpi k "K" decrease\na -> +b\nb -> +k, +a\n';
        const dir = project({ 'model.marvel': model, 'old.marvel': twoFactors });
        for (const args of [['trace', 'model.marvel', '--from', 'a'], ['loops', 'model.marvel'], ['diff', 'old.marvel', 'model.marvel']]) {
            const run = await marvel(args, dir);
            expect(run.stdout, args.join(' ')).toContain('A\\nFORGED line');
            expect(run.stdout.split('\n').some(line => line.startsWith('FORGED')), args.join(' ')).toBe(false);
        }
    });

    it('keeps JSON valid and the text in it exact', async () => {
        const dir = project({ 'forge.marvel': forged });
        const run = await marvel(['check', 'forge.marvel', '--format', 'json'], dir);
        const [first] = (JSON.parse(run.stdout) as { diagnostics: Array<{ message: string }> }).diagnostics;
        expect(first.message).toContain('A\nforge.marvel:9:9: info forged: ring\u0007 \u001b[31mred\u001b[0m \u202eevil');
        expect(run.stdout).not.toMatch(/[\u0007\u001b\u202e]/);
    });

    it('keeps markdown free of control characters', async () => {
        const dir = project({ 'old.marvel': twoFactors, 'new.marvel': `${twoFactors}${forged.replace('factor a', 'factor c').replace('factor b "B"', 'c -> +a')}` });
        const run = await marvel(['diff', 'old.marvel', 'new.marvel', '--format', 'markdown'], dir);
        expect(run.status).toBe(0);
        // Markdown escapes the backslash, so that the comment shows `\u0007`.
        expect(run.stdout).toContain('ring\\\\u0007');
        expect(run.stdout).not.toMatch(/[\u0007\u001b\u202e]/);
    });
});

describe('13: one exit-code rule; an invalid value never reaches output', () => {
    const withErrors = `category c "C" color "url(http://example.com/x)" {\n  factor a "A"\n}\nfactor b "B"\na -> +b\nb -> +onbekend\n`;

    it('render exits 1 with a warning on a model with errors, as every command does', async () => {
        const dir = project({ 'model.marvel': withErrors });
        const run = await marvel(['render', 'model.marvel', '-o', 'out.svg'], dir);
        expect(run.status).toBe(1);
        expect(run.stderr).toMatch(/^marvel: warning: model\.marvel has 2 errors/);
        expect(run.stdout).toMatch(/^out\.svg: 2 factors/);
    });

    it('writes no colour flagged invalid-color into the SVG', async () => {
        const dir = project({ 'model.marvel': withErrors });
        const check = await marvel(['check', 'model.marvel'], dir);
        expect(check.stdout).toMatch(/model\.marvel:1:\d+: error invalid-color/);
        await marvel(['render', 'model.marvel', '-o', 'out.svg'], dir);
        const svg = readFileSync(path.join(dir, 'out.svg'), 'utf8');
        expect(svg).not.toContain('url(http');
        expect(svg).not.toContain('example.com');
    });
});

describe('14: a file not named .marvel is MARVEL text', () => {
    it('checks, traces and formats m.txt as it does m.marvel', async () => {
        const model = 'intervention a "A"\nkpi k "K" decrease\na -> +k\nfactor los "Los"\n';
        const dir = project({ 'm.txt': model, 'm.marvel': model });
        const asText = await marvel(['check', 'm.txt'], dir);
        const asMarvel = await marvel(['check', 'm.marvel'], dir);
        expect(asText.status).toBe(0);
        expect(asText.stderr).toBe('');
        expect(asText.stdout).toBe(asMarvel.stdout.replaceAll('m.marvel', 'm.txt'));
        expect((await marvel(['trace', 'm.txt', '--from', 'a'], dir)).stdout).toBe((await marvel(['trace', 'm.marvel', '--from', 'a'], dir)).stdout);
        expect((await marvel(['format', '--check', 'm.txt'], dir)).status).toBe(0);
    });
});

describe('15: symbolic links resolve to real files, one document per file', () => {
    const a = 'import "./b.marvel"\nfactor a "A"\na -> +b\n';
    const b = 'import "./a.marvel"\nfactor b "B"\nb -> +a\n';

    it('two files that import each other, one named through a link, give no duplicate names', async () => {
        const dir = project({ 'a.marvel': a, 'b.marvel': b });
        symlinkSync('b.marvel', path.join(dir, 'link.marvel'));
        expect(await marvel(['check', 'a.marvel', 'link.marvel'], dir)).toEqual({ status: 0, stdout: '', stderr: '' });
    });

    it('finds .marvel files that are links in a directory', async () => {
        const dir = project({ 'real/a.marvel': a, 'real/b.marvel': b });
        symlinkSync(path.join(dir, 'real', 'a.marvel'), path.join(writeFiles(path.join(dir, 'linked'), {}), 'a.marvel'));
        const run = await marvel(['check', 'linked'], dir);
        expect(run.status).toBe(0);
        expect(run.stderr).toBe('');
    });

    it('does not follow a link named .marvel to another kind of file in a directory', async () => {
        const dir = project({ 'secret.txt': 'password = hunter2\n', 'models/a.marvel': twoFactors });
        symlinkSync(path.join(dir, 'secret.txt'), path.join(dir, 'models', 'evil.marvel'));
        expect(await marvel(['check', 'models'], dir)).toEqual({ status: 0, stdout: '', stderr: '' });
    });

    it('does not read a file whose real name is not .marvel through a link, nor echo its lines', async () => {
        const dir = project({ 'secret.txt': 'password = hunter2\n', 'model.marvel': `import "./evil.marvel"\n${twoFactors}` });
        symlinkSync(path.join(dir, 'secret.txt'), path.join(dir, 'evil.marvel'));
        const run = await marvel(['check', 'model.marvel'], dir);
        expect(run.stdout).toMatch(/^model\.marvel:1:8: error import-not-found/);
        expect(run.stdout).not.toContain('hunter2');
    });
});

describe('16: numbers that overflow are invalid-attribute errors', () => {
    it('flags initial 1e309, strength 1e309 and a target of -1e309, and the analysis never sees them', async () => {
        const model = 'intervention a "A" initial 1e309\nkpi k "K" decrease\na -> +k (strength: 1e309)\nscenario s { set a to -1e309 }\n';
        const dir = project({ 'model.marvel': model });
        const run = await marvel(['check', 'model.marvel', '--format', 'json'], dir);
        expect(run.status).toBe(1);
        const found = (JSON.parse(run.stdout) as { diagnostics: Array<{ line: number; code: string }> }).diagnostics
            .filter(d => d.code === 'invalid-attribute').map(d => d.line);
        expect(found).toEqual([1, 3, 4]);
        const trace = await marvel(['trace', 'model.marvel', '--from', 'a', '--format', 'json'], dir);
        expect(trace.stdout).not.toContain('null');
        const simulate = await marvel(['simulate', 'model.marvel'], dir);
        expect(simulate.stderr).not.toMatch(/run away/);
    });
});

describe('13 and 16: a value flagged invalid never reaches an analysis', () => {
    it('traces a model with a negative strength and a zero adjustment time as if they were not written', async () => {
        const flagged = 'intervention a "A"\nkpi k "K" decrease\na -> +k (strength: -5, delay: -1)\nscenario s { set a to 1 over 0 }\n';
        const plain = 'intervention a "A"\nkpi k "K" decrease\na -> +k\nscenario s { set a to 1 }\n';
        const dir = project({ 'flagged.marvel': flagged, 'plain.marvel': plain });
        const traced = async (file: string): Promise<string> => (await marvel(['trace', file, '--from', 'a', '--format', 'json'], dir)).stdout;
        expect(await traced('flagged.marvel')).toBe(await traced('plain.marvel'));
        const simulated = async (file: string): Promise<string> => (await marvel(['simulate', file, '--scenario', 's'], dir)).stdout;
        expect(await simulated('flagged.marvel')).toBe(await simulated('plain.marvel'));
    });
});

describe('17: format keeps the byte order mark and the line endings', () => {
    it('rewrites a CRLF file with a BOM keeping both', async () => {
        const dir = project({ 'bom.marvel': '\uFEFFfactor   a "A"\r\nfactor b "B"\r\na -> +b\r\n' });
        const run = await marvel(['format', 'bom.marvel'], dir);
        expect(run.stdout).toBe('bom.marvel: formatted\n');
        const bytes = readFileSync(path.join(dir, 'bom.marvel'));
        expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        expect(bytes.subarray(3).toString('utf8')).toBe('factor a "A"\r\nfactor b "B"\r\na -> +b\r\n');
        expect((await marvel(['format', '--check', 'bom.marvel'], dir)).status).toBe(0);
    });

    it('keeps the permissions of a model, and a linked model stays a link to the file rewritten', async () => {
        const dir = project({ 'shared/real.marvel': 'factor   a "A"\n' });
        chmodSync(path.join(dir, 'shared/real.marvel'), 0o640);
        symlinkSync('shared/real.marvel', path.join(dir, 'linked.marvel'));
        expect((await marvel(['format', 'linked.marvel'], dir)).stdout).toBe('linked.marvel: formatted\n');
        expect(lstatSync(path.join(dir, 'linked.marvel')).isSymbolicLink()).toBe(true);
        expect(readFileSync(path.join(dir, 'shared/real.marvel'), 'utf8')).toBe('factor a "A"\n');
        expect(statSync(path.join(dir, 'shared/real.marvel')).mode & 0o777).toBe(0o640);
    });

    it('adds no BOM to a file without one', async () => {
        const dir = project({ 'plain.marvel': 'factor   a "A"\nfactor b "B"\na -> +b\n' });
        await marvel(['format', 'plain.marvel'], dir);
        expect(readFileSync(path.join(dir, 'plain.marvel'), 'utf8')).toBe('factor a "A"\nfactor b "B"\na -> +b\n');
    });
});

describe('8: check ends its text output with a summary line', () => {
    it('counts errors, warnings and infos after the diagnostics', async () => {
        const dir = project({ 'model.marvel': 'factor a "A"\nfactor a "A2"\nfactor los "Los"\n' });
        const run = await marvel(['check', 'model.marvel'], dir);
        const lines = run.stdout.trimEnd().split('\n');
        const diagnostics = lines.slice(0, -1);
        const warnings = diagnostics.filter(line => line.includes(': warning ')).length;
        expect(diagnostics.filter(line => line.includes(': error ')).length + warnings).toBe(diagnostics.length);
        expect(lines.at(-1)).toBe(`2 errors, ${warnings} warning${warnings === 1 ? '' : 's'}, 0 infos`);
    });

    it('prints nothing for a clean model, and no summary in JSON', async () => {
        const dir = project({ 'model.marvel': twoFactors });
        expect(await marvel(['check', 'model.marvel'], dir)).toEqual({ status: 0, stdout: '', stderr: '' });
        writeFileSync(path.join(dir, 'los.marvel'), 'factor los "Los"\n');
        const json = (await marvel(['check', 'los.marvel', '--format', 'json'], dir)).stdout;
        expect(() => JSON.parse(json) as unknown).not.toThrow();
    });
});
