import type { IToken } from 'chevrotain';
import type { LexerResult, TokenizeOptions } from 'langium';
import { DefaultLexer } from 'langium';

/**
 * Chevrotain's lexer hands out token positions as floating-point numbers, so V8 stores every
 * position of every token as a separate boxed number: seven extra heap objects per token, most
 * of the memory and of the garbage-collection work of parsing a large file. The same tokens
 * with their positions as small integers (in a shape of their own) hold them inline.
 */
export class MarvelLexer extends DefaultLexer {
    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        const result = super.tokenize(text, options);
        return { ...result, tokens: result.tokens.map(compactToken) };
    }
}

function compactToken(token: IToken): IToken {
    // Property order differs from Chevrotain's on purpose: its shape holds doubles already. `| 0` makes each position a small integer.
    return {
        tokenType: token.tokenType,
        tokenTypeIdx: token.tokenTypeIdx,
        image: token.image,
        startOffset: token.startOffset | 0,
        endOffset: token.endOffset! | 0,
        startLine: token.startLine! | 0,
        endLine: token.endLine! | 0,
        startColumn: token.startColumn! | 0,
        endColumn: token.endColumn! | 0
    };
}
