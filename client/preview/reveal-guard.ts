import type { SourceRange } from '../../language/analysis/model-graph.js';
import type { DiagramScene } from '../../language/diagram/diagram-scene.js';

/**
 * Whether the webview may have the editor show `uri`: only the previewed document and the files
 * its drawn model was written in. A webview's messages are untrusted input: this keeps a page that
 * was tampered with from opening any other file.
 */
export function mayReveal(uri: unknown, range: unknown, previewed: string, scene: DiagramScene | undefined): boolean {
    if (typeof uri !== 'string' || !isRange(range)) {
        return false;
    }
    if (uri === previewed) {
        return true;
    }
    return scene !== undefined && [...scene.nodes, ...scene.edges, ...scene.categories].some(item => item.location.uri === uri);
}

function isRange(value: unknown): value is SourceRange {
    const position = (p: unknown): boolean => typeof p === 'object' && p !== null
        && Number.isInteger((p as { line?: unknown }).line) && Number.isInteger((p as { character?: unknown }).character)
        && (p as { line: number }).line >= 0 && (p as { character: number }).character >= 0;
    return typeof value === 'object' && value !== null && position((value as { start?: unknown }).start) && position((value as { end?: unknown }).end);
}
