import type { LangiumDocument } from 'langium';
import { AstUtils } from 'langium';
import type { Range, TextEdit } from 'vscode-languageserver';
import type { MarvelFile, Relation, RelationTarget } from '../generated/ast.js';
import { isRelationTarget } from '../generated/ast.js';

/** Finds relation clauses (`+target (…) "note"`) of a document by the start of their range; indexes the document once. */
export function relationTargetFinder(document: LangiumDocument<MarvelFile>): (range: Range) => RelationTarget | undefined {
    const byOffset = new Map<number, RelationTarget>();
    for (const node of AstUtils.streamAllContents(document.parseResult.value)) {
        if (isRelationTarget(node) && node.$cstNode) {
            byOffset.set(node.$cstNode.offset, node);
        }
    }
    return range => byOffset.get(document.textDocument.offsetAt(range.start));
}

/**
 * Removes clauses of one relation. Removing every clause takes the whole statement with it,
 * including its line when nothing else stands on it; otherwise each run of removed clauses
 * goes with the commas that join it to the clauses that stay.
 */
export function removeRelationTargets(document: LangiumDocument, relation: Relation, removed: ReadonlySet<RelationTarget>): TextEdit[] {
    const text = document.textDocument.getText();
    const targets = relation.targets;
    if (targets.every(t => removed.has(t))) {
        const cst = relation.$cstNode!;
        return [{ range: wholeLines(text, cst.offset, cst.end, document), newText: '' }];
    }
    const edits: TextEdit[] = [];
    for (let i = 0; i < targets.length; i++) {
        if (!removed.has(targets[i])) {
            continue;
        }
        let j = i;
        while (j + 1 < targets.length && removed.has(targets[j + 1])) {
            j++;
        }
        const range = i > 0
            ? toRange(document, targets[i - 1].$cstNode!.end, targets[j].$cstNode!.end)
            : toRange(document, targets[0].$cstNode!.offset, targets[j + 1].$cstNode!.offset);
        edits.push({ range, newText: '' });
        i = j;
    }
    return edits;
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
