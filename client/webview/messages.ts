import type { DiagramView } from '../../language/diagram/diagram-view.js';
import type { DiagramResponse } from '../../language/protocol/diagram-protocol.js';
import type { SourceRange } from '../../language/analysis/model-graph.js';
import type { TraceView } from '../../language/protocol/trace-protocol.js';
import type { SimulationModelResponse } from '../../language/protocol/simulation-protocol.js';

/**
 * Messages between the extension host and the preview webview. Every message about a
 * document carries its URI (and, for renders, its version) so that stale ones are dropped.
 */
export type HostToWebviewMessage =
    | { readonly type: 'render'; readonly diagram: DiagramResponse; readonly view: DiagramView; readonly locked: boolean }
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
    /** Show this range of this document in the editor (a click on a factor or relation). */
    | { readonly type: 'reveal'; readonly uri: string; readonly range: SourceRange }
    /** Lay the diagram out again for another view (category filter, focus, arrows into). */
    | { readonly type: 'setView'; readonly view: DiagramView }
    /** Save the picture: SVG text, or a PNG as a data URL. */
    | { readonly type: 'export'; readonly format: 'svg' | 'png'; readonly data: string }
    /** Follow the active editor, or stay on the current document. */
    | { readonly type: 'setLocked'; readonly locked: boolean }
    /** Enter trace mode for this factor (an intervention clicked or picked in the preview). */
    | { readonly type: 'trace'; readonly from: string }
    /** Leave trace mode. */
    | { readonly type: 'clearTrace' }
    /** The time slider needs the model's graph to simulate. */
    | { readonly type: 'simulationModel'; readonly uri: string };

/** What the webview keeps across reloads (through the VS Code webview state API). */
export interface PreviewState {
    readonly uri: string;
    readonly view: DiagramView;
    readonly locked: boolean;
    /** The factor being traced, so trace mode comes back after a reload. */
    readonly trace?: string;
    readonly zoom?: { readonly scale: number; readonly x: number; readonly y: number };
}
