import { NotificationType, RequestType } from 'vscode-jsonrpc/lib/common/messages.js';
import type { FactorRole } from '../analysis/model-graph.js';
import type { DiagramScene } from '../diagram/diagram-scene.js';
import type { DiagramView } from '../diagram/diagram-view.js';
import type { KeptPacking } from '../diagram/part-packing.js';


export interface DiagramRequestParams {
    /** The document whose model to draw. */
    readonly uri: string;
    readonly view: DiagramView;
    /** Width / height of the preview's diagram area: the categories are packed to fill it. */
    readonly aspectRatio?: number;
    /**
     * The whole model's packing as the preview drew it before a window reload (from its saved
     * state), kept to where the model allows; untrusted, only a hint (isKeptPacking).
     */
    readonly packing?: KeptPacking;
}

/** A factor as the preview's lists and search know it. */
export interface DiagramFactorSummary {
    readonly id: string;
    readonly label: string;
    readonly role: FactorRole;
    readonly category?: string;
}

export interface DiagramResponse {
    readonly uri: string;
    /** The document version the diagram was made from; older answers are dropped. */
    readonly version: number;
    /**
     * The laid-out diagram, absent while the model has syntax errors: the preview then keeps
     * its last good diagram and shows `problem`.
     */
    readonly scene?: DiagramScene;
    /** Why there is no new diagram, in a sentence for the banner. */
    readonly problem?: string;
    /**
     * Errors in the model's files other than syntax (an unknown name, a name declared twice):
     * the diagram shows what resolved, so a relation to an unknown name is missing from it.
     */
    readonly errors?: number;
    readonly title?: string;
    /** The files of the model drawn: the preview stays on it, and on its view, when another of them becomes the active editor. */
    readonly files?: readonly string[];
    /** Every category of the whole model, for the category filter. */
    readonly categories: ReadonlyArray<{ readonly id: string; readonly label: string }>;
    /** Every factor of the whole model, for search and focus. */
    readonly factors: readonly DiagramFactorSummary[];
}

/**
 * The custom language server request that lays out a model for the preview: its method and
 * types, declared once for the server and the extension host (no `vscode` import).
 */
export const DiagramRequest = new RequestType<DiagramRequestParams, DiagramResponse, void>('marvel/diagram');

export interface FilesValidatedParams {
    readonly uris: readonly string[];
}

/**
 * The server built and validated these files anew: after an edit, and after a file was
 * created, changed or deleted on disk, which the editor does not see as an edit. A picture of
 * a model may be out of date; the preview asks again when no redraw is on its way.
 */
export const FilesValidatedNotification = new NotificationType<FilesValidatedParams>('marvel/filesValidated');
