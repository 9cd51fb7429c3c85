import { counted } from '../../language/text/counted.js';
import type { DiagramScene, SceneBox } from '../../language/diagram/diagram-scene.js';
import type { DiagramView } from '../../language/diagram/diagram-view.js';
import { isWholeModel } from '../../language/diagram/diagram-view.js';
import type { SourceLocation } from '../../language/analysis/model-graph.js';
import type { DiffPictureResponse } from '../../language/protocol/diff-protocol.js';
import { svgPicture } from '../../language/diagram/svg-renderer.js';
import type { MountedDiagram } from './diagram-mount.js';
import { mountSvg } from './diagram-mount.js';
import { byId, setLineText } from './dom.js';
import { exportDiagram } from './export.js';
import { findFactor } from './find.js';
import { isHostMessage } from './host-messages.js';
import { foldLegendWhenShort, renderLegend, renderMarksLegend } from './legend.js';
import type { HostToWebviewMessage, PreviewState } from './messages.js';
import { Notices } from './notices.js';
import { PanZoom } from './pan-zoom.js';
import type { Shown } from './render-filter.js';
import { acceptRender } from './render-filter.js';
import type { Selection } from './selection.js';
import { Marks, padBox, selectionAt, selectionLocation } from './selection.js';
import { initialState, PreviewStateStore } from './state.js';
import { paletteOf, themeOf, watchTheme } from './theme.js';
import { isLegible, SemanticZoom } from './semantic-zoom.js';
import type { StepDirection } from './spatial-step.js';
import { nearestTo, stepDirectionOf, stepFrom } from './spatial-step.js';
import { stubDestination } from './stub-navigation.js';
import { timeColouringEvent } from './time-travel.js';
import { Toolbar } from './toolbar.js';
import { TraceMode } from './trace/mode.js';
import { DiffMode } from './diff/mode.js';
import { describeView } from './view-text.js';
import { ViewAnchor } from './view-anchor.js';
import { SelectionLine } from './selection-line.js';
import type { VsCodeApi } from './vscode-api.js';
import { aspectRatioOf, watchPanelShape } from './panel-shape.js';

type RenderMessage = Extract<HostToWebviewMessage, { type: 'render' }>;
type HighlightMessage = Extract<HostToWebviewMessage, { type: 'highlight' }>;

/** Room left around a selection when zooming to it, in diagram units. */
const selectionPadding = 40;
/** How long a resize of the viewport rests before the overview is drawn for its new size. */
const overviewResizeMs = 200;

/**
 * The preview page: takes renders and highlights from the extension host, draws them,
 * and turns clicks, finds and toolbar presses into messages back.
 */
export class PreviewController {
    private readonly viewport = byId('viewport', HTMLElement);
    private readonly stage = byId('stage', HTMLDivElement);
    private readonly viewDescription = byId('view-description', HTMLSpanElement);
    private readonly modelErrors = byId('model-errors', HTMLSpanElement);
    private readonly selectionLine = new SelectionLine(id => this.showFactor(id));
    private readonly legend = byId('legend-body', HTMLDivElement);
    private readonly diffLegend = byId('diff-legend', HTMLDivElement);
    private readonly notices = new Notices();
    private readonly marks = new Marks();
    private readonly store: PreviewStateStore;
    private readonly toolbar: Toolbar;
    private readonly panZoom: PanZoom;
    private readonly semanticZoom: SemanticZoom;
    private readonly traceMode: TraceMode;
    private readonly diffMode: DiffMode;
    /** The last render that had a diagram, with the list of the model's factors and categories (in diff mode, the union's). */
    private diagram?: DiffPictureResponse;
    private mounted?: MountedDiagram;
    /** The overview text size the picture was drawn with; undefined without an overview layer. */
    private drawnOverviewFontSize?: number;
    private resizeTimer?: ReturnType<typeof setTimeout>;
    /** Reports a change of the panel's shape still due, once the picture is shown whole (panel-shape.ts). */
    private reportPanelShape?: () => void;
    private shown?: Shown;
    private shownView?: string;
    /** The saved zoom and middle of the view, used once: for the first diagram of the saved document. */
    private restoredCentre?: { readonly uri: string; readonly centre: NonNullable<PreviewState['viewCentre']> };
    /** A factor found outside the current view: centred once the whole model arrives. */
    private pendingFind?: string;
    /** Whether the factors are coloured over time (time-travel.ts), which draws them at every zoom. */
    private colouredOverTime = false;

    constructor(private readonly api: VsCodeApi) {
        this.store = new PreviewStateStore(api, initialState(api, document));
        const { uri, viewCentre } = this.store.current;
        this.restoredCentre = viewCentre && { uri, centre: viewCentre };
        this.toolbar = new Toolbar({
            find: query => this.find(query),
            leaveFind: () => {
                this.select(undefined);
                this.viewport.focus();
            },
            showCategory: category => this.setView(category === undefined ? {} : { category }),
            focus: (up, down) => this.withSelectedFactor(factor => this.setView({ focus: { factor, up, down } })),
            arrowsInto: () => this.withSelectedFactor(factor => this.setView({ into: factor })),
            wholeModel: () => this.setView({}),
            zoomIn: () => this.panZoom.zoomBy(1.25),
            zoomOut: () => this.panZoom.zoomBy(0.8),
            fit: () => {
                this.panZoom.fit();
                this.reportPanelShape?.();
            },
            zoomToSelection: () => this.zoomToSelection(),
            toggleLock: () => this.toggleLock(),
            export: format => this.export(format)
        });
        this.panZoom = new PanZoom(this.viewport, this.stage, (transform, moving) => {
            this.semanticZoom.update(transform.scale, moving);
            // Text changed in the toolbar is painted again with the page around it: not at every frame of a gesture.
            if (!moving) {
                this.toolbar.showZoom(transform.scale);
                this.fadeAroundSelection();
            }
            if (this.diagram) {
                this.saveViewCentre();
            }
        });
        this.semanticZoom = new SemanticZoom(this.viewport, this.panZoom);
        this.traceMode = new TraceMode({
            notices: this.notices,
            store: this.store,
            panZoom: this.panZoom,
            post: message => this.api.postMessage(message),
            diagram: () => this.diagram,
            selectedFactor: () => this.marks.factor,
            concerns: uri => this.concerns(uri),
            applyMarks: () => this.applyMarks(),
            setView: (view, besidePanel) => this.setView(view, besidePanel ? aspectRatioOf(this.viewport) : undefined)
        });
        this.diffMode = new DiffMode({
            notices: this.notices,
            post: message => this.api.postMessage(message),
            showElement: (shown, reveal) => this.showElement(shown, reveal),
            redraw: () => this.draw()
        });
    }

    start(): void {
        window.addEventListener('message', event => this.onMessage(event.data));
        window.addEventListener(timeColouringEvent, event => this.onTimeColouring(event instanceof CustomEvent && event.detail === true));
        this.viewport.addEventListener('click', event => this.onClick(event));
        this.viewport.addEventListener('dblclick', event => this.onDoubleClick(event));
        this.viewport.addEventListener('keydown', event => this.onViewportKey(event));
        new ResizeObserver(() => this.redrawForSize()).observe(this.viewport);
        watchTheme(document.body, () => {
            this.draw();
            renderLegend(this.legend, paletteOf(document.body));
        });
        renderLegend(this.legend, paletteOf(document.body));
        foldLegendWhenShort(byId('legend', HTMLDetailsElement));
        this.toolbar.showLocked(this.store.current.locked);
        this.toolbar.showView(this.store.current.view);
        this.toolbar.showSelection(false, false);
        this.notices.showEmpty('Waiting for the diagram…');
        // The shape of the diagram's area with the side panels' room: trace or diff mode opening one does not pack the model anew.
        const workspace = byId('workspace', HTMLElement);
        const aspectRatio = aspectRatioOf(workspace);
        this.api.postMessage({ type: 'ready', aspectRatio });
        this.reportPanelShape = watchPanelShape(workspace, aspectRatio, () => this.panZoom.isFitted, ratio => this.api.postMessage({ type: 'resize', aspectRatio: ratio }));
    }

    private onMessage(data: unknown): void {
        if (!isHostMessage(data)) {
            return;
        }
        switch (data.type) {
            case 'render':
                this.onRender(data);
                break;
            case 'highlight':
                this.onHighlight(data);
                break;
            case 'exported':
                this.notices.showStatus(`Saved ${data.path}`);
                break;
            case 'trace':
                this.traceMode.onTrace(data.trace);
                break;
            case 'clearTrace':
                this.traceMode.clear();
                break;
            case 'showLoop':
                this.traceMode.onShowLoop(data);
                break;
        }
    }

    private onRender(message: RenderMessage): void {
        const { diagram, view } = message;
        const state = this.store.current;
        const current = this.shown ?? (state.uri ? { uri: state.uri, version: -Infinity } : undefined);
        if (!acceptRender(current, state.locked, diagram, message.locked)) {
            return;
        }
        const newDocument = this.shown?.uri !== diagram.uri;
        if (!this.concerns(diagram.uri)) {
            this.toolbar.clearFind();
        }
        // The whole model's packing, kept for a window reload; another model's is dropped.
        const packing = diagram.scene && isWholeModel(view) && !message.against ? diagram.scene.packing : newDocument ? undefined : state.packing;
        this.store.update({ uri: diagram.uri, view, locked: message.locked, diff: message.against, packing });
        this.toolbar.showLocked(message.locked);
        if (!diagram.scene) {
            this.showProblemOnly(diagram, newDocument);
            this.toolbar.showView(view);
            this.traceMode.onRender(diagram, state.uri);
            return;
        }
        // The change drawn alone is another picture of the same view.
        const viewKey = JSON.stringify([view, message.against?.alone === true]);
        const viewChanged = viewKey !== this.shownView;
        const anchor = this.anchor();
        this.diagram = diagram;
        this.shown = { uri: diagram.uri, version: diagram.version };
        this.shownView = viewKey;
        if (diagram.problem) {
            this.notices.showProblem(diagram.problem);
        } else {
            this.notices.clearProblem();
        }
        this.toolbar.showModel(diagram, true);
        this.toolbar.showView(view);
        // Not a banner: the picture is good, only what the errors touch is missing from it.
        setLineText(this.modelErrors, diagram.errors ? `${counted(diagram.errors, 'error')} in the model (see Problems): the diagram shows what resolved` : '');
        this.modelErrors.hidden = !diagram.errors;
        setLineText(this.viewDescription, diagram.diff
            ? `${describeView(view, diagram, message.against?.alone === true)} \u2014 compared with ${diagram.diff.against}`
            : describeView(view, diagram));
        // Before drawing: the change is drawn over the diagram.
        const enteringDiff = !this.diffMode.active;
        this.diffMode.onRender(diagram, message.against);
        const onChange = this.diffMode.active && !this.diffMode.alone && (enteringDiff || viewChanged);
        const focal = view.focus?.factor ?? view.into;
        if (focal !== undefined && viewChanged && !this.marks.selection) {
            this.marks.selection = { kind: 'factor', id: focal };
        }
        this.draw();
        // Trace mode first: leaving it hides its panel, and the diagram is placed in the room that leaves.
        this.traceMode.onRender(diagram, state.uri);
        this.place(diagram.scene, newDocument, viewChanged, anchor, onChange ? this.diffMode.changeBox(diagram.scene) : undefined);
    }

    /**
     * What the eye is on in the picture shown: the selected factor (a selected relation's
     * source), else the factors in view (the one nearest the middle of the view where none is),
     * with their centres.
     */
    private anchor(): ViewAnchor | undefined {
        const nodes = this.diagram?.scene?.nodes ?? [];
        const selection = this.marks.selection;
        const selected = selection === undefined ? undefined : selection.kind === 'factor' ? selection.id : selection.source;
        const node = nodes.find(n => n.id === selected);
        const inView = node ? [node] : nodes.filter(n => this.panZoom.touches(n));
        const anchored = inView.length > 0 ? inView : [nearestTo(this.panZoom.middle, nodes)].filter(n => n !== undefined);
        return anchored.length > 0 ? new ViewAnchor(anchored) : undefined;
    }

    /** A render without a diagram: the last one stays (for the same document) under a banner. */
    private showProblemOnly(diagram: DiffPictureResponse, newDocument: boolean): void {
        if (newDocument) {
            // Another document's picture would mislead: header, banner and body all speak of the new file.
            const file = fileName(diagram.uri);
            this.stage.replaceChildren();
            this.mounted = undefined;
            this.diagram = undefined;
            this.shown = undefined;
            this.shownView = undefined;
            this.marks.selection = undefined;
            this.toolbar.showModel(diagram, false);
            setLineText(this.viewDescription, `${diagram.title ?? file} \u2014 not drawn yet`);
            this.selectionLine.show(undefined, undefined);
            this.notices.showEmpty(`No diagram of ${file} yet: it has not parsed since the preview opened it.`);
        }
        const problem = diagram.problem ?? 'The diagram could not be drawn.';
        // Only the preview knows whether it keeps a picture under the banner.
        this.notices.showProblem(this.diagram ? `${problem} The diagram shows the last version that parsed.` : problem);
    }

    /**
     * Where the new diagram goes: as saved, on the `change` when diff mode has just begun or shows another view,
     * fitted when it is a different picture or the view was a fit, else where the eye was: what
     * it was on (see `anchor`) keeps its place on screen, as far as it moved as one, also when the
     * picture was packed anew (an edit, or a panel of another shape).
     */
    private place(scene: DiagramScene, newDocument: boolean, viewChanged: boolean, anchor: ViewAnchor | undefined, change: SceneBox | undefined): void {
        const restored = this.restoredCentre;
        this.restoredCentre = undefined;
        const pending = this.pendingFind;
        this.pendingFind = undefined;
        const found = pending === undefined ? undefined : scene.nodes.find(n => n.id === pending);
        if (found) {
            this.select({ kind: 'factor', id: found.id });
            this.panZoom.centreOn(found, scaleToRead(this.panZoom.current.scale));
        } else if (restored && restored.uri === this.shown?.uri) {
            this.panZoom.centreOn({ x: restored.centre.x, y: restored.centre.y, width: 0, height: 0 }, restored.centre.scale);
        } else if (change) {
            // Diff mode opens on the change (at most at 100 %): at Fit, a change to a large model is a few coloured pixels.
            this.panZoom.zoomTo(padBox(change, selectionPadding), 1);
        } else if (newDocument || viewChanged || this.panZoom.isFitted) {
            this.panZoom.fit();
            const view = this.store.current.view;
            if (viewChanged && !newDocument && view.category !== undefined && !isLegible(this.panZoom.current.scale)) {
                // A category chosen from the list opens as a double-click on it does, where its factors read: fitted it showed boxes without a name.
                this.semanticZoom.open({ x: 0, y: 0, width: scene.width, height: scene.height });
            }
        } else {
            // Same picture, edited: keep the user's place and save it for this document.
            const shift = anchor?.shiftIn(scene);
            if (shift) {
                this.panZoom.keepInPlace({ x: 0, y: 0 }, shift);
            }
            this.saveViewCentre();
        }
    }

    /** Keeps the zoom and the point at the middle of the view for a window reload. */
    private saveViewCentre(): void {
        this.store.updateViewCentre({ scale: this.panZoom.current.scale, ...this.panZoom.middle });
    }

    /** Draws the current scene in the current theme's palette, with the marks. */
    private draw(): void {
        const scene = this.diagram?.scene;
        if (!scene) {
            return;
        }
        let remounted = false;
        try {
            // Diff mode shows the factors, never the overview's cards: a change is about them.
            const overview = this.diffMode.active ? undefined : { mode: 'layer', fontSize: this.semanticZoom.overviewFontSize(scene) } as const;
            this.drawnOverviewFontSize = overview?.fontSize;
            const palette = paletteOf(document.body);
            const shown = this.diffMode.shown(themeOf(document.body));
            // Only what changed is mounted (diagram-mount.ts): an edit that changes nothing drawn (a
            // comment, a description's wording, spaces) keeps the picture as it is, and one that does
            // remounts its part. Mounting a 1,000-factor drawing in full cost the preview's thread
            // most of a second, which in code-server the editor's typing waits for.
            const mounted = mountSvg(this.stage, svgPicture(scene, { palette, overview, ...shown }), this.mounted);
            remounted = mounted !== this.mounted;
            this.mounted = mounted;
            renderMarksLegend(this.diffLegend, shown.marks);
            this.mounted.svg.classList.toggle('diff-mode', this.diffMode.active);
            this.mounted.svg.classList.toggle('time-mode', this.colouredOverTime);
        } catch (error) {
            this.notices.showProblem(error instanceof Error ? error.message : String(error));
            return;
        }
        this.panZoom.setContentSize(scene.width, scene.height);
        if (remounted) {
            this.semanticZoom.attach(this.mounted.svg, scene);
        }
        this.marks.reconcile(scene);
        this.applyMarks();
        this.notices.showEmpty(scene.nodes.length === 0 ? 'Nothing to show in this view.' : undefined);
    }

    /**
     * The overview's text is sized to read when the whole model fits the viewport: when the
     * viewport's size changes that size (the panel under the editor opened or closed), the
     * overview is drawn again, once the resize rests. Its text was left sized for the old
     * viewport, twice too large or small.
     */
    private redrawForSize(): void {
        clearTimeout(this.resizeTimer);
        this.resizeTimer = setTimeout(() => {
            const scene = this.diagram?.scene;
            if (scene && this.drawnOverviewFontSize !== undefined && this.semanticZoom.overviewFontSize(scene) !== this.drawnOverviewFontSize) {
                this.draw();
            }
        }, overviewResizeMs);
    }

    /** Over time, the factors are drawn at every zoom, the overview's too: drawn for the zoom again (semantic-zoom.ts). */
    private onTimeColouring(coloured: boolean): void {
        this.colouredOverTime = coloured;
        if (this.mounted) {
            this.mounted.svg.classList.toggle('time-mode', coloured);
            this.semanticZoom.update(this.panZoom.current.scale, false);
        }
    }

    private applyMarks(): void {
        const scene = this.diagram?.scene;
        if (this.mounted && scene) {
            this.marks.apply(this.mounted);
            this.traceMode.apply(this.mounted, scene);
            // Trace mode draws text the overview does not: drawn for the zoom again (semantic-zoom.ts).
            this.semanticZoom.update(this.panZoom.current.scale, false);
        }
        this.fadeAroundSelection();
        this.traceMode.showSelection(this.marks.factor);
        const selection = this.marks.selection;
        this.selectionLine.show(selection, this.diagram);
        this.toolbar.showSelection(selection?.kind === 'factor', selection !== undefined || this.marks.hasHighlight);
    }

    /**
     * The rest fades round a selection only while some of it (the factor or one of its arrows)
     * is in view: panned away from, it left the whole view faded for no reason seen; panning
     * along one of its arrows keeps that arrow standing out.
     */
    private fadeAroundSelection(): void {
        const parts = this.diagram?.scene ? this.marks.selectionParts(this.diagram.scene) : [];
        this.mounted?.svg.classList.toggle('selection-in-view', parts.some(part => this.panZoom.touches(part)));
    }

    private select(selection: Selection | undefined): void {
        this.marks.selection = selection;
        this.applyMarks();
    }

    /**
     * A click selects what it landed on and shows it in the editor, the keyboard staying with
     * the preview (as in VS Code's Markdown preview); on the background it clears the selection.
     */
    private onClick(event: MouseEvent): void {
        const scene = this.diagram?.scene;
        if (!scene) {
            return;
        }
        const stub = stubDestination(event.target);
        if (stub) {
            // A stub of a category view leads to the factor at its other end, in its category.
            this.pendingFind = stub.factor;
            this.setView(stub.view);
            return;
        }
        const selection = this.clicked(event, scene);
        this.select(selection);
        // Alt and a click on an intervention traces it, without leaving the preview for the editor.
        if (event.altKey && selection?.kind === 'factor' && scene.nodes.find(n => n.id === selection.id)?.role === 'intervention') {
            this.traceMode.request(selection.id);
            return;
        }
        const location = this.revealable(selection, scene);
        if (location) {
            this.reveal(location, false);
        }
    }

    /** A double-click opens a category in place, or goes to the text of a factor or relation, the editor taking the keyboard. */
    private onDoubleClick(event: MouseEvent): void {
        if (this.semanticZoom.openAt(event.target)) {
            return;
        }
        const scene = this.diagram?.scene;
        const location = scene && this.revealable(this.clicked(event, scene), scene);
        if (location) {
            this.reveal(location, true);
        }
    }

    /** What a click or double-click landed on, the nearest of the lines under it where a band's hit paths overlap. */
    private clicked(event: MouseEvent, scene: DiagramScene): Selection | undefined {
        const relations = new Set<number>();
        for (const element of document.elementsFromPoint(event.clientX, event.clientY)) {
            const relation = element.closest('.marvel-edge')?.getAttribute('data-relation');
            if (relation != null) {
                relations.add(Number(relation));
            }
        }
        return selectionAt(event.target, scene, { at: this.panZoom.diagramPointAt(event.clientX, event.clientY), relations: [...relations] });
    }

    /** Where the selection is written, unless diff mode shows it removed: then no text of it is left to show. */
    private revealable(selection: Selection | undefined, scene: DiagramScene): SourceLocation | undefined {
        return this.diffMode.isRemoved(selection) ? undefined : selectionLocation(selection, scene);
    }

    /** Selects a factor or relation, centres it, and (`reveal`) shows its text in the editor: diff mode's list. */
    private showElement(shown: { readonly factor: string } | { readonly relation: number }, reveal: boolean): void {
        const scene = this.diagram?.scene;
        const node = 'factor' in shown ? scene?.nodes.find(n => n.id === shown.factor) : undefined;
        const edge = 'relation' in shown ? scene?.edges.find(e => e.relation === shown.relation) : undefined;
        const selection: Selection | undefined = node ? { kind: 'factor', id: node.id }
            : edge ? { kind: 'relation', relation: edge.relation, source: edge.source, target: edge.target } : undefined;
        if (!scene || !selection) {
            this.notices.showStatus('That is not in this view; show the whole model to see it.');
            return;
        }
        this.select(selection);
        const box = this.marks.selectionBox(scene);
        if (box) {
            // Close enough to read, as far as it fits.
            this.panZoom.zoomTo(padBox(box, selectionPadding), 1);
        }
        const location = reveal ? this.revealable(selection, scene) : undefined;
        if (location) {
            this.reveal(location, false);
        }
    }

    private onViewportKey(event: KeyboardEvent): void {
        const scene = this.diagram?.scene;
        const location = scene && this.revealable(this.marks.selection, scene);
        const step = stepDirectionOf(event);
        if (step) {
            event.preventDefault();
            this.stepSelection(step);
        } else if (this.panZoom.handleKey(event) || this.selectionLine.handleKey(event)) {
            event.preventDefault();
        } else if (event.key === 'Escape') {
            this.select(undefined);
        } else if (event.key === 'Enter' && location) {
            this.reveal(location, true);
        }
    }

    /**
     * Shift and an arrow key select the next factor that way (the one nearest the middle of
     * the view first), bring it into view where its text reads, and show its text in the
     * editor, the keyboard staying with the preview: every factor is in reach without a mouse.
     */
    private stepSelection(direction: StepDirection): void {
        const scene = this.diagram?.scene;
        if (!scene) {
            return;
        }
        const selected = this.marks.factor;
        const from = scene.nodes.find(n => n.id === selected) ?? this.marks.selectionBox(scene);
        const next = from ? stepFrom(from, scene.nodes, direction) : nearestTo(this.panZoom.middle, scene.nodes);
        if (!next) {
            this.notices.showStatus(`No factor further ${direction === 'left' || direction === 'right' ? 'to the ' + direction : direction}.`);
            return;
        }
        this.select({ kind: 'factor', id: next.id });
        if (!isLegible(this.panZoom.current.scale)) {
            this.panZoom.centreOn(next, scaleToRead(this.panZoom.current.scale));
        } else {
            this.panZoom.reveal(padBox(next, selectionPadding));
        }
        const location = this.revealable(this.marks.selection, scene);
        if (location) {
            this.reveal(location, false);
        }
    }

    private reveal(location: SourceLocation, focus: boolean): void {
        this.api.postMessage({ type: 'reveal', uri: location.uri, range: location.range, focus });
    }

    private onHighlight(message: HighlightMessage): void {
        if (!this.concerns(message.uri)) {
            return;
        }
        // The cursor moved within what it stood on (typing in a name, a relation): nothing to mark
        // again, which on a large model cost the editor's typing a redraw of thousands of elements.
        if (!this.marks.setHighlight(message.factors, message.relations)) {
            return;
        }
        this.applyMarks();
        const scene = this.diagram?.scene;
        // Highlighted factors in view stay where they are, their relations drawn or not: the
        // cursor is often there because the factor was just clicked in the preview. So does the
        // highlight of what was just clicked: an arrow clicked far from its source puts the
        // cursor on the source's name, and the view jumped to the source from under the mouse.
        const factors = scene && this.marks.highlightBox(scene, 'factors');
        const stays = this.marks.highlightsSelection || (factors !== undefined && this.panZoom.shows(factors));
        const box = scene && !stays ? this.marks.highlightRevealBox(scene, b => this.panZoom.fits(b)) : undefined;
        if (box) {
            this.panZoom.reveal(box);
        }
    }

    /** A highlight belongs to the shown model if it names its document or one of the files it was drawn from. */
    private concerns(uri: string): boolean {
        const scene = this.diagram?.scene;
        return uri === this.store.current.uri
            || (scene !== undefined && [...scene.nodes, ...scene.edges, ...scene.categories].some(item => item.location.uri === uri));
    }

    private find(query: string): void {
        const diagram = this.diagram;
        const scene = diagram?.scene;
        if (!diagram || !scene || query.trim() === '') {
            return;
        }
        const factor = findFactor(query, diagram.factors);
        if (!factor) {
            this.notices.showStatus(`No factor matches \u201c${query.trim()}\u201d.`);
            return;
        }
        const node = scene.nodes.find(n => n.id === factor.id);
        if (node) {
            this.select({ kind: 'factor', id: node.id });
            this.panZoom.centreOn(node, scaleToRead(this.panZoom.current.scale));
        } else {
            this.pendingFind = factor.id;
            this.notices.showStatus(`\u201c${factor.label}\u201d is not in this view; showing the whole model.`);
            this.setView({});
        }
    }

    /** Centres a factor in view, readable, the selection as it is (SelectionLine). */
    private showFactor(id: string): void {
        const node = this.diagram?.scene?.nodes.find(n => n.id === id);
        if (node) {
            this.panZoom.centreOn(node, scaleToRead(this.panZoom.current.scale));
        }
    }

    private withSelectedFactor(action: (factor: string) => void): void {
        const factor = this.marks.factor;
        if (factor !== undefined) {
            action(factor);
        }
    }

    private setView(view: DiagramView, aspectRatio?: number): void {
        this.store.update({ view });
        this.api.postMessage({ type: 'setView', view, ...aspectRatio !== undefined ? { aspectRatio } : {} });
    }

    private zoomToSelection(): void {
        const scene = this.diagram?.scene;
        const box = scene && (this.marks.selectionBox(scene) ?? this.marks.highlightBox(scene));
        if (box) {
            this.panZoom.zoomTo(padBox(box, selectionPadding));
        }
    }

    private toggleLock(): void {
        const locked = !this.store.current.locked;
        this.store.update({ locked });
        this.toolbar.showLocked(locked);
        this.api.postMessage({ type: 'setLocked', locked });
    }

    private export(format: 'svg' | 'png'): void {
        const scene = this.diagram?.scene;
        if (scene) {
            // What is shown is saved: the overview when the preview shows it (never in trace mode or over time, which show the factors).
            const lighting = this.traceMode.litFor(scene);
            const shown = lighting ? { lighting } : this.diffMode.shown(themeOf(document.body));
            const overview = this.semanticZoom.level === 'overview' && !shown.lighting && !shown.marks && !this.colouredOverTime ? this.semanticZoom.overviewFontSize(scene) : undefined;
            void exportDiagram(scene, paletteOf(document.body), shown, format, this.notices, message => this.api.postMessage(message), overview);
        }
    }
}

/** The last segment of a document's URI, as the editor's tab names it. */
function fileName(uri: string): string {
    return decodeURIComponent(uri.split('/').pop() ?? uri);
}

/**
 * The zoom at which a factor just found or stepped to is shown: the current one when its text
 * can be read, else 100 %. Zooming a readable view in was not asked for and loses the context.
 */
function scaleToRead(current: number): number {
    return isLegible(current) ? current : 1;
}
