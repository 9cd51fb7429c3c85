import type { LangiumDocument, ValidationOptions } from 'langium';
import { DefaultDocumentValidator, DocumentValidator } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { CancellationToken } from 'vscode-languageserver-protocol';
import { DiagnosticCode } from './diagnostic-codes.js';
import { describeSyntaxError } from './syntax-messages.js';

/**
 * Gives the built-in lexer, parser and linker diagnostics the contract's codes
 * (`syntax`, `unresolved-reference`) and messages a modeller can act on.
 */
export class MarvelDocumentValidator extends DefaultDocumentValidator {

    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        const result: Diagnostic[] = [];
        let syntaxErrors = 0;
        for (const diagnostic of diagnostics) {
            const internalCode: unknown = diagnostic.data?.code;
            if (internalCode === DocumentValidator.LexingError || internalCode === DocumentValidator.ParsingError) {
                // After the first few syntax errors the rest are almost always consequences of the first.
                if (++syntaxErrors > 3) {
                    continue;
                }
                result.push({ ...diagnostic, code: DiagnosticCode.Syntax, message: describeSyntaxError(diagnostic.message) });
            } else if (internalCode === DocumentValidator.LinkingError) {
                const refText = String(diagnostic.data?.refText ?? '');
                const what = diagnostic.data?.property === 'category' ? 'category' : 'factor';
                result.push({
                    ...diagnostic,
                    code: DiagnosticCode.UnresolvedReference,
                    message: `Unknown ${what} '${refText}': it is not declared in this file or the files it imports.`
                });
            } else {
                result.push(diagnostic);
            }
        }
        return result;
    }
}
