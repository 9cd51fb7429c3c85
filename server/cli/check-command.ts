import type { LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { CliContext, CommandResult } from './command.js';
import { hasFlag, optionValue, parseArguments } from './arguments.js';
import { readInputFiles, UsageError } from './input-files.js';
import type { LoadedWorkspace } from './model-workspace.js';
import { diskSource, loadWorkspace } from './model-workspace.js';
import { checkReport } from './check-report-formats.js';
import { oneLine } from './terminal-text.js';
import { counted } from '../../language/text/counted.js';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** One diagnostic as the contract prints it: 1-based line and column. */
export interface CheckDiagnostic {
    readonly file: string;
    readonly line: number;
    readonly column: number;
    readonly severity: Severity;
    readonly code: string;
    readonly message: string;
}

export const checkUsage = 'marvel check FILE… [--format text|json|github|sarif] [--strict] [--no-hints]';

export async function runCheck(args: readonly string[], context: CliContext): Promise<CommandResult> {
    const parsed = parseArguments(args, {
        format: { value: true, choices: ['text', 'json', 'github', 'sarif'] },
        strict: { value: false },
        'no-hints': { value: false }
    });
    if (parsed.positional.length === 0) {
        throw new UsageError(`no model file given (usage: ${checkUsage})`);
    }
    const workspace = await loadWorkspace(await readInputFiles(parsed.positional, context.cwd), diskSource(context.cwd));
    // Hints stay out of VS Code's Problems panel; in CI they may stay out of the log too.
    const withHints = !hasFlag(parsed, 'no-hints');
    const diagnostics = collectDiagnostics(workspace).filter(d => withHints || d.severity !== 'hint');
    const strict = hasFlag(parsed, 'strict');
    const failed = diagnostics.some(d => d.severity === 'error' || (strict && d.severity === 'warning'));
    const format = optionValue(parsed, 'format');
    const output = format === 'github' || format === 'sarif' ? checkReport(diagnostics, format, context.cwd) : format === 'json'
        ? JSON.stringify({ diagnostics }, undefined, 2) + '\n'
        : diagnostics.map(formatDiagnostic).join('\n') + (diagnostics.length > 0 ? `\n${summaryLine(diagnostics)}\n` : '');
    return { output, exitCode: failed ? 1 : 0 };
}

export function collectDiagnostics(workspace: LoadedWorkspace): CheckDiagnostic[] {
    return workspace.documents.flatMap(document => (document.diagnostics ?? []).map(d => toCheckDiagnostic(workspace, document, d)))
        .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code));
}

export function formatDiagnostic(d: CheckDiagnostic): string {
    return `${oneLine(d.file)}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${oneLine(d.message)}`;
}

/** The last line of the text format, so that a new error is not lost above many infos: "1 error, 0 warnings, 41 infos". */
function summaryLine(diagnostics: readonly CheckDiagnostic[]): string {
    const count = (severity: Severity): number => diagnostics.filter(d => d.severity === severity).length;
    const hints = count('hint');
    return [counted(count('error'), 'error'), counted(count('warning'), 'warning'), counted(count('info'), 'info'), ...(hints > 0 ? [counted(hints, 'hint')] : [])].join(', ');
}

function toCheckDiagnostic(workspace: LoadedWorkspace, document: LangiumDocument, diagnostic: Diagnostic): CheckDiagnostic {
    return {
        file: workspace.displayPath(document),
        line: diagnostic.range.start.line + 1,
        column: diagnostic.range.start.character + 1,
        severity: severityName(diagnostic.severity),
        code: String(diagnostic.code ?? 'syntax'),
        message: diagnostic.message
    };
}

function severityName(severity: Diagnostic['severity']): Severity {
    switch (severity) {
        case 2: return 'warning';
        case 3: return 'info';
        case 4: return 'hint';
        default: return 'error';
    }
}
