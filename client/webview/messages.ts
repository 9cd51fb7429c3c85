import type { DiagramView } from '../../language/diagram/diagram-view.js';
import type { KeptPacking } from '../../language/diagram/part-packing.js';
import type { DiffPictureResponse } from '../../language/protocol/diff-protocol.js';
import type { SourceRange } from '../../language/analysis/model-graph.js';
import type { TraceView } from '../../language/protocol/trace-protocol.js';
import type { SimulationModelResponse } from '../../language/protocol/simulation-protocol.js';

/**
 * Messages between the extension host and the preview webview. Every message about a
 * document carries its URI (and, for renders, its version) so that stale ones are dropped.
 */
export type HostToWebviewMessage =
    /** A diagram; in diff mode the union of both models with the change (`diagram.diff`), and what it is compared with. */
    | { readonly type: 'render'; readonly diagram: DiffPictureResponse; readonly view: DiagramView; readonly locked: boolean; readonly against?: DiffAgainst }
    | { readonly type: 'highlight'; readonly uri: string; readonly factors: readonly string[]; readonly relations: readonly number[] }
    | { readonly type: 'exported'; readonly path: string }
    /** Trace mode: light up how one intervention works through to the KPIs. */
    | { readonly type: 'trace'; readonly trace: TraceView }
    /** Leave trace mode. */
    | { readonly type: 'clearTrace' }
    /** Show one feedback loop alone (from the Loops view). */
    | { readonly type: 'showLoop'; readonly uri: string; readonly relations: readonly number[]; readonly nodes: readonly string[] }
    /** The model to simulate for the time slider (time-travel.ts), answering `simulationModel`. */
    | { readonly type: 'simulationModel'; readonly model: SimulationModelResponse };

export type WebviewToHostMessage =
    /** The webview has loaded its script and can receive renders; the diagram area's width / height, when it has a size. */
    | { readonly type: 'ready'; readonly aspectRatio?: number }
    /** The diagram area changed shape noticeably: lay out again to fill it. */
    | { readonly type: 'resize'; readonly aspectRatio: number }
    /**
     * Show this range of this document in the editor: on a click the preview keeps the keyboard
     * (its keys zoom and pan), on Enter or a double-click (`focus`) the editor takes it, to type there.
     */
    | { readonly type: 'reveal'; readonly uri: string; readonly range: SourceRange; readonly focus: boolean }
    /**
     * Lay the diagram out again for another view (category filter, focus, arrows into), packed
     * for `aspectRatio` where the view is drawn in less room than the panel's (a trace drawn
     * alone beside the trace panel).
     */
    | { readonly type: 'setView'; readonly view: DiagramView; readonly aspectRatio?: number }
    /** Save the picture: SVG text, or a PNG as a data URL. */
    | { readonly type: 'export'; readonly format: 'svg' | 'png'; readonly data: string }
    /** Follow the active editor, or stay on the current document. */
    | { readonly type: 'setLocked'; readonly locked: boolean }
    /** Enter trace mode for this factor (an intervention clicked or picked in the preview). */
    | { readonly type: 'trace'; readonly from: string }
    /** Leave trace mode. */
    | { readonly type: 'clearTrace' }
    /** The time slider needs the model's graph to simulate. */
    | { readonly type: 'simulationModel'; readonly uri: string }
    /** Leave diff mode: show the model as it is. */
    | { readonly type: 'leaveDiff' }
    /** Diff mode draws the change alone, or the whole view again. */
    | { readonly type: 'setDiffAlone'; readonly alone: boolean };

/**
 * What diff mode compares the shown document with, as the host reads it again after a reload:
 * a file, a git revision of the document, or the original side of a diff editor (read through the editor).
 */
export interface DiffAgainst {
    /** "HEAD", "main", "old.marvel", "the index". */
    readonly label: string;
    /** A `file:` URI: where the old file is or was; its imports resolve from there. */
    readonly uri: string;
    /** A git revision (the empty string: the index) to read the old file and its imports from. */
    readonly revision?: string;
    /** The diff editor's original side (a `git:` URI), whose text the editor gives. */
    readonly original?: string;
    /** Draw the change alone: the changed factors and the ends of changed relations (`marvel render --diff --scope changed`); else the whole view. */
    readonly alone?: boolean;
}

/** What the webview keeps across reloads (through the VS Code webview state API). */
export interface PreviewState {
    readonly uri: string;
    readonly view: DiagramView;
    readonly locked: boolean;
    /** The factor being traced, so trace mode comes back after a reload. */
    readonly trace?: string;
    /** What diff mode compares with, so diff mode comes back after a reload. */
    readonly diff?: DiffAgainst;
    /**
     * The zoom, and the point of the diagram at the middle of the view: a window reload shows
     * that point there again, whatever size the panel passes through while it comes back (its
     * translation, kept instead, came back for a panel of another size and left the view 150 px off).
     */
    readonly viewCentre?: { readonly scale: number; readonly x: number; readonly y: number };
    /** How the whole model's categories were packed when last drawn: a window reload packs them so again. */
    readonly packing?: KeptPacking;
}
