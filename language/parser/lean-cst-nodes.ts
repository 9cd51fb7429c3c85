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
 * array of their number, or, for the many rules of one child (a name, a sign), the child alone.
 * Nor does a node store its root or whether it is hidden: the root is found through the
 * containers, and a token is hidden exactly when no grammar element consumed it. Langium
 * recognises nodes by shape (`content`, `tokenType`), not class.
 */

/** A token's node. */
export class LeanLeafNode implements LeafCstNode {
    container?: CompositeCstNode;
    /** The grammar element that consumed the token; none for a comment. */
    grammarSource?: GrammarAST.AbstractElement;

    constructor(
        readonly offset: number,
        readonly length: number,
        readonly tokenType: TokenType
    ) {}

    get end(): number {
        return this.offset + this.length;
    }

    get hidden(): boolean {
        return this.grammarSource === undefined;
    }

    get root(): RootCstNode {
        return rootAbove(this.container);
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
    /** An array while the rule is parsed; once it is complete with exactly one child, that child. */
    private children: CstNode[] | CstNode = [];
    private ownAstNode?: AstNode;

    /** The children; a rule of one child answers a new array of it each time (nothing is added to a complete rule). */
    get content(): CstNode[] {
        return Array.isArray(this.children) ? this.children : [this.children];
    }

    set content(children: CstNode[]) {
        this.children = children;
    }

    /** Called once the rule is complete: its children are final, so they take no more room than their number. */
    complete(): void {
        const children = this.children;
        if (Array.isArray(children) && children.length > 0) {
            this.children = children.length === 1 ? children[0] : exactCopy(children);
        }
    }

    get root(): RootCstNode {
        return rootAbove(this.container);
    }

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
        if (Array.isArray(this.children) && this.children.length === 0) {
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
        const children = this.children;
        if (!Array.isArray(children)) {
            return children;
        }
        for (const child of children) {
            if (!child.hidden) {
                return child;
            }
        }
        return children[0];
    }

    private get lastNonHiddenNode(): CstNode | undefined {
        const children = this.children;
        if (!Array.isArray(children)) {
            return children;
        }
        for (let i = children.length - 1; i >= 0; i--) {
            if (!children[i].hidden) {
                return children[i];
            }
        }
        return children[children.length - 1];
    }
}

/** A plain array of exactly the given items: a grown array keeps room for 17 or more. */
export function exactCopy<T>(items: readonly T[]): T[] {
    const copy = new Array<T>(items.length);
    for (let i = 0; i < items.length; i++) {
        copy[i] = items[i];
    }
    return copy;
}

function astNodeAbove(container: CompositeCstNode | undefined): AstNode {
    if (!container) {
        throw new Error('This node has no associated AST element');
    }
    return container.astNode;
}

/** The root of the tree a node's container belongs to (the root is its own root, with no container). */
function rootAbove(container: CompositeCstNode | undefined): RootCstNode {
    let node = container;
    while (node?.container) {
        node = node.container;
    }
    if (!node) {
        throw new Error('This syntax node belongs to no tree');
    }
    return node as RootCstNode;
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
