import type { AstNode } from 'langium';
import { AstUtils, CstUtils, isLeafCstNode } from 'langium';
import { isCategory, isFactor, isImport, isModelHeader, isRelation, isScenario, isSetting } from '../../generated/ast.js';

/** A relation as the layout needs it: where it ends and where each target after the first begins. */
export interface RelationSpan {
    /** Exclusive end offset of the relation's last token. */
    readonly end: number;
    readonly laterTargetStarts: readonly number[];
}

/**
 * What the parse tree says about the token stream, keyed by token offset. The layout works on
 * tokens; the tree only decides where lines must begin, which tokens alone cannot tell
 * (`set` may be a keyword or a factor's name).
 */
export interface FileStructure {
    /** Offsets of the first token of every header, import, declaration, relation and setting. */
    readonly statementStarts: ReadonlySet<number>;
    /** Relations by the offset of their first token. */
    readonly relations: ReadonlyMap<number, RelationSpan>;
}

export function analyzeStructure(root: AstNode): FileStructure {
    const statementStarts = new Set<number>();
    const relations = new Map<number, RelationSpan>();
    for (const node of AstUtils.streamAst(root)) {
        if (!isStatement(node)) {
            continue;
        }
        const start = firstTokenOffset(node);
        if (start === undefined) {
            continue;
        }
        statementStarts.add(start);
        if (isRelation(node) && node.$cstNode) {
            const laterTargetStarts = node.targets.slice(1)
                .map(firstTokenOffset)
                .filter((offset): offset is number => offset !== undefined);
            relations.set(start, { end: node.$cstNode.end, laterTargetStarts });
        }
    }
    return { statementStarts, relations };
}

function isStatement(node: AstNode): boolean {
    return isModelHeader(node) || isImport(node) || isCategory(node) || isFactor(node)
        || isRelation(node) || isScenario(node) || isSetting(node);
}

/** Comments may hang inside a node's CST, so its own offset may be a comment's. */
function firstTokenOffset(node: AstNode): number | undefined {
    if (!node.$cstNode) {
        return undefined;
    }
    const leaf = CstUtils.streamCst(node.$cstNode).find(cst => isLeafCstNode(cst) && !cst.hidden);
    return leaf?.offset;
}
