import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import type { TraceView } from '../../language/protocol/trace-protocol.js';
import type { PreviewState } from '../webview/messages.js';
import { initialState, PreviewPanel, previewViewType } from './preview-panel.js';

/**
 * The preview beside the editor: opens it, keeps it following the active `.marvel` editor
 * (unless locked), redraws while typing and restores it after a window reload.
 */
export class PreviewManager implements vscode.Disposable {
    private preview?: PreviewPanel;
    private readonly disposables: vscode.Disposable[] = [];
    private readonly traceEmitter = new vscode.EventEmitter<TraceView>();
    /** The preview showed a trace (also one it restored after a reload). */
    readonly onDidShowTrace = this.traceEmitter.event;
    private readonly leaveEmitter = new vscode.EventEmitter<void>();
    /** The preview left trace mode (the user left it, or it moved on to another model). */
    readonly onDidLeaveTrace = this.leaveEmitter.event;

    constructor(private readonly client: LanguageClient, private readonly extensionUri: vscode.Uri) {
        this.disposables.push(
            vscode.window.registerWebviewPanelSerializer(previewViewType, {
                deserializeWebviewPanel: async (panel, state: unknown) => this.restore(panel, state)
            }),
            vscode.window.onDidChangeActiveTextEditor(editor => {
                if (editor && isMarvel(editor.document) && this.preview && !this.preview.locked) {
                    this.preview.showDocument(editor.document.uri);
                }
            }),
            vscode.workspace.onDidChangeTextDocument(event => {
                if (this.preview && isMarvel(event.document) && event.contentChanges.length > 0) {
                    // Any file of the model can change the picture; the server knows which belong together.
                    this.preview.refreshSoon();
                }
            }),
            vscode.window.onDidChangeTextEditorSelection(event => {
                if (this.preview && isMarvel(event.textEditor.document)) {
                    this.preview.syncCursor(event.textEditor);
                }
            }),
            vscode.window.onDidChangeActiveColorTheme(() => this.preview?.refreshSoon(0))
        );
    }

    show(uri: vscode.Uri | undefined, toSide: boolean): void {
        const target = uri ?? activeMarvelUri();
        if (!target) {
            void vscode.window.showInformationMessage('Open a .marvel file to preview its diagram.');
            return;
        }
        const column = toSide ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
        if (this.preview) {
            this.preview.panel.reveal(column, true);
            this.preview.showDocument(target);
            return;
        }
        const panel = vscode.window.createWebviewPanel(previewViewType, 'Preview', { viewColumn: column, preserveFocus: true }, { enableScripts: true, retainContextWhenHidden: true });
        this.attach(new PreviewPanel(panel, this.client, this.extensionUri, initialState(target)));
    }

    /** Opens the preview on the document (beside the editor) and puts it in trace mode. */
    showTrace(uri: vscode.Uri, trace: TraceView): void {
        this.show(uri, true);
        this.preview?.showTrace(trace);
    }

    /** Shows one feedback loop alone in the preview. */
    showLoop(uri: vscode.Uri, relations: readonly number[], nodes: readonly string[]): void {
        this.show(uri, true);
        this.preview?.showLoop(relations, nodes);
    }

    dispose(): void {
        this.preview?.panel.dispose();
        this.disposables.forEach(d => d.dispose());
        this.traceEmitter.dispose();
        this.leaveEmitter.dispose();
    }

    /** Whether a preview is open: it then refreshes its trace itself after every edit. */
    get isOpen(): boolean {
        return this.preview !== undefined;
    }

    private restore(panel: vscode.WebviewPanel, state: unknown): void {
        const restored = isPreviewState(state) ? state : undefined;
        const uri = restored ? vscode.Uri.parse(restored.uri) : activeMarvelUri();
        if (!uri) {
            panel.dispose();
            return;
        }
        this.preview?.panel.dispose();
        this.attach(new PreviewPanel(panel, this.client, this.extensionUri, restored ?? initialState(uri)));
    }

    private attach(preview: PreviewPanel): void {
        this.preview = preview;
        preview.onDidShowTrace(trace => this.traceEmitter.fire(trace));
        preview.onDidLeaveTrace(() => this.leaveEmitter.fire());
        preview.onDidDispose(() => {
            if (this.preview === preview) {
                this.preview = undefined;
            }
        });
    }
}

function isMarvel(document: vscode.TextDocument): boolean {
    return document.languageId === 'marvel';
}

function activeMarvelUri(): vscode.Uri | undefined {
    const document = vscode.window.activeTextEditor?.document;
    return document && isMarvel(document) ? document.uri : undefined;
}

function isPreviewState(value: unknown): value is PreviewState {
    return typeof value === 'object' && value !== null && typeof (value as { uri?: unknown }).uri === 'string';
}
