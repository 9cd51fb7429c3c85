import type { ILexingError, IToken, TokenType } from 'chevrotain';
import { Lexer as ChevrotainLexer } from 'chevrotain';
import type { LangiumCoreServices, LexerResult, TokenizeOptions } from 'langium';
import { DefaultLexer } from 'langium';
import { LineStarts } from './line-starts.js';

/**
 * Chevrotain's lexer, tracking lines and columns, gives every token six positions as
 * floating-point numbers, each a separate heap object: while a large file is parsed its tokens
 * are most of the memory (a 20 MB file has 3.3 million). Here Chevrotain tracks offsets only,
 * and each token becomes an {@link OffsetToken} that works out its line and column when asked,
 * which Langium does only for a token with a syntax error.
 */
export class MarvelLexer extends DefaultLexer {
    constructor(services: LangiumCoreServices) {
        super(services);
        // The definitions were validated by the lexer Langium built above (outside production mode).
        this.chevrotainLexer = new ChevrotainLexer(Object.values(this.definition), {
            positionTracking: 'onlyOffset',
            skipValidations: true,
            errorMessageProvider: this.errorMessageProvider
        });
    }

    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        const result = super.tokenize(text, options);
        const lines = new LineStarts(text);
        return {
            ...result,
            tokens: result.tokens.map(token => new OffsetToken(token, lines)),
            hidden: result.hidden.map(token => new OffsetToken(token, lines)),
            errors: result.errors.map(error => withLineAndColumn(error, lines))
        };
    }
}

/** A token with its offsets as small integers, and its line and column (1-based, as Chevrotain's) from them. */
class OffsetToken implements IToken {
    readonly tokenType: TokenType;
    readonly tokenTypeIdx: number;
    readonly image: string;
    readonly startOffset: number;
    readonly endOffset: number;

    constructor(token: IToken, private readonly lines: LineStarts) {
        this.tokenType = token.tokenType;
        this.tokenTypeIdx = token.tokenTypeIdx;
        this.image = token.image;
        this.startOffset = token.startOffset | 0;
        this.endOffset = (token.startOffset + token.image.length - 1) | 0;
    }

    get startLine(): number {
        return this.lines.positionAt(this.startOffset).line + 1;
    }

    get startColumn(): number {
        return this.lines.positionAt(this.startOffset).character + 1;
    }

    get endLine(): number {
        return this.lines.positionAt(this.endOffset).line + 1;
    }

    get endColumn(): number {
        return this.lines.positionAt(this.endOffset).character + 1;
    }
}

function withLineAndColumn(error: ILexingError, lines: LineStarts): ILexingError {
    const position = lines.positionAt(error.offset);
    return { ...error, line: position.line + 1, column: position.character + 1 };
}
