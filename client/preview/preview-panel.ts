import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import type { DiagramScene } from '../../language/diagram/diagram-scene.js';
import type { DiagramView } from '../../language/diagram/diagram-view.js';
import type { DiagramRequestParams, DiagramResponse } from '../../language/protocol/diagram-protocol.js';
import { diagramRequestMethod } from '../../language/protocol/diagram-protocol.js';
import type { TraceRequestParams, TraceView } from '../../language/protocol/trace-protocol.js';
import { traceRequestMethod } from '../../language/protocol/trace-protocol.js';
import type { HostToWebviewMessage, PreviewState, WebviewToHostMessage } from '../webview/messages.js';
import { previewHtml } from '../webview/preview-html.js';
import { elementsAtCursor } from './cursor-sync.js';
import { saveExport } from './export-file.js';

export const previewViewType = 'marvel.preview';

/** One preview panel: which document it shows, in which view, and the traffic with its webview. */
export class PreviewPanel implements vscode.Disposable {
    private readonly disposables: vscode.Disposable[] = [];
    private refreshTimer?: ReturnType<typeof setTimeout>;
    private shownVersion = -1;
    private requestSerial = 0;
    private scene?: DiagramScene;
    /** The shape of the webview's diagram area, which the layout fills. */
    private aspectRatio?: number;
    private readonly disposedEmitter = new vscode.EventEmitter<void>();
    readonly onDidDispose = this.disposedEmitter.event;
    private readonly traceEmitter = new vscode.EventEmitter<TraceView>();
    /** A trace was shown, whoever asked for it (a command, the preview itself, a restored state). */
    readonly onDidShowTrace = this.traceEmitter.event;

    constructor(
        readonly panel: vscode.WebviewPanel,
        private readonly client: LanguageClient,
        private readonly extensionUri: vscode.Uri,
        private state: PreviewState
    ) {
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

    /** Follow another document, unless the preview is locked to its own. */
    showDocument(uri: vscode.Uri): void {
        if (uri.toString() === this.state.uri) {
            return;
        }
        this.state = { ...this.state, uri: uri.toString(), view: {} };
        this.shownVersion = -1;
        this.scene = undefined;
        this.updateTitle();
        this.refreshSoon(0);
    }

    /** Redraw after a pause in typing; a newer change restarts the pause. */
    refreshSoon(delay = vscode.workspace.getConfiguration('marvel.preview').get<number>('refreshDelay', 300)): void {
        if (this.refreshTimer) {
            clearTimeout(this.refreshTimer);
        }
        this.refreshTimer = setTimeout(() => void this.refresh(), delay);
    }

    showTrace(trace: TraceView): void {
        this.state = { ...this.state, trace: trace.from };
        this.post({ type: 'trace', trace });
        this.traceEmitter.fire(trace);
    }

    showLoop(relations: readonly number[], nodes: readonly string[]): void {
        this.post({ type: 'showLoop', uri: this.state.uri, relations, nodes });
    }

    /** Marks in the diagram what the editor's cursor stands on. */
    syncCursor(editor: vscode.TextEditor): void {
        if (!this.scene) {
            return;
        }
        const { factors, relations } = elementsAtCursor(this.scene, editor.document, editor.selection.active);
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
    }

    private async refresh(): Promise<void> {
        const serial = ++this.requestSerial;
        const params: DiagramRequestParams = { uri: this.state.uri, view: this.state.view, aspectRatio: this.aspectRatio };
        let diagram: DiagramResponse;
        try {
            diagram = await this.client.sendRequest<DiagramResponse>(diagramRequestMethod, params);
        } catch (error) {
            diagram = { uri: this.state.uri, version: this.shownVersion, problem: `The language server could not draw the diagram: ${error instanceof Error ? error.message : String(error)}`, categories: [], factors: [] };
        }
        // A slower, older answer must not replace a newer diagram.
        if (serial !== this.requestSerial || diagram.uri !== this.state.uri || (diagram.scene && diagram.version < this.shownVersion)) {
            return;
        }
        if (diagram.scene) {
            this.shownVersion = diagram.version;
            this.scene = diagram.scene;
        }
        this.post({ type: 'render', diagram, view: this.state.view, locked: this.state.locked });
        if (this.state.trace !== undefined && diagram.scene) {
            // The paths may have changed with the text: trace again.
            await this.requestTrace(this.state.trace);
        }
        const editor = vscode.window.activeTextEditor;
        if (editor && diagram.scene) {
            this.syncCursor(editor);
        }
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
                const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(message.uri));
                const range = new vscode.Range(message.range.start.line, message.range.start.character, message.range.end.line, message.range.end.character);
                const column = vscode.window.visibleTextEditors.find(e => e.document.uri.toString() === message.uri)?.viewColumn ?? vscode.ViewColumn.One;
                const editor = await vscode.window.showTextDocument(document, { viewColumn: column, preserveFocus: false });
                editor.selection = new vscode.Selection(range.start, range.start);
                editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
                break;
            }
            case 'setView':
                this.state = { ...this.state, view: message.view };
                this.refreshSoon(0);
                break;
            case 'setLocked':
                this.state = { ...this.state, locked: message.locked };
                this.updateTitle();
                break;
            case 'trace':
                await this.requestTrace(message.from);
                break;
            case 'clearTrace':
                this.state = { ...this.state, trace: undefined };
                break;
            case 'export': {
                const saved = await saveExport(vscode.Uri.parse(this.state.uri), message.format, message.data);
                if (saved) {
                    this.post({ type: 'exported', path: saved.fsPath });
                }
                break;
            }
        }
    }

    private async requestTrace(from: string): Promise<void> {
        try {
            const trace = await this.client.sendRequest<TraceView>(traceRequestMethod, { uri: this.state.uri, from } satisfies TraceRequestParams);
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
            nonce: nonce(),
            scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'out', 'webview.js')).toString(),
            styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'out', 'webview.css')).toString(),
            state: this.state
        });
    }
}

function nonce(): string {
    const characters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    return Array.from({ length: 32 }, () => characters[Math.floor(Math.random() * characters.length)]).join('');
}

export function initialState(uri: vscode.Uri, locked = false, view: DiagramView = {}): PreviewState {
    return { uri: uri.toString(), view, locked };
}
