import type { LangiumDocument } from 'langium';
import { AstUtils } from 'langium';
import type { Range, TextEdit } from 'vscode-languageserver';
import type { MarvelFile, Relation, RelationTarget } from '../generated/ast.js';
import { isRelationTarget } from '../generated/ast.js';

/** The relation clause (`+target (…) "note"`) whose text starts where `range` starts. */
export function findRelationTarget(document: LangiumDocument<MarvelFile>, range: Range): RelationTarget | undefined {
    const offset = document.textDocument.offsetAt(range.start);
    return AstUtils.streamAllContents(document.parseResult.value)
        .filter(isRelationTarget)
        .find(target => target.$cstNode?.offset === offset);
}

/**
 * Removes one clause of a relation. The last clause takes the whole statement with it,
 * including its line when nothing else stands on it; otherwise the clause goes with the
 * comma that joins it to its neighbour.
 */
export function removeRelationTarget(document: LangiumDocument, target: RelationTarget): TextEdit {
    const relation: Relation = target.$container;
    const text = document.textDocument.getText();
    if (relation.targets.length === 1) {
        const cst = relation.$cstNode!;
        return { range: wholeLines(text, cst.offset, cst.end, document), newText: '' };
    }
    const index = relation.targets.indexOf(target);
    const cst = target.$cstNode!;
    if (index > 0) {
        const previous = relation.targets[index - 1].$cstNode!;
        return { range: toRange(document, previous.end, cst.end), newText: '' };
    }
    const next = relation.targets[1].$cstNode!;
    return { range: toRange(document, cst.offset, next.offset), newText: '' };
}

function wholeLines(text: string, start: number, end: number, document: LangiumDocument): Range {
    let lineStart = start;
    while (lineStart > 0 && (text[lineStart - 1] === ' ' || text[lineStart - 1] === '\t')) {
        lineStart--;
    }
    let lineEnd = end;
    while (lineEnd < text.length && (text[lineEnd] === ' ' || text[lineEnd] === '\t')) {
        lineEnd++;
    }
    const ownsLine = (lineStart === 0 || text[lineStart - 1] === '\n') && (lineEnd === text.length || text[lineEnd] === '\n' || text[lineEnd] === '\r');
    if (!ownsLine) {
        return toRange(document, start, end);
    }
    if (text[lineEnd] === '\r') {
        lineEnd++;
    }
    if (text[lineEnd] === '\n') {
        lineEnd++;
    }
    return toRange(document, lineStart, lineEnd);
}

function toRange(document: LangiumDocument, start: number, end: number): Range {
    return { start: document.textDocument.positionAt(start), end: document.textDocument.positionAt(end) };
}
