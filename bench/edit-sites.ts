import type { LangiumDocument } from 'langium';
import { AstUtils } from 'langium';
import type { MarvelFile, RelationTarget } from '../language/generated/ast.js';
import { isFactor, isRelationTarget } from '../language/generated/ast.js';

/** A whole-file replacement text that changes exactly one relation clause. */
export interface RelationEdit {
    readonly description: string;
    readonly text: string;
}

export interface RelationEdits {
    /** Flips the sign of one clause (`+` ↔ `-`). */
    readonly sign: RelationEdit;
    /** Points one clause at another factor of the same file. */
    readonly target?: RelationEdit;
}

/**
 * Finds a relation clause in the middle of the document and spells out two typical edits of it.
 * Taken from the AST rather than from text patterns so that it works on any model, the seed
 * example included.
 */
export function findRelationEdits(document: LangiumDocument<MarvelFile>, model: readonly LangiumDocument<MarvelFile>[]): RelationEdits | undefined {
    const clauses = relationClauses(document);
    const clause = clauses[Math.floor(clauses.length / 2)];
    const signNode = clause?.$cstNode;
    if (!clause || !signNode) {
        return undefined;
    }
    const text = document.textDocument.getText();
    if (text[signNode.offset] !== clause.sign) {
        throw new Error(`The clause at offset ${signNode.offset} of ${fileName(document)} does not start with its sign.`);
    }
    const source = clause.$container.source.$refText;
    const line = signNode.range.start.line + 1;
    const newSign = clause.sign === '+' ? '-' : '+';
    const where = `${fileName(document)}:${line}`;
    const sign: RelationEdit = {
        description: `${source} -> ${clause.sign}${clause.target.$refText} becomes ${newSign} (${where})`,
        text: text.slice(0, signNode.offset) + newSign + text.slice(signNode.offset + 1)
    };
    const targetNode = clause.target.$refNode;
    const replacement = replacementTarget(document, model, source);
    const target = targetNode && replacement ? {
        description: `${source} -> ${clause.sign}${clause.target.$refText} points at ${replacement} instead (${where})`,
        text: text.slice(0, targetNode.offset) + replacement + text.slice(targetNode.end)
    } : undefined;
    return { sign, target };
}

function relationClauses(document: LangiumDocument<MarvelFile>): RelationTarget[] {
    return AstUtils.streamAllContents(document.parseResult.value).filter(isRelationTarget).toArray();
}

/** A factor of the same file that the source does not point at yet, so the edit adds no duplicate. */
function replacementTarget(document: LangiumDocument<MarvelFile>, model: readonly LangiumDocument<MarvelFile>[], source: string): string | undefined {
    const existing = new Set<string>([source]);
    for (const other of model) {
        for (const clause of relationClauses(other)) {
            if (clause.$container.source.$refText === source) {
                existing.add(clause.target.$refText);
            }
        }
    }
    const factors = AstUtils.streamAllContents(document.parseResult.value).filter(isFactor).filter(f => f.kind !== 'kpi').toArray();
    const start = Math.floor(factors.length / 2);
    return [...factors.slice(start), ...factors.slice(0, start)].find(f => !existing.has(f.name))?.name;
}

function fileName(document: LangiumDocument): string {
    return decodeURIComponent(document.uri.path.split('/').pop() ?? document.uri.path);
}
