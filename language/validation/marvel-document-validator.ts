import type { LangiumDocument, ValidationOptions } from 'langium';
import { DefaultDocumentValidator, DocumentValidator } from 'langium';
import type { CancellationToken } from 'vscode-languageserver-protocol';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { DiagnosticCode } from './diagnostic-codes.js';
import { lexicalProblems } from './lexical-problems.js';
import { describeSyntaxError, misspeltKeywordMessage } from './syntax-messages.js';

/**
 * Gives the built-in lexer, parser and linker diagnostics the contract's codes
 * (`syntax`, `unresolved-reference`) and messages a modeller can act on, and keeps one
 * typo to one diagnostic: one syntax error per line, no unresolved names on that line.
 */
export class MarvelDocumentValidator extends DefaultDocumentValidator {

    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        const syntax: Diagnostic[] = lexicalProblems(document).map(problem => ({
            range: problem.range, message: problem.message, severity: DiagnosticSeverity.Error, code: DiagnosticCode.Syntax, source: this.getSource()
        }));
        const others: Diagnostic[] = [];
        for (const diagnostic of diagnostics) {
            const internalCode: unknown = diagnostic.data?.code;
            if (internalCode === DocumentValidator.LexingError || internalCode === DocumentValidator.ParsingError) {
                const misspelt = misspeltKeywordMessage(document.textDocument.getText(), document.textDocument.offsetAt(diagnostic.range.start));
                syntax.push(misspelt
                    ? { ...diagnostic, code: DiagnosticCode.Syntax, message: misspelt.message, range: { start: document.textDocument.positionAt(misspelt.wordOffset), end: document.textDocument.positionAt(misspelt.wordOffset + misspelt.wordLength) } }
                    : { ...diagnostic, code: DiagnosticCode.Syntax, message: describeSyntaxError(diagnostic.message) });
            } else if (internalCode === DocumentValidator.LinkingError) {
                const refText = String(diagnostic.data?.refText ?? '');
                const what = diagnostic.data?.property === 'category' ? 'category' : 'factor';
                others.push({
                    ...diagnostic,
                    code: DiagnosticCode.UnresolvedReference,
                    message: `Unknown ${what} '${refText}': it is not declared in this file or the files it imports.`
                });
            } else {
                others.push(diagnostic);
            }
        }
        return [...firstPerLine(syntax), ...others.filter(d => d.code !== DiagnosticCode.UnresolvedReference || !hasLine(syntax, d.range.start.line))];
    }
}

function firstPerLine(diagnostics: Diagnostic[]): Diagnostic[] {
    const seen = new Set<number>();
    return diagnostics
        .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)
        .filter(d => !seen.has(d.range.start.line) && seen.add(d.range.start.line) !== undefined);
}

function hasLine(diagnostics: readonly Diagnostic[], line: number): boolean {
    return diagnostics.some(d => d.range.start.line === line);
}
