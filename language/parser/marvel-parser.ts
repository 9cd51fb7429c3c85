import type { AstNode, CompositeCstNode, GrammarAST, LangiumCoreServices, LeafCstNode, ParseResult, ParserOptions, RootCstNode } from 'langium';
import type { IRecognitionException, IToken } from 'chevrotain';
import { createParser, CstNodeBuilder, LangiumParser } from 'langium';
import { exactCopy, LeanCompositeNode, LeanLeafNode } from './lean-cst-nodes.js';

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
 * The nodes it builds are the lean ones of `lean-cst-nodes.ts`: ranges computed from offsets,
 * children in plain arrays whose container the builder sets, trimmed to their number once a
 * rule is complete (nothing is added to a complete rule), like the syntax node's own lists.
 */
export class SparseHiddenNodeBuilder extends CstNodeBuilder {
    override buildCompositeNode(feature: GrammarAST.AbstractElement): CompositeCstNode {
        const compositeNode = new LeanCompositeNode();
        compositeNode.grammarSource = feature;
        adopt(this.current, compositeNode).content.push(compositeNode);
        this.openNodes.push(compositeNode);
        return compositeNode;
    }

    override buildLeafNode(token: IToken, feature?: GrammarAST.AbstractElement): LeafCstNode {
        const leafNode = new LeanLeafNode(token.startOffset, tokenLength(token), token.tokenType);
        leafNode.grammarSource = feature;
        adopt(this.current, leafNode).content.push(leafNode);
        return leafNode;
    }

    /** Langium's placement of comments (before the node being built), with containers set here. */
    override addHiddenNodes(tokens: IToken[]): void {
        if (tokens.length === 0) {
            return;
        }
        const nodes = tokens.map(token => new LeanLeafNode(token.startOffset, tokenLength(token), token.tokenType));
        let current: CompositeCstNode = this.current;
        if (current.content.length > 0) {
            adopt(current, ...nodes).content.push(...nodes);
            return;
        }
        for (let container = current.container; container; current = container, container = current.container) {
            const index = container.content.indexOf(current);
            if (index > 0) {
                adopt(container, ...nodes).content.splice(index, 0, ...nodes);
                return;
            }
        }
        adopt(this.root, ...nodes).content.unshift(...nodes);
    }

    override construct(item: Parameters<CstNodeBuilder['construct']>[0]): void {
        const completed: CompositeCstNode = this.current;
        super.construct(item);
        if (completed instanceof LeanCompositeNode) {
            completed.complete();
        }
        if (typeof item.$type === 'string') {
            // The syntax node's lists (a relation's targets, a target's attributes) are complete too.
            for (const property in item) {
                const value: unknown = Reflect.get(item, property);
                if (Array.isArray(value) && value.length > 0 && property[0] !== '$') {
                    Reflect.set(item, property, exactCopy(value));
                }
            }
        }
    }

    // Langium 4.2.1 keeps the root and the stack of open rules in private fields (the parser's constructor checks the builder's class).
    private get root(): RootCstNode {
        return Reflect.get(this, 'rootNode') as RootCstNode;
    }

    private get openNodes(): CompositeCstNode[] {
        return Reflect.get(this, 'nodeStack') as CompositeCstNode[];
    }
}

/** A token's length from its offsets, which our lexer's tokens hold (their text is made anew when asked). */
function tokenLength(token: IToken): number {
    return token.endOffset === undefined || Number.isNaN(token.endOffset) ? token.image.length : token.endOffset - token.startOffset + 1;
}

/** Makes `parent` the container of `children`, and returns it. */
function adopt(parent: CompositeCstNode, ...children: Array<LeanLeafNode | LeanCompositeNode>): CompositeCstNode {
    for (const child of children) {
        child.container = parent;
    }
    return parent;
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
