import type { AstNode, GrammarAST, LangiumCoreServices, LeafCstNode, ParseResult, ParserOptions, RootCstNode } from 'langium';
import type { IToken } from 'chevrotain';
import { createParser, CstNodeBuilder, LangiumParser, LeafCstNodeImpl } from 'langium';
import type { IRecognitionException } from 'chevrotain';
import type { Position, Range } from 'vscode-languageserver-types';

/** Deeper nesting than any model needs; beyond it the parser's recursion could exhaust the stack. */
export const maxNestingDepth = 64;

/**
 * The parser that never throws. Input that would exhaust the stack (absurdly deep nesting,
 * or thousands of broken statements in a row that error recovery walks recursively) yields
 * an empty model with one syntax error instead of an exception, and the parser stays usable.
 * It also builds the syntax tree faster and smaller (see {@link SparseHiddenNodeBuilder}), and
 * lets go of the tokens once the tree is built: Chevrotain keeps the last input otherwise, about
 * 200 bytes per token, which is most of the memory of a large file.
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
        } finally {
            this.wrapper.input = [];
        }
    }
}

/**
 * Langium hands every consumed token's preceding comments to the CST builder, also when there
 * are none, and the builder then still searches the tree and splices an empty list in: about
 * a seventh of the parse time of a large file. Doing nothing for nothing changes no result.
 *
 * Langium also gives every token's node its line-and-column range up front: three objects per
 * token, a third of the memory of a parsed file, of which an editor reads a handful. Here a
 * token's node computes its range from its offsets when asked.
 */
export class SparseHiddenNodeBuilder extends CstNodeBuilder {
    override addHiddenNodes(tokens: IToken[]): void {
        if (tokens.length > 0) {
            super.addHiddenNodes(tokens);
        }
    }

    override buildLeafNode(token: IToken, feature?: GrammarAST.AbstractElement): LeafCstNode {
        const leafNode = new OffsetRangeLeafNode(token.startOffset, token.image.length, token.tokenType, !feature);
        leafNode.grammarSource = feature;
        // Langium 4.2.1 keeps the root in a private field (the constructor above checks the builder's class).
        leafNode.root = Reflect.get(this, 'rootNode') as RootCstNode;
        this.current.content.push(leafNode);
        return leafNode;
    }
}

/** A token's node whose range is computed from its offsets in the file's text, when asked. */
class OffsetRangeLeafNode extends LeafCstNodeImpl {
    constructor(offset: number, length: number, tokenType: IToken['tokenType'], hidden: boolean) {
        // The stored range is never read: the getter below replaces it.
        super(offset, length, undefined as unknown as Range, tokenType, hidden);
    }

    override get range(): Range {
        const lines = lineStartsOf(this.root);
        return { start: positionIn(lines, this.offset), end: positionIn(lines, this.end) };
    }
}

/** Per syntax tree, the offset at which each line of its text starts. */
const lineStartsCache = new WeakMap<RootCstNode, Int32Array>();

/** Line breaks as the lexer counts them (`\n`, `\r\n`, a lone `\r`), so positions equal those of the tokens. */
function lineStartsOf(root: RootCstNode): Int32Array {
    let starts = lineStartsCache.get(root);
    if (!starts) {
        const text = root.fullText;
        const found = [0];
        for (let i = 0; i < text.length; i++) {
            const code = text.charCodeAt(i);
            if (code === 10 || (code === 13 && text.charCodeAt(i + 1) !== 10)) {
                found.push(i + 1);
            }
        }
        starts = Int32Array.from(found);
        lineStartsCache.set(root, starts);
    }
    return starts;
}

function positionIn(lineStarts: Int32Array, offset: number): Position {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (lineStarts[middle] <= offset) {
            low = middle;
        } else {
            high = middle - 1;
        }
    }
    return { line: low, character: offset - lineStarts[low] };
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
