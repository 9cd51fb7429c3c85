import type { AstNode, LangiumCoreServices, ParseResult, ParserOptions } from 'langium';
import type { IToken } from 'chevrotain';
import { createParser, CstNodeBuilder, LangiumParser } from 'langium';
import type { IRecognitionException } from 'chevrotain';

/** Deeper nesting than any model needs; beyond it the parser's recursion could exhaust the stack. */
export const maxNestingDepth = 64;

/**
 * The parser that never throws. Input that would exhaust the stack (absurdly deep nesting,
 * or thousands of broken statements in a row that error recovery walks recursively) yields
 * an empty model with one syntax error instead of an exception, and the parser stays usable.
 * It also builds the syntax tree a little faster (see {@link SparseHiddenNodeBuilder}).
 */
export class MarvelParser extends LangiumParser {

    constructor(services: LangiumCoreServices) {
        super(services);
        // Langium 4.2.1 keeps its builder in this private field; should that change, parsing stays as it is (a test notices).
        if ((Reflect.get(this, 'nodeBuilder') as unknown) instanceof CstNodeBuilder) {
            Reflect.set(this, 'nodeBuilder', new SparseHiddenNodeBuilder());
        }
    }

    override parse<T extends AstNode = AstNode>(input: string, options?: ParserOptions): ParseResult<T> {
        const depth = nestingDepth(input);
        if (depth.max > maxNestingDepth) {
            return unparsed<T>(input, depth.offset, `Blocks nest more than ${maxNestingDepth} levels deep here; the file is not analysed until this is fixed.`);
        }
        try {
            return super.parse<T>(input, options);
        } catch (error) {
            // A failed parse leaves Langium's private rule stack filled, which would break every later parse.
            Reflect.set(this, 'stack', []);
            const reason = error instanceof RangeError ? 'it is too deeply broken to analyse (too many errors in a row)' : `the parser failed (${error instanceof Error ? error.message : String(error)})`;
            return unparsed<T>(input, 0, `This file could not be parsed: ${reason}. Fix the first syntax error and try again.`);
        }
    }
}

/**
 * Langium hands every consumed token's preceding comments to the CST builder, also when there
 * are none, and the builder then still searches the tree and splices an empty list in: about
 * a seventh of the parse time of a large file. Doing nothing for nothing changes no result.
 */
export class SparseHiddenNodeBuilder extends CstNodeBuilder {
    override addHiddenNodes(tokens: IToken[]): void {
        if (tokens.length > 0) {
            super.addHiddenNodes(tokens);
        }
    }
}

export function createMarvelParser(services: LangiumCoreServices): MarvelParser {
    const parser = createParser(services.Grammar, new MarvelParser(services), services.parser.Lexer.definition);
    parser.finalize();
    return parser;
}

/** Deepest `{`/`(` nesting outside strings and comments, and where it is first exceeded. */
function nestingDepth(text: string): { max: number; offset: number } {
    let depth = 0;
    let max = 0;
    let offset = 0;
    for (let i = 0; i < text.length; i++) {
        const character = text[i];
        if (character === '"') {
            while (++i < text.length && text[i] !== '"' && text[i] !== '\n') {
                if (text[i] === '\\') {
                    i++;
                }
            }
        } else if (character === '/' && text[i + 1] === '/') {
            while (i < text.length && text[i] !== '\n') {
                i++;
            }
        } else if (character === '/' && text[i + 1] === '*') {
            const end = text.indexOf('*/', i + 2);
            i = end < 0 ? text.length : end + 1;
        } else if (character === '{' || character === '(') {
            depth++;
            if (depth > max) {
                max = depth;
                if (max === maxNestingDepth + 1) {
                    offset = i;
                }
            }
        } else if (character === '}' || character === ')') {
            depth = Math.max(0, depth - 1);
        }
    }
    return { max, offset };
}

function unparsed<T extends AstNode>(input: string, offset: number, message: string): ParseResult<T> {
    const before = input.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    const token = { image: input.charAt(offset), startOffset: offset, endOffset: offset, startLine: line, endLine: line, startColumn: column, endColumn: column, tokenTypeIdx: 0 };
    const error = { name: 'MarvelParseLimit', message, token, resyncedTokens: [], context: { ruleStack: [], ruleOccurrenceStack: [] } } as unknown as IRecognitionException;
    const value = { $type: 'MarvelFile', imports: [], elements: [] } as unknown as T;
    return { value, lexerErrors: [], lexerReport: { diagnostics: [] }, parserErrors: [error] };
}
