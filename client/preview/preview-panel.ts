import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import type { DiagramScene } from '../../language/diagram/diagram-scene.js';
import type { DiagramView } from '../../language/diagram/diagram-view.js';
import { isWholeModel } from '../../language/diagram/diagram-view.js';
import type { KeptPacking } from '../../language/diagram/part-packing.js';
import type { DiagramRequestParams } from '../../language/protocol/diagram-protocol.js';
import { DiagramRequest } from '../../language/protocol/diagram-protocol.js';
import type { TraceView } from '../../language/protocol/trace-protocol.js';
import { TraceRequest } from '../../language/protocol/trace-protocol.js';
import { SimulationModelRequest } from '../../language/protocol/simulation-protocol.js';
import type { DiffPictureChange, DiffPictureParams, DiffPictureResponse } from '../../language/protocol/diff-protocol.js';
import { DiffPictureRequest } from '../../language/protocol/diff-protocol.js';
import type { DiffAgainst, HostToWebviewMessage, PreviewState, WebviewToHostMessage } from '../webview/messages.js';
import { previewHtml } from '../webview/preview-html.js';
import { elementsAtCursor } from './cursor-sync.js';
import { saveExport } from './export-file.js';
import { createNonce } from './nonce.js';
import { mayReveal } from './reveal-guard.js';

export const previewViewType = 'marvel.preview';
/** How long after the preview brought a file forward (a click on a factor declared there) it still does not follow to it. */
const openingSettlesMs = 1_000;

/** One preview panel: which document it shows, in which view, and the traffic with its webview. */
export class PreviewPanel implements vscode.Disposable {
    private readonly disposables: vscode.Disposable[] = [];
    private refreshTimer?: ReturnType<typeof setTimeout>;
    private shownVersion = -1;
    private requestSerial = 0;
    /** The request whose answer is on screen: a later one may replace it, an earlier one never. */
    private shownSerial = 0;
    private scene?: DiagramScene;
    /** The shape of the webview's diagram area, which the layout fills. */
    private aspectRatio?: number;
    /** The shape of the room the current view is drawn in, where it is not the panel's (a trace drawn alone beside the trace panel). */
    private viewAspectRatio?: number;
    private readonly disposedEmitter = new vscode.EventEmitter<void>();
    readonly onDidDispose = this.disposedEmitter.event;
    private readonly traceEmitter = new vscode.EventEmitter<TraceView>();
    /** A trace was shown, whoever asked for it (a command, the preview itself, a restored state). */
    readonly onDidShowTrace = this.traceEmitter.event;
    private readonly leaveEmitter = new vscode.EventEmitter<void>();
    /** Trace mode ended: the user left it, or the preview moved on to another model. */
    readonly onDidLeaveTrace = this.leaveEmitter.event;
    /** The files of the traced model: the trace goes on while the preview shows one of them. */
    private traceFiles: readonly string[] = [];
    /** The files of the model drawn. */
    private modelFiles: readonly string[] = [];
    /** The last highlight sent since the last render (a render draws the marks anew). */
    private sentHighlight?: string;
    /** The file the preview is bringing forward in an editor, which it does not follow. */
    private opening?: string;
    /** The file a click in the preview is showing in the editor, until the click's place is set there. */
    private revealing?: string;
    /** The whole model's packing from the state restored after a window reload, sent with the first request for it. */
    private recalledPacking?: KeptPacking;

    constructor(
        readonly panel: vscode.WebviewPanel,
        private readonly client: LanguageClient,
        private readonly extensionUri: vscode.Uri,
        private state: PreviewState
    ) {
        this.recalledPacking = state.packing;
        panel.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'out')] };
        panel.webview.html = this.html();
        panel.iconPath = vscode.Uri.joinPath(extensionUri, 'images', 'preview.svg');
        this.disposables.push(
            panel.webview.onDidReceiveMessage((message: WebviewToHostMessage) => this.onMessage(message)),
            panel.onDidDispose(() => this.dispose())
        );
        this.updateTitle();
    }

    get uri(): string { return this.state.uri; }
    get locked(): boolean { return this.state.locked; }
    /** What diff mode compares with; undefined outside diff mode. */
    get diff(): DiffAgainst | undefined { return this.state.diff; }

    /** Whether the document is a file of the model drawn: an edit in it, or the cursor moving in it, concerns the preview. */
    isOfModel(uri: vscode.Uri): boolean {
        return uri.toString() === this.state.uri || this.modelFiles.includes(uri.toString());
    }

    /** Whether the preview draws the document: it is the one shown, or (outside diff mode, which compares one document) another file of its model. */
    draws(uri: vscode.Uri): boolean {
        return this.state.diff === undefined ? this.isOfModel(uri) : uri.toString() === this.state.uri;
    }

    /** Follow another document, unless the preview is locked to its own or opened it itself (a click on a factor declared there). */
    showDocument(uri: vscode.Uri): void {
        if (uri.toString() === this.opening) {
            this.opening = undefined;
            return;
        }
        if (this.draws(uri)) {
            // The document, or another file of the model drawn (opened from the Loops or Effects
            // view, or its tab): the picture would be the same, so the preview stays on it and keeps its view.
            return;
        }
        if (this.state.trace !== undefined && !this.traceFiles.includes(uri.toString())) {
            // A trace belongs to its model: another model has no such factor to trace.
            this.leaveTrace();
            this.post({ type: 'clearTrace' });
        }
        // A diff belongs to its document: the next render is the other document's, as it is.
        this.state = { ...this.state, uri: uri.toString(), view: {}, diff: undefined };
        this.viewAspectRatio = undefined;
        this.shownVersion = -1;
        this.scene = undefined;
        // The title changes with the picture (see refresh): tab, header and body name the same file.
        this.refreshSoon(0);
    }

    /** Redraw after a pause in typing; a newer change restarts the pause. */
    refreshSoon(delay = vscode.workspace.getConfiguration('marvel.preview').get<number>('refreshDelay', 300)): void {
        if (this.refreshTimer) {
            clearTimeout(this.refreshTimer);
        }
        this.refreshTimer = setTimeout(() => {
            this.refreshTimer = undefined;
            void this.refresh();
        }, delay);
    }

    /** Redraw now, unless a redraw is on its way (typing asked for one, which will show the new build). */
    refreshUnlessPending(): void {
        if (!this.refreshTimer) {
            this.refreshSoon(0);
        }
    }

    showTrace(trace: TraceView): void {
        this.state = { ...this.state, trace: trace.from };
        this.traceFiles = trace.files;
        this.post({ type: 'trace', trace });
        this.traceEmitter.fire(trace);
    }

    /** Diff mode: the union of the document's model and `against`, the change coloured. */
    showDiff(against: DiffAgainst): void {
        if (this.state.trace !== undefined) {
            this.leaveTrace();
            this.post({ type: 'clearTrace' });
        }
        this.state = { ...this.state, diff: against };
        this.refreshSoon(0);
    }

    /** Back to the normal preview. */
    leaveDiff(): void {
        if (this.state.diff !== undefined) {
            this.state = { ...this.state, diff: undefined };
            this.refreshSoon(0);
        }
    }

    showLoop(relations: readonly number[], nodes: readonly string[]): void {
        this.post({ type: 'showLoop', uri: this.state.uri, relations, nodes });
    }

    /** Marks in the diagram what the editor's cursor stands on. */
    syncCursor(editor: vscode.TextEditor): void {
        if (!this.scene || editor.document.uri.toString() === this.revealing) {
            return;
        }
        const { factors, relations } = elementsAtCursor(this.scene, editor.document, editor.selection.active);
        // Only a change is sent: every keystroke moves the cursor, mostly within the same name or relation.
        const highlight = JSON.stringify([this.state.uri, factors, relations]);
        if (highlight === this.sentHighlight) {
            return;
        }
        this.sentHighlight = highlight;
        this.post({ type: 'highlight', uri: this.state.uri, factors, relations });
    }

    dispose(): void {
        if (this.refreshTimer) {
            clearTimeout(this.refreshTimer);
        }
        this.disposables.forEach(d => d.dispose());
        this.disposables.length = 0;
        this.disposedEmitter.fire();
        this.disposedEmitter.dispose();
        this.traceEmitter.dispose();
        this.leaveEmitter.dispose();
    }

    private async refresh(): Promise<void> {
        const serial = ++this.requestSerial;
        // The view asked for, which the answer draws: the user may choose another while the server works.
        const view = this.state.view;
        const params: DiagramRequestParams = { uri: this.state.uri, view, aspectRatio: this.viewAspectRatio ?? this.aspectRatio, packing: this.recalledPacking };
        const against = this.state.diff;
        let diagram: DiffPictureResponse;
        try {
            diagram = against
                ? await this.client.sendRequest(DiffPictureRequest, { ...params, old: await oldSide(against), scope: against.alone ? 'changed' : 'all' })
                : await this.client.sendRequest(DiagramRequest, params);
        } catch (error) {
            diagram = { uri: this.state.uri, version: this.shownVersion, problem: `The language server could not draw the diagram: ${error instanceof Error ? error.message : String(error)}`, categories: [], factors: [] };
        }
        if (against && against !== this.state.diff) {
            // Diff mode was left or changed while the server worked.
            return;
        }
        if (against && diagram.oldProblem !== undefined) {
            // Nothing to compare with (an unknown revision, a file gone since a reload): say why and show the model as it is.
            void vscode.window.showErrorMessage(diagram.oldProblem);
            this.leaveDiff();
            return;
        }
        // A slower, older answer must not replace a newer one; while typing goes on, a newer
        // answer than the one shown is still worth showing (the next one will follow).
        if (serial < this.shownSerial || diagram.uri !== this.state.uri || (diagram.scene && diagram.version < this.shownVersion)) {
            return;
        }
        this.shownSerial = serial;
        this.modelFiles = diagram.files ?? [];
        this.updateTitle();
        if (diagram.scene && !against && isWholeModel(view)) {
            // Packed as before the reload (or anew, for a model that changed meanwhile): later requests keep to the worker's memory.
            this.recalledPacking = undefined;
        }
        if (diagram.scene) {
            this.shownVersion = diagram.version;
            this.scene = diagram.diff ? withoutRemoved(diagram.scene, diagram.diff) : diagram.scene;
        }
        this.post({ type: 'render', diagram, view, locked: this.state.locked, against });
        this.sentHighlight = undefined;
        if (this.state.trace !== undefined && diagram.scene) {
            // The paths may have changed with the text: trace again.
            await this.requestTrace(this.state.trace, true);
        }
        const editor = vscode.window.activeTextEditor;
        if (editor && diagram.scene) {
            this.syncCursor(editor);
        }
    }

    /**
     * The editor in which a click in the preview shows its text: the one showing the file
     * already, as it is, so that a maximised preview stays maximised (showing that editor
     * again would bring its group back); else the file comes forward in the editor's group.
     * A double-click (`focus`) always brings the editor forward, with the keyboard.
     */
    private async editorFor(uri: string, focus: boolean): Promise<vscode.TextEditor> {
        const shown = vscode.window.visibleTextEditors.find(editor => editor.document.uri.toString() === uri && editor.viewColumn !== this.panel.viewColumn);
        if (shown && !focus) {
            return shown;
        }
        const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
        // Another file of the model shown: its editor comes forward, and the preview stays on the model, where the user is.
        this.opening = uri;
        // The change of active editor can come after showTextDocument resolves: forget the file a moment later.
        setTimeout(() => {
            if (this.opening === uri) {
                this.opening = undefined;
            }
        }, openingSettlesMs);
        return vscode.window.showTextDocument(document, { viewColumn: shown?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: !focus });
    }

    private async onMessage(message: WebviewToHostMessage): Promise<void> {
        switch (message.type) {
            case 'ready':
                this.aspectRatio = message.aspectRatio;
                this.refreshSoon(0);
                break;
            case 'resize':
                this.aspectRatio = message.aspectRatio;
                this.refreshSoon(0);
                break;
            case 'reveal': {
                if (!mayReveal(message.uri, message.range, this.state.uri, this.scene)) {
                    break;
                }
                const range = new vscode.Range(message.range.start.line, message.range.start.character, message.range.end.line, message.range.end.character);
                // A file brought forward reports its old cursor first: marked, it pulled the view to
                // another factor, away from the click. Only the place the click sets is marked.
                this.revealing = message.uri;
                let editor: vscode.TextEditor;
                try {
                    editor = await this.editorFor(message.uri, message.focus);
                    editor.selection = new vscode.Selection(range.start, range.start);
                    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
                } finally {
                    this.revealing = undefined;
                }
                this.syncCursor(editor);
                break;
            }
            case 'setView':
                this.state = { ...this.state, view: message.view };
                this.viewAspectRatio = message.aspectRatio;
                this.refreshSoon(0);
                break;
            case 'setLocked':
                this.state = { ...this.state, locked: message.locked };
                this.updateTitle();
                break;
            case 'trace':
                // Tracing shows the model as it is.
                this.leaveDiff();
                await this.requestTrace(message.from);
                break;
            case 'leaveDiff':
                this.leaveDiff();
                break;
            case 'setDiffAlone':
                if (this.state.diff) {
                    this.state = { ...this.state, diff: { ...this.state.diff, alone: message.alone || undefined } };
                    this.refreshSoon(0);
                }
                break;
            case 'clearTrace':
                this.leaveTrace();
                break;
            case 'simulationModel': {
                const model = await this.client.sendRequest(SimulationModelRequest, { uri: message.uri })
                    .catch((error: unknown) => ({ uri: message.uri, version: -1, problem: String(error) }));
                this.post({ type: 'simulationModel', model });
                break;
            }
            case 'export': {
                const saved = await saveExport(vscode.Uri.parse(this.state.uri), message.format, message.data);
                if (saved) {
                    this.post({ type: 'exported', path: saved.fsPath });
                }
                break;
            }
        }
    }

    private leaveTrace(): void {
        this.state = { ...this.state, trace: undefined };
        this.traceFiles = [];
        this.leaveEmitter.fire();
    }

    /** A trace the user asked for in the preview, or (`refresh`) the current one again after an edit. */
    private async requestTrace(from: string, refresh = false): Promise<void> {
        try {
            const trace = await this.client.sendRequest(TraceRequest, { uri: this.state.uri, from });
            // The preview may have moved to another file, or the user left trace mode, while the server worked.
            if (trace.uri !== this.state.uri || (refresh && this.state.trace !== from)) {
                return;
            }
            this.showTrace(trace);
        } catch (error) {
            void vscode.window.showErrorMessage(`Could not trace '${from}': ${error instanceof Error ? error.message : String(error)}`);
        }
    }

    private post(message: HostToWebviewMessage): void {
        void this.panel.webview.postMessage(message);
    }

    private updateTitle(): void {
        const name = decodeURIComponent(this.state.uri.split('/').pop() ?? 'model');
        this.panel.title = `${this.state.locked ? '[Locked] ' : ''}Preview ${name}`;
    }

    private html(): string {
        const webview = this.panel.webview;
        return previewHtml({
            cspSource: webview.cspSource,
            nonce: createNonce(),
            scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'out', 'webview.js')).toString(),
            styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'out', 'webview.css')).toString(),
            state: this.state
        });
    }
}

/**
 * The new side of a diff picture: what the cursor can stand on and the editor can show. A
 * removed element keeps its old place in the text (of another revision), which is no place in this one.
 */
function withoutRemoved(scene: DiagramScene, change: DiffPictureChange): DiagramScene {
    const removed = (mark: { readonly kind: string } | undefined): boolean => mark?.kind === 'removed';
    return {
        ...scene,
        nodes: scene.nodes.filter(n => !removed(change.marking.factors[n.id])),
        edges: scene.edges.filter(e => !removed(change.marking.relations[e.relation]))
    };
}

/** The old side for the server: the diff editor's original text read through the editor (a `git:` document), else what the server reads itself. */
async function oldSide(against: DiffAgainst): Promise<DiffPictureParams['old']> {
    let text: string | undefined;
    try {
        text = against.original !== undefined ? (await vscode.workspace.openTextDocument(vscode.Uri.parse(against.original))).getText() : undefined;
    } catch {
        // The editor cannot give it (the git extension not started yet after a reload): the server reads the revision itself.
    }
    return { uri: against.uri, revision: against.revision, text, label: against.label };
}

export function initialState(uri: vscode.Uri, locked = false, view: DiagramView = {}): PreviewState {
    return { uri: uri.toString(), view, locked };
}
