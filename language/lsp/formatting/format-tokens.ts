import type { Lexer } from 'langium';

export type TokenKind = 'code' | 'line-comment' | 'block-comment';

/** One token of a MARVEL file, comments included; whitespace lives in the gaps between tokens. */
export interface FormatToken {
    readonly offset: number;
    /** Exclusive. */
    readonly end: number;
    readonly image: string;
    readonly kind: TokenKind;
    /** The lexer's token type, so that a re-lexed output can be compared token by token. */
    readonly type: string;
}

/**
 * Every token of `text` in order, comments merged in; `undefined` when the text does not lex,
 * because a gap between tokens is then no longer guaranteed to be pure whitespace.
 */
export function lexTokens(lexer: Lexer, text: string): FormatToken[] | undefined {
    const result = lexer.tokenize(text);
    if (result.errors.length > 0) {
        return undefined;
    }
    const tokens = [...result.tokens, ...result.hidden]
        .sort((a, b) => a.startOffset - b.startOffset)
        .map((token): FormatToken => ({
            offset: token.startOffset,
            end: token.startOffset + token.image.length,
            image: token.image,
            kind: kindOf(token.tokenType.name),
            type: token.tokenType.name
        }));
    let previousEnd = 0;
    for (const token of tokens) {
        if (!/^\s*$/.test(text.slice(previousEnd, token.offset))) {
            return undefined;
        }
        previousEnd = token.end;
    }
    return /^\s*$/.test(text.slice(previousEnd)) ? tokens : undefined;
}

function kindOf(typeName: string): TokenKind {
    switch (typeName) {
        case 'SL_COMMENT': return 'line-comment';
        case 'ML_COMMENT': return 'block-comment';
        default: return 'code';
    }
}

/**
 * Whether `formatted` holds exactly the tokens of `original` in the same order; comments may
 * differ only in the whitespace around their lines. The last line of defence against a
 * layout rule that would glue two tokens together or swallow code into a line comment.
 */
export function sameTokens(original: readonly FormatToken[], formatted: readonly FormatToken[] | undefined): boolean {
    if (formatted === undefined || formatted.length !== original.length) {
        return false;
    }
    return original.every((token, index) => {
        const other = formatted[index];
        return token.type === other.type && normalizeComment(token) === normalizeComment(other);
    });
}

/** A token's text with the whitespace a formatter may change removed: the indentation of comment lines. */
export function normalizeComment(token: FormatToken): string {
    return token.kind === 'code' ? token.image : token.image.split(/\r?\n/).map(line => line.trim()).join('\n');
}
