import type { LangiumDocument } from 'langium';
import type { Formatter } from 'langium/lsp';
import type {
    DocumentFormattingParams, DocumentOnTypeFormattingOptions, DocumentOnTypeFormattingParams,
    DocumentRangeFormattingParams, FormattingOptions, TextEdit
} from 'vscode-languageserver-protocol';
import type { MarvelServices } from '../marvel-module.js';
import type { FormattedFile } from './formatting/format-core.js';
import { formatParsedText } from './formatting/format-core.js';
import type { OffsetEdit } from './formatting/layout-edits.js';
import { editsWithin, layoutEdits } from './formatting/layout-edits.js';

/**
 * Lays a MARVEL file out in its one canonical form, so that diffs between model versions show
 * content and not taste: one statement per line, blocks indented one level, single spaces with
 * signs glued to their targets, at most one blank line where the author left blank lines
 * (never just inside `{ }`), comments where they were (a comment at the end of a line stays
 * there, one on its own line is indented with the code it precedes), and a relation with
 * several targets that would exceed 100 columns gets one target per line.
 *
 * A file with any syntax error is left alone, range and on-type requests included: without a
 * complete tree the formatter cannot tell where statements begin, and guessing could join a
 * line onto a line comment. Every request also re-lexes its own output and gives up unless
 * the tokens and comments come out unchanged, and no request ever throws.
 */
export class MarvelFormatter implements Formatter {

    constructor(private readonly services: MarvelServices) { }

    get formatOnTypeOptions(): DocumentOnTypeFormattingOptions {
        return { firstTriggerCharacter: '}', moreTriggerCharacter: ['\n'] };
    }

    formatDocument(document: LangiumDocument, params: DocumentFormattingParams): TextEdit[] {
        return this.edits(document, params.options, () => undefined);
    }

    formatDocumentRange(document: LangiumDocument, params: DocumentRangeFormattingParams): TextEdit[] {
        const { textDocument } = document;
        return this.edits(document, params.options, () => [textDocument.offsetAt(params.range.start), textDocument.offsetAt(params.range.end)]);
    }

    /**
     * After `}` the block it closes is tidied; after a newline only the line just finished, so
     * the fresh line the cursor sits on (and its indentation) is left to the editor.
     */
    formatDocumentOnType(document: LangiumDocument, params: DocumentOnTypeFormattingParams): TextEdit[] {
        const { textDocument } = document;
        return this.edits(document, params.options, formatted => {
            const offset = textDocument.offsetAt(params.position);
            if (params.ch === '}') {
                const block = blockBefore(formatted, offset);
                return block && [textDocument.offsetAt({ line: textDocument.positionAt(block[0]).line, character: 0 }), block[1]];
            }
            const line = params.position.line - 1;
            if (params.ch !== '\n' || line < 0) {
                return null;
            }
            const start = textDocument.offsetAt({ line, character: 0 });
            const end = textDocument.offsetAt({ line, character: Number.MAX_SAFE_INTEGER });
            return [start, end];
        });
    }

    /** The whole text in canonical form, or `undefined` if it has syntax errors; for the command line. */
    formatText(text: string, options?: FormattingOptions): string | undefined {
        try {
            const parsed = this.services.parser.LangiumParser.parse(text);
            if (parsed.lexerErrors.length > 0 || parsed.parserErrors.length > 0) {
                return undefined;
            }
            return formatParsedText(this.services.parser.Lexer, parsed.value, text, options)?.text;
        } catch {
            return undefined;
        }
    }

    /**
     * `region` picks the offsets `[start, end]` whose edits are kept: `undefined` keeps all,
     * `null` none.
     */
    private edits(document: LangiumDocument, options: FormattingOptions, region: (formatted: FormattedFile) => [number, number] | null | undefined): TextEdit[] {
        try {
            const formatted = this.format(document, options);
            if (formatted === undefined) {
                return [];
            }
            const bounds = region(formatted);
            if (bounds === null) {
                return [];
            }
            const all = layoutEdits(document.textDocument.getText(), formatted.tokens, formatted.layout);
            return toTextEdits(document, bounds ? editsWithin(all, bounds[0], bounds[1]) : all);
        } catch {
            return [];
        }
    }

    private format(document: LangiumDocument, options: FormattingOptions): FormattedFile | undefined {
        const { parseResult } = document;
        const root = parseResult.value.$cstNode?.root;
        const text = document.textDocument.getText();
        // A tree parsed from an older version of the text would put line breaks in the wrong places.
        if (parseResult.lexerErrors.length > 0 || parseResult.parserErrors.length > 0 || (root && root.fullText !== text)) {
            return undefined;
        }
        return formatParsedText(this.services.parser.Lexer, parseResult.value, text, options);
    }
}

/** The `{` … `}` block whose `}` ends at `offset`, as `[offset of {, offset of }]`. */
function blockBefore(formatted: FormattedFile, offset: number): [number, number] | null {
    const { tokens } = formatted;
    const close = tokens.findIndex(token => token.end === offset && token.kind === 'code' && token.image === '}');
    if (close < 0) {
        return null;
    }
    let depth = 0;
    for (let i = close; i >= 0; i--) {
        const token = tokens[i];
        if (token.kind !== 'code') {
            continue;
        }
        depth += token.image === '}' ? 1 : token.image === '{' ? -1 : 0;
        if (depth === 0) {
            return [token.offset, tokens[close].offset];
        }
    }
    return null;
}

function toTextEdits(document: LangiumDocument, edits: readonly OffsetEdit[]): TextEdit[] {
    const { textDocument } = document;
    return edits.map(edit => ({
        range: { start: textDocument.positionAt(edit.start), end: textDocument.positionAt(edit.end) },
        newText: edit.newText
    }));
}
