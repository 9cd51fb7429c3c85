import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiagnosticCode } from '../language/validation/diagnostic-codes.js';
import { githubAnnotations } from '../server/cli/check-report-formats.js';
import { repositoryRoot } from './support/example-files.js';
import { runMarvel } from './support/marvel-cli.js';

let work: string;

beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'marvel-check-formats-'));
    // A typo (an error), a factor without relations whose label has a percent sign (a warning), in a file whose name needs escaping.
    writeFileSync(path.join(work, 'a,b:c.marvel'), 'kpi slachtoffers "Slachtoffers" decrease\nintervention pilot "Pilot"\nfactor zeker "100% zeker"\npilot -> +slachtofers\n');
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('marvel check --format github', () => {
    it('prints one workflow command per diagnostic, on its file, line and column, titled with its code', async () => {
        const run = await runMarvel(['check', 'a,b:c.marvel', '--format', 'github'], work);
        expect(run.status).toBe(1);
        const lines = run.stdout.trimEnd().split('\n');
        expect(lines).toContain("::error file=a%2Cb%3Ac.marvel,line=4,col=11,title=unresolved-reference::Unknown factor 'slachtofers': it is not declared in this file or the files it imports.");
        expect(lines.find(line => line.includes('title=unconnected-factor'))).toMatch(/^::warning file=a%2Cb%3Ac\.marvel,line=3,col=8,title=unconnected-factor::Factor '100%25 zeker' \(zeker\) has no relations/);
        expect(lines.every(line => /^::(error|warning|notice) file=[^:,]+,line=\d+,col=\d+,title=[a-z-]+::/.test(line))).toBe(true);
    });

    it('escapes line breaks and percent signs in messages, and colons and commas in properties, as GitHub specifies', () => {
        const text = githubAnnotations([{ file: 'dir/x,y:z.marvel', line: 2, column: 3, severity: 'info', code: 'mixed-effect', message: '50% up\r\nand down: both' }]);
        expect(text).toBe('::notice file=dir/x%2Cy%3Az.marvel,line=2,col=3,title=mixed-effect::50%25 up%0D%0Aand down: both\n');
    });
});

describe('marvel check --format sarif', () => {
    it('writes a SARIF 2.1.0 log that the schema accepts, with one described rule per diagnostic code', async () => {
        const run = await runMarvel(['check', 'a,b:c.marvel', path.join(repositoryRoot, 'examples', 'mensenhandel'), '--format', 'sarif'], work);
        expect(run.status).toBe(1);
        const log = JSON.parse(run.stdout) as SarifLog;
        const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
        addFormats(ajv);
        const validate = ajv.compile(JSON.parse(readFileSync(path.join(repositoryRoot, 'test', 'fixtures', 'sarif', 'sarif-2.1.0-subset.schema.json'), 'utf8')) as object);
        expect(validate(log), ajv.errorsText(validate.errors)).toBe(true);
        // The schema bites: a wrong version, level or line is refused.
        expect(validate({ ...log, version: '2.0.0' })).toBe(false);
        expect(validate(JSON.parse(run.stdout.replace('"level": "error"', '"level": "fatal"')))).toBe(false);
        expect(validate(JSON.parse(run.stdout.replace('"startLine": 4,', '"startLine": 0,')))).toBe(false);

        const rules = log.runs[0].tool.driver.rules;
        expect(rules.map(rule => rule.id)).toEqual(Object.values(DiagnosticCode));
        expect(rules.every(rule => rule.shortDescription.text.length > 10)).toBe(true);
        const results = log.runs[0].results;
        expect(results.every(result => rules[result.ruleIndex].id === result.ruleId)).toBe(true);
        expect(results).toContainEqual(expect.objectContaining({
            ruleId: 'unresolved-reference',
            level: 'error',
            locations: [{ physicalLocation: { artifactLocation: { uri: 'a%2Cb%3Ac.marvel', uriBaseId: '%SRCROOT%' }, region: { startLine: 4, startColumn: 11 } } }]
        }));
        // The seed example lies outside the working directory: an absolute file URI; its hints are notes.
        expect(results.filter(r => r.ruleId === 'mixed-effect').every(r => r.level === 'note' && r.locations[0].physicalLocation.artifactLocation.uri.startsWith('file:///'))).toBe(true);
    });

    it('leaves the hints out with --no-hints, in every format: the seed example then checks silently', async () => {
        const seed = path.join(repositoryRoot, 'examples', 'mensenhandel');
        const all = await runMarvel(['check', seed], work);
        expect(all.status).toBe(0);
        expect(all.stdout).toMatch(/: hint mixed-effect: /);
        expect(await runMarvel(['check', seed, '--no-hints'], work)).toMatchObject({ status: 0, stdout: '' });
        expect(JSON.parse((await runMarvel(['check', seed, '--no-hints', '--format', 'json'], work)).stdout)).toEqual({ diagnostics: [] });
        expect((await runMarvel(['check', seed, '--no-hints', '--format', 'github'], work)).stdout).toBe('');
    });

    it('writes an empty result list for a clean model, and exits 0', async () => {
        writeFileSync(path.join(work, 'clean.marvel'), 'kpi k "K" decrease\nintervention i "I"\ni -> -k\n');
        const run = await runMarvel(['check', 'clean.marvel', '--format', 'sarif'], work);
        expect(run.status, run.stderr).toBe(0);
        expect((JSON.parse(run.stdout) as SarifLog).runs[0].results).toEqual([]);
    });
});

interface SarifLog {
    readonly runs: ReadonlyArray<{
        readonly tool: { readonly driver: { readonly rules: ReadonlyArray<{ readonly id: string; readonly shortDescription: { readonly text: string } }> } };
        readonly results: ReadonlyArray<{
            readonly ruleId: string;
            readonly ruleIndex: number;
            readonly level: string;
            readonly locations: ReadonlyArray<{ readonly physicalLocation: { readonly artifactLocation: { readonly uri: string } } }>;
        }>;
    }>;
}
