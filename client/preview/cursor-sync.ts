import type * as vscode from 'vscode';
import type { SourceRange } from '../../language/analysis/model-graph.js';
import type { DiagramScene } from '../../language/diagram/diagram-scene.js';

const identifier = /[_\p{L}][_\p{L}\p{N}]*/u;

/**
 * What the cursor stands on, in diagram terms: the factor whose name is under it (in a
 * declaration or a reference) and the relation clause it is in.
 */
export function elementsAtCursor(scene: DiagramScene, document: vscode.TextDocument, position: vscode.Position): { factors: string[]; relations: number[] } {
    const uri = document.uri.toString();
    const wordRange = document.getWordRangeAtPosition(position, identifier);
    const word = wordRange ? document.getText(wordRange) : undefined;
    const factors = word !== undefined && scene.nodes.some(n => n.id === word) ? [word] : [];
    const relations = scene.edges
        .filter(edge => edge.location.uri === uri && contains(edge.location.range, position.line, position.character))
        .filter(edge => factors.length === 0 || edge.source === factors[0] || edge.target === factors[0])
        .map(edge => edge.relation);
    return { factors, relations };
}

function contains(range: SourceRange, line: number, character: number): boolean {
    const afterStart = line > range.start.line || (line === range.start.line && character >= range.start.character);
    const beforeEnd = line < range.end.line || (line === range.end.line && character <= range.end.character);
    return afterStart && beforeEnd;
}
