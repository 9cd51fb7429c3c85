import type { DiagramScene } from '../../../language/diagram/diagram-scene.js';
import type { DiagramView } from '../../../language/diagram/diagram-view.js';
import type { DiagramResponse } from '../../../language/protocol/diagram-protocol.js';
import type { TraceView } from '../../../language/protocol/trace-protocol.js';
import type { MountedDiagram } from '../diagram-mount.js';
import { byId } from '../dom.js';
import type { HostToWebviewMessage, WebviewToHostMessage } from '../messages.js';
import type { Notices } from '../notices.js';
import { makeResizable } from '../panel-resize.js';
import type { PanZoom } from '../pan-zoom.js';
import { padBox, unionBox } from '../selection.js';
import type { PreviewStateStore } from '../state.js';
import { TraceControls } from './controls.js';
import { renderTraceLegend } from './legend.js';
import type { LoopAlone, TraceFocus, TraceLighting } from '../../../language/diagram/trace-lighting.js';
import { lightingOf, loopLighting } from '../../../language/diagram/trace-lighting.js';
import { fitsScene } from './fit.js';
import { applyTraceMarks } from './marks.js';
import { TracePanel } from './panel.js';
import { loopAloneText } from './text.js';

type ShowLoopMessage = Extract<HostToWebviewMessage, { type: 'showLoop' }>;

/** What trace mode needs from the preview around it. */
export interface TraceContext {
    readonly notices: Notices;
    readonly store: PreviewStateStore;
    readonly panZoom: PanZoom;
    post(message: WebviewToHostMessage): void;
    /** The last drawn diagram. */
    diagram(): DiagramResponse | undefined;
    /** The selected factor, for "Trace selected". */
    selectedFactor(): string | undefined;
    /** Whether a message about this document concerns the shown model. */
    concerns(uri: string): boolean;
    /** Sets every mark on the diagram again (the selection's and trace mode's). */
    applyMarks(): void;
    /** Shows another view of the model (the host lays it out and renders it); `besidePanel` packs it for the room the side panel leaves. */
    setView(view: DiagramView, besidePanel?: boolean): void;
}

/** Room around the lit part when it is brought into view, in diagram units. */
const revealPadding = 30;

/**
 * Trace mode (the memo's figures 9 and 10): the paths from one intervention to the KPIs lit
 * and coloured by verdict, the rest dimmed, and a side panel to pick one path or one loop.
 * The host computes the trace; this keeps it (by factor ids and relation indices, so it
 * survives re-renders), asks for it and tells the host when the user leaves.
 */
export class TraceMode {
    private trace?: TraceView;
    private loopAlone?: LoopAlone;
    private focus: TraceFocus = { kind: 'all' };
    /** A saved trace is asked for once after a reload, not after every render. */
    private restoreAsked = false;
    /** The view was an untouched fit when trace mode began: leaving fits it again. */
    private fittedBeforeTrace = false;
    /** The view before the lit part was drawn alone, to go back to. */
    private viewBeforeAlone: DiagramView = {};
    private readonly panel: TracePanel;
    private readonly controls: TraceControls;
    private readonly legend = byId('trace-legend', HTMLDivElement);

    constructor(private readonly context: TraceContext) {
        this.panel = new TracePanel({ focus: focus => this.setFocus(focus), toggleAlone: () => this.toggleAlone(), leave: () => this.leave() });
        this.controls = new TraceControls({
            trace: from => this.request(from),
            leave: () => this.leave(),
            traceSelected: () => {
                const factor = context.selectedFactor();
                if (factor !== undefined) {
                    this.request(factor);
                }
            }
        });
        makeResizable(byId('trace-resizer', HTMLDivElement), byId('trace-panel', HTMLElement));
        renderTraceLegend(this.legend);
        document.addEventListener('keydown', event => {
            const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement;
            if (event.key === 'Escape' && this.active && !typing) {
                this.leave();
            }
        });
    }

    get active(): boolean {
        return this.trace !== undefined || this.loopAlone !== undefined;
    }

    /** Asks the host to trace a factor; its `trace` answer turns the mode on. */
    request(from: string): void {
        const label = this.context.diagram()?.factors.find(f => f.id === from)?.label ?? from;
        this.context.notices.showStatus(`Tracing \u201c${label}\u201d\u2026`, true);
        this.context.post({ type: 'trace', from });
    }

    /** The user leaves trace mode: the view comes back and the host is told. */
    leave(): void {
        const wasOn = this.active || this.context.store.current.trace !== undefined;
        this.clear();
        if (wasOn) {
            this.context.post({ type: 'clearTrace' });
        }
    }

    /** Back to the normal view (the host's `clearTrace`, or after leaving). */
    clear(): void {
        const refit = this.fittedBeforeTrace && this.active && !this.alone;
        this.fittedBeforeTrace = false;
        this.endAlone();
        this.trace = undefined;
        this.loopAlone = undefined;
        this.focus = { kind: 'all' };
        this.panel.hide();
        this.controls.showTraced(undefined);
        this.legend.hidden = true;
        this.context.notices.showTraceProblem(undefined);
        this.context.store.update({ trace: undefined });
        this.context.applyMarks();
        if (refit) {
            this.context.panZoom.fit();
        } else {
            // The panel closed beside the diagram: what the user was reading stays where it is.
            this.context.panZoom.resizedBeside();
        }
    }

    onTrace(trace: TraceView): void {
        if (!this.context.concerns(trace.uri)) {
            return;
        }
        const fresh = this.trace?.from !== trace.from;
        // The saved trace, asked for again after a window reload: the view the user left is already back.
        const restored = this.trace === undefined && trace.from === this.context.store.current.trace;
        if (!this.active) {
            this.fittedBeforeTrace = this.context.panZoom.isFitted;
        }
        this.focus = fresh ? { kind: 'all' } : sameFocus(this.focus, this.trace, trace);
        this.trace = trace;
        this.loopAlone = undefined;
        this.panel.showTrace(trace);
        this.panel.showFocus(this.focus);
        this.controls.showTraced(trace.from, trace.fromLabel);
        this.legend.hidden = false;
        this.context.store.update({ trace: trace.from });
        this.context.notices.showStatus('');
        this.context.notices.showTraceProblem(trace.problem);
        this.context.applyMarks();
        if (this.alone) {
            this.drawAlone();
        } else if (fresh && !restored) {
            this.revealLit();
        }
    }

    /** One loop alone: the trace's own loop when it has it, else the loop by itself. */
    onShowLoop(message: ShowLoopMessage): void {
        if (!this.context.concerns(message.uri)) {
            return;
        }
        const wanted = [...message.relations].sort((a, b) => a - b).join(',');
        const own = this.trace?.loops.find(loop => [...loop.relations].sort((a, b) => a - b).join(',') === wanted);
        if (own) {
            this.setFocus({ kind: 'loop', id: own.id });
            return;
        }
        if (!this.active) {
            this.fittedBeforeTrace = this.context.panZoom.isFitted;
        }
        this.trace = undefined;
        this.focus = { kind: 'all' };
        this.loopAlone = { uri: message.uri, relations: message.relations, nodes: message.nodes };
        const { kind, reading } = loopAloneText(message, this.context.diagram());
        this.panel.showLoopAlone(reading, kind);
        this.panel.showFocus(this.focus);
        this.controls.showTraced(undefined);
        this.legend.hidden = true;
        this.context.notices.showTraceProblem(undefined);
        this.context.store.update({ trace: undefined });
        this.context.applyMarks();
        this.showLit(true);
    }

    /**
     * A new render: the model's interventions for the list; a saved trace is asked for. A file
     * of another model ends the trace (quietly: it has nothing to say there); another file of
     * the traced model keeps it.
     */
    onRender(diagram: DiagramResponse, previousUri: string): void {
        this.controls.showModel(diagram.factors);
        this.panel.showAlone(this.alone);
        if (previousUri !== diagram.uri) {
            const sameModel = this.trace !== undefined && this.trace.files.includes(diagram.uri);
            if (!sameModel && (this.active || this.context.store.current.trace !== undefined)) {
                this.leave();
            }
            return;
        }
        const saved = this.context.store.current.trace;
        if (!this.trace && saved !== undefined && !this.restoreAsked) {
            this.restoreAsked = true;
            this.request(saved);
        }
    }

    /** Sets trace mode's marks on a freshly mounted or re-marked diagram. */
    apply(mounted: MountedDiagram, scene: DiagramScene): void {
        applyTraceMarks(mounted, this.lighting(scene));
    }

    showSelection(factor: string | undefined): void {
        const role = factor === undefined ? undefined : this.context.diagram()?.factors.find(f => f.id === factor)?.role;
        this.controls.showSelection(role === 'intervention');
    }

    private setFocus(focus: TraceFocus): void {
        this.focus = focus;
        this.panel.showFocus(focus);
        this.context.applyMarks();
        this.showLit(true);
    }

    /** Whether the diagram shows only the lit part: a view of given factors, which only trace mode asks for. */
    private get alone(): boolean {
        return this.context.store.current.view.factors !== undefined;
    }

    private toggleAlone(): void {
        if (this.alone) {
            this.endAlone();
        } else if (this.active) {
            this.viewBeforeAlone = this.context.store.current.view;
            this.drawAlone();
        }
    }

    /**
     * Draws the lit part on its own: its factors laid out anew as one flow (DiagramView.flow),
     * fitted to the panel. Returns false when that is what the diagram already shows.
     */
    private drawAlone(): boolean {
        const lit = this.litNow();
        if (!lit) {
            return false;
        }
        const factors = [...lit.nodes].sort();
        const shown = this.context.store.current.view.factors;
        if (shown && shown.length === factors.length && shown.every((id, k) => id === factors[k])) {
            return false;
        }
        // Drawn where it is seen: beside the trace panel, not in the whole panel's shape.
        this.context.setView({ factors, flow: true }, true);
        this.panel.showAlone(true);
        return true;
    }

    private endAlone(): void {
        if (this.alone) {
            this.context.setView(this.viewBeforeAlone);
            this.viewBeforeAlone = {};
        }
        this.panel.showAlone(false);
    }

    /**
     * Shows what is lit now: drawn alone when the user asked so (the new drawing is fitted), else
     * brought into view; `closeUp` (a path or loop picked in the panel) zooms in on it as far as
     * it fits, up to full size, so that its text reads.
     */
    private showLit(closeUp = false): void {
        if (!(this.alone && this.drawAlone())) {
            this.revealLit(closeUp);
        }
    }

    /** What trace mode lights up, whatever the diagram shows now. */
    private litNow(): TraceLighting | undefined {
        return this.loopAlone ? loopLighting(this.loopAlone) : this.trace && lightingOf(this.trace, this.focus);
    }

    /** What the diagram shows lit now (also what an exported picture shows); none outside trace mode. */
    litFor(scene: DiagramScene): TraceLighting | undefined {
        // After an edit the old trace's indices may point at other arrows: show none until the new one arrives.
        return this.loopAlone || (this.trace && fitsScene(this.trace, scene)) ? this.litNow() : undefined;
    }

    private lighting(scene: DiagramScene): TraceLighting | undefined {
        const lit = this.litFor(scene);
        if (this.trace && !this.loopAlone) {
            this.panel.showNote(lit ? undefined : 'The model changed; the trace is being updated.');
        }
        return lit;
    }

    /** Brings the lit part into view: panning if it fits, zooming out only as far as needed. */
    private revealLit(closeUp = false): void {
        const scene = this.context.diagram()?.scene;
        const lighting = scene && this.lighting(scene);
        if (!scene || !lighting) {
            return;
        }
        const box = unionBox(scene.nodes.filter(n => lighting.nodes.has(n.id)), scene.edges.filter(e => lighting.relations.has(e.relation)));
        if (!box) {
            return;
        }
        const padded = padBox(box, revealPadding);
        const { panZoom } = this.context;
        if (closeUp) {
            panZoom.zoomTo(padded, Math.max(panZoom.current.scale, 1));
        } else if (panZoom.fits(padded)) {
            panZoom.reveal(padded);
        } else {
            panZoom.zoomTo(padded, panZoom.current.scale);
        }
    }
}

/** The focus to keep when the host re-sends a trace after an edit: the same loop, or the path with the same reading. */
function sameFocus(focus: TraceFocus, before: TraceView | undefined, after: TraceView): TraceFocus {
    if (focus.kind === 'loop' && after.loops.some(loop => loop.id === focus.id)) {
        return focus;
    }
    if (focus.kind === 'path') {
        const reading = before?.targets[focus.target]?.paths[focus.path]?.reading;
        const path = after.targets[focus.target]?.paths.findIndex(p => p.reading === reading) ?? -1;
        return path >= 0 ? { kind: 'path', target: focus.target, path } : { kind: 'all' };
    }
    return { kind: 'all' };
}
