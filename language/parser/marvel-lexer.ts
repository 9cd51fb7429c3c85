import type { ILexingError, IToken, TokenType } from 'chevrotain';
import { Lexer as ChevrotainLexer } from 'chevrotain';
import type { LangiumCoreServices, LexerResult, TokenizeOptions } from 'langium';
import { DefaultLexer } from 'langium';
import { LineStarts } from './line-starts.js';

/**
 * Chevrotain's lexer, tracking lines and columns, gives every token six positions as
 * floating-point numbers, each a separate heap object: while a large file is parsed its tokens
 * are most of the memory (a 20 MB file has 3.3 million). Here Chevrotain tracks offsets only,
 * and builds each token as an {@link OffsetToken} that works out its line and column when asked,
 * which Langium does only for a token with a syntax error.
 */
export class MarvelLexer extends DefaultLexer {
    constructor(services: LangiumCoreServices) {
        super(services);
        // The definitions were validated by the lexer Langium built above (outside production mode).
        this.chevrotainLexer = new OffsetTokenLexer(Object.values(this.definition), {
            positionTracking: 'onlyOffset',
            skipValidations: true,
            errorMessageProvider: this.errorMessageProvider
        });
    }

    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        const lines = new LineStarts(text);
        const lexer = this.chevrotainLexer as OffsetTokenLexer;
        lexer.lines = lines;
        try {
            const result = super.tokenize(text, options);
            return { ...result, errors: result.errors.map(error => withLineAndColumn(error, lines)) };
        } finally {
            lexer.lines = noText;
        }
    }
}

const noText = new LineStarts('');

/**
 * A Chevrotain lexer whose tokens are {@link OffsetToken}s from the start. Chevrotain builds an
 * offset-only token with `createOffsetOnlyToken`, which has no end offset (Langium needs one);
 * converting its tokens afterwards would hold two tokens per token while a large file is lexed.
 */
class OffsetTokenLexer extends ChevrotainLexer {
    /** Line starts of the text being tokenized; let go of afterwards, as they hold the text. */
    lines = noText;

    // Chevrotain calls this for each token when positions are tracked as offsets only (not part of its typed API).
    createOffsetOnlyToken(image: string, startOffset: number, tokenTypeIdx: number, tokenType: TokenType): IToken {
        return new OffsetToken(startOffset, startOffset + image.length - 1, tokenTypeIdx, tokenType, this.lines);
    }
}

/**
 * A token with its offsets as small integers, and its text, line and column (1-based, as
 * Chevrotain's) from them: every token lives until the file is parsed, and a copy of its text
 * each (the image Chevrotain matched) would add a fifth to a large file's tokens.
 */
class OffsetToken implements IToken {
    constructor(
        readonly startOffset: number,
        readonly endOffset: number,
        readonly tokenTypeIdx: number,
        readonly tokenType: TokenType,
        private readonly lines: LineStarts
    ) {}

    get image(): string {
        return this.lines.text.substring(this.startOffset, this.endOffset + 1);
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
