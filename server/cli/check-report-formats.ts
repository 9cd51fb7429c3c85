import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticCode } from '../../language/validation/diagnostic-codes.js';
import { diagnosticDescriptions } from '../../language/validation/diagnostic-descriptions.js';
import type { CheckDiagnostic, Severity } from './check-command.js';

/** The report of `marvel check` for a CI system: GitHub workflow commands, or a SARIF log. */
export function checkReport(diagnostics: readonly CheckDiagnostic[], format: 'github' | 'sarif', cwd: string): string {
    return format === 'github' ? githubAnnotations(diagnostics) : JSON.stringify(sarifLog(diagnostics, cwd), undefined, 2) + '\n';
}

/**
 * `marvel check --format github`: one workflow command per diagnostic
 * (`::error file=…,line=…,col=…,title=code::message`), so GitHub Actions shows each one on its
 * line of the pull request. Escaped as GitHub's toolkit escapes them: `%`, CR and LF everywhere,
 * and `:` and `,` in the properties as well.
 */
export function githubAnnotations(diagnostics: readonly CheckDiagnostic[]): string {
    const command: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };
    return diagnostics.map(d => {
        const properties = [`file=${githubProperty(d.file.split(path.sep).join('/'))}`, `line=${d.line}`, `col=${d.column}`, `title=${githubProperty(d.code)}`];
        return `::${command[d.severity]} ${properties.join(',')}::${githubData(d.message)}\n`;
    }).join('');
}

function githubData(text: string): string {
    return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function githubProperty(text: string): string {
    return githubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * `marvel check --format sarif`: a SARIF 2.1.0 log (OASIS), the format code scanning reads. One
 * rule per diagnostic code with its description; each result points at its file relative to the
 * working directory (`%SRCROOT%`), or by absolute `file:` URI when it lies outside.
 */
export function sarifLog(diagnostics: readonly CheckDiagnostic[], cwd: string): object {
    const codes = Object.values(DiagnosticCode);
    const level: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
    return {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [{
            tool: {
                driver: {
                    name: 'marvel',
                    rules: codes.map(code => ({ id: code, shortDescription: { text: diagnosticDescriptions[code] } }))
                }
            },
            columnKind: 'utf16CodeUnits',
            results: diagnostics.map(d => ({
                ruleId: d.code,
                ...(codes.includes(d.code as DiagnosticCode) ? { ruleIndex: codes.indexOf(d.code as DiagnosticCode) } : {}),
                level: level[d.severity],
                message: { text: d.message },
                locations: [{ physicalLocation: { artifactLocation: artifactLocation(d.file, cwd), region: { startLine: d.line, startColumn: d.column } } }]
            }))
        }]
    };
}

function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
    const absolute = path.resolve(cwd, file);
    const relative = path.relative(cwd, absolute);
    if (relative.startsWith('..') || path.isAbsolute(relative)) {
        return { uri: pathToFileURL(absolute).href };
    }
    return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}
