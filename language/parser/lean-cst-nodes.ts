import type { AstNode, CompositeCstNode, CstNode, GrammarAST, LeafCstNode, RootCstNode } from 'langium';
import type { TokenType } from 'chevrotain';
import type { Range } from 'vscode-languageserver-types';
import { LineStarts } from './line-starts.js';

/**
 * Syntax-tree nodes that cost what a large file can afford (see `SparseHiddenNodeBuilder`).
 * Langium's own nodes store every token's line-and-column range up front (three objects per
 * token), cache a rule's range with those of its first and last descendants once asked, and
 * keep a rule's children in an array subclass that sets each child's container as it is pushed
 * and grows to 17 slots for one child. These nodes compute ranges from offsets when asked; the
 * builder sets containers itself and, once a rule is complete, keeps its children in a plain
 * array of their number. Langium recognises nodes by shape (`content`, `tokenType`), not class.
 */

/** A token's node. */
export class LeanLeafNode implements LeafCstNode {
    container?: CompositeCstNode;
    grammarSource?: GrammarAST.AbstractElement;

    constructor(
        readonly root: RootCstNode,
        readonly offset: number,
        readonly length: number,
        readonly tokenType: TokenType,
        readonly hidden: boolean
    ) {}

    get end(): number {
        return this.offset + this.length;
    }

    get range(): Range {
        return rangeOf(this.root, this.offset, this.end);
    }

    get text(): string {
        return this.root.fullText.substring(this.offset, this.end);
    }

    get astNode(): AstNode {
        return astNodeAbove(this.container);
    }
}

/** A rule's node. */
export class LeanCompositeNode implements CompositeCstNode {
    container?: CompositeCstNode;
    grammarSource?: GrammarAST.AbstractElement;
    content: CstNode[] = [];
    private ownAstNode?: AstNode;

    constructor(readonly root: RootCstNode) {}

    get offset(): number {
        return this.firstNonHiddenNode?.offset ?? 0;
    }

    get end(): number {
        return this.lastNonHiddenNode?.end ?? 0;
    }

    get length(): number {
        return this.end - this.offset;
    }

    get range(): Range {
        if (this.content.length === 0) {
            return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
        }
        // As Langium: a node that ends before it starts (only in broken input) is empty at its start.
        return rangeOf(this.root, this.offset, Math.max(this.offset, this.end));
    }

    get text(): string {
        return this.root.fullText.substring(this.offset, this.end);
    }

    get hidden(): boolean {
        return false;
    }

    get astNode(): AstNode {
        return typeof this.ownAstNode?.$type === 'string' ? this.ownAstNode : astNodeAbove(this.container);
    }

    set astNode(node: AstNode | undefined) {
        this.ownAstNode = node;
    }

    private get firstNonHiddenNode(): CstNode | undefined {
        for (const child of this.content) {
            if (!child.hidden) {
                return child;
            }
        }
        return this.content[0];
    }

    private get lastNonHiddenNode(): CstNode | undefined {
        for (let i = this.content.length - 1; i >= 0; i--) {
            if (!this.content[i].hidden) {
                return this.content[i];
            }
        }
        return this.content[this.content.length - 1];
    }
}

function astNodeAbove(container: CompositeCstNode | undefined): AstNode {
    if (!container) {
        throw new Error('This node has no associated AST element');
    }
    return container.astNode;
}

function rangeOf(root: RootCstNode, offset: number, end: number): Range {
    let lines = lineStartsByTree.get(root);
    if (!lines) {
        lines = new LineStarts(root.fullText);
        lineStartsByTree.set(root, lines);
    }
    return { start: lines.positionAt(offset), end: lines.positionAt(end) };
}

const lineStartsByTree = new WeakMap<RootCstNode, LineStarts>();
