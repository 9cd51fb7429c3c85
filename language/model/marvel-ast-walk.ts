import type { CstNode, Reference, ReferenceInfo } from 'langium';
import { GrammarUtils } from 'langium';
import type { AstNode } from 'langium';
import type { Category, Factor, MarvelFile, Relation, Scenario } from '../generated/ast.js';

/*
 * Walks over a MARVEL syntax tree along the grammar's own structure. Langium's generic streams
 * visit every node through iterators and property lists; on a model of thousands of relations
 * that costs more than the work done at each node, and every stage of a build walks the tree.
 * A test holds these walks against Langium's streams, so a grammar change cannot go unnoticed.
 */

/** A statement of a file or of a category block. */
export type Statement = Category | Factor | Relation | Scenario;

/** Every statement, categories before their contents, in text order. */
export function forEachStatement(file: MarvelFile, visit: (statement: Statement) => void): void {
    for (const element of file.elements ?? []) {
        visitStatement(element, visit);
    }
}

function visitStatement(statement: Statement, visit: (statement: Statement) => void): void {
    visit(statement);
    if (statement.$type === 'Category') {
        for (const member of statement.members ?? []) {
            visitStatement(member, visit);
        }
    }
}

/** Every cross-reference of the file with its container and property, in text order. */
export function forEachReference(file: MarvelFile, visit: (info: ReferenceInfo) => void): void {
    const each = (container: ReferenceInfo['container'], property: string, reference: Reference | undefined): void => {
        if (reference) {
            visit({ reference, container, property });
        }
    };
    forEachStatement(file, statement => {
        switch (statement.$type) {
            case 'Factor':
                each(statement, 'category', statement.category);
                break;
            case 'Relation':
                each(statement, 'source', statement.source);
                for (const target of statement.targets ?? []) {
                    each(target, 'target', target.target);
                }
                break;
            case 'Scenario':
                for (const setting of statement.settings ?? []) {
                    each(setting, 'factor', setting.factor);
                }
                break;
        }
    });
}

/** Every node of the tree, the file first, each node before its children, in text order. */
export function forEachNode(file: MarvelFile, visit: (node: AstNode) => void): void {
    visit(file);
    if (file.header) {
        visit(file.header);
    }
    for (const node of file.imports ?? []) {
        visit(node);
    }
    forEachStatement(file, statement => {
        visit(statement);
        if (statement.$type === 'Relation') {
            for (const target of statement.targets ?? []) {
                visit(target);
                for (const attribute of target.attributes ?? []) {
                    visit(attribute);
                }
            }
        } else if (statement.$type === 'Scenario') {
            for (const setting of statement.settings ?? []) {
                visit(setting);
            }
        }
    });
}

/** A reference the parser made with its container and property, found from its syntax node. */
export function referenceInfoOf(reference: Reference, refNode: CstNode): ReferenceInfo {
    return { reference, container: refNode.astNode, property: GrammarUtils.findAssignment(refNode)?.feature ?? '' };
}
