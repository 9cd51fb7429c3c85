import type { AstNode, Lexer } from 'langium';
import type { FormattingOptions } from 'vscode-languageserver-protocol';
import type { FormatToken } from './format-tokens.js';
import { lexTokens, sameTokens } from './format-tokens.js';
import type { Layout, LayoutOptions } from './layout.js';
import { layoutTokens } from './layout.js';
import { layoutText } from './layout-edits.js';
import { analyzeStructure } from './structure.js';

/** Beyond this many columns a relation with several targets puts one target on each line. */
export const MAX_LINE_WIDTH = 100;

export interface FormattedFile {
    readonly tokens: readonly FormatToken[];
    readonly layout: Layout;
    readonly text: string;
}

/**
 * The canonical form of a parsed file, or `undefined` when it cannot be produced safely: the
 * text does not lex, or the result would not hold exactly the same tokens and comments.
 * Callers must only pass a tree parsed from `text` without errors.
 */
export function formatParsedText(lexer: Lexer, root: AstNode, text: string, options?: FormattingOptions): FormattedFile | undefined {
    const tokens = lexTokens(lexer, text);
    if (tokens === undefined) {
        return undefined;
    }
    const layout = layoutTokens(text, tokens, analyzeStructure(root), layoutOptions(text, options));
    const formatted = layoutText(layout);
    return sameTokens(tokens, lexTokens(lexer, formatted)) ? { tokens, layout, text: formatted } : undefined;
}

function layoutOptions(text: string, options?: FormattingOptions): LayoutOptions {
    const tabSize = options && options.tabSize > 0 ? Math.floor(options.tabSize) : 4;
    const useTabs = options ? !options.insertSpaces : false;
    return {
        indentUnit: useTabs ? '\t' : ' '.repeat(tabSize),
        indentWidth: tabSize,
        maxWidth: MAX_LINE_WIDTH,
        // A file written with CRLF keeps CRLF; anything else gets LF.
        eol: text.includes('\r\n') ? '\r\n' : '\n'
    };
}
