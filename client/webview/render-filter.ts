import type { DiagramResponse } from '../../language/protocol/diagram-protocol.js';

/** The document and version of the diagram on screen. */
export interface Shown {
    readonly uri: string;
    readonly version: number;
}

/**
 * Whether a render should replace what is shown. Another document's render is a new
 * document (the preview follows the editor), unless the preview is locked to the one it
 * shows and the host sent it as following (`sentLocked` false): then it is a late answer from
 * before the lock. One the host sent locked moves the locked preview on purpose (the preview
 * command on another file). For the same document, an answer older than the diagram on
 * screen is stale; the same version is a new view of it.
 */
export function acceptRender(shown: Shown | undefined, locked: boolean, diagram: DiagramResponse, sentLocked: boolean): boolean {
    if (!shown) {
        return true;
    }
    if (diagram.uri !== shown.uri) {
        return !locked || sentLocked;
    }
    return diagram.version >= shown.version;
}
