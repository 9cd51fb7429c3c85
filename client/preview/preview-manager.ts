import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import type { TraceView } from '../../language/protocol/trace-protocol.js';
import { FilesValidatedNotification } from '../../language/protocol/diagram-protocol.js';
import type { DiffAgainst, PreviewState } from '../webview/messages.js';
import { diffEditorAgainst } from './diff-against.js';
import { initialState, PreviewPanel, previewViewType } from './preview-panel.js';

/**
 * The preview beside the editor: opens it, keeps it following the active `.marvel` editor
 * (unless locked), redraws while typing and restores it after a window reload. A `.marvel`
 * file shown in a diff editor (Source Control's changes) puts it in diff mode against the
 * original side, until that diff editor closes.
 */
export class PreviewManager implements vscode.Disposable {
    private preview?: PreviewPanel;
    private readonly disposables: vscode.Disposable[] = [];
    /** The original side of the active diff editor the preview went to diff mode for. */
    private followedDiff?: string;
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
                // Not the original side of a diff (a `git:` document): the language server knows files only.
                if (editor && isMarvel(editor.document) && isEditable(editor.document.uri) && this.preview && !this.preview.locked) {
                    this.preview.showDocument(editor.document.uri);
                }
                this.followDiffEditor();
            }),
            vscode.window.tabGroups.onDidChangeTabs(event => {
                const against = this.preview?.diff;
                if (against?.original !== undefined && event.closed.some(tab => tab.input instanceof vscode.TabInputTextDiff && tab.input.original.toString() === against.original)) {
                    this.preview?.leaveDiff();
                }
                this.followDiffEditor();
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
            vscode.window.onDidChangeActiveColorTheme(() => this.preview?.refreshSoon(0)),
            // A file of the model deleted, restored or changed on disk (a git checkout, the Explorer) is no edit.
            client.onNotification(FilesValidatedNotification, () => this.preview?.refreshUnlessPending())
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

    /** Opens the preview on the document (beside the editor) in diff mode against `against`. */
    showDiff(uri: vscode.Uri, against: DiffAgainst): void {
        this.show(uri, true);
        this.preview?.showDiff(against);
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

    /**
     * When a diff editor of a `.marvel` file becomes the active tab, its preview compares with the
     * original side — once: leaving diff mode with that tab still active is the user's choice.
     */
    private followDiffEditor(): void {
        const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
        if (!(input instanceof vscode.TabInputTextDiff) || !input.modified.path.endsWith('.marvel') || !isEditable(input.modified)) {
            this.followedDiff = undefined;
            return;
        }
        const preview = this.preview;
        const original = input.original.toString();
        if (!preview || this.followedDiff === original || (preview.locked && preview.uri !== input.modified.toString())) {
            return;
        }
        this.followedDiff = original;
        preview.showDocument(input.modified);
        preview.showDiff(diffEditorAgainst(input.original, input.modified));
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

/** A document the language server has: a file or an untitled one. */
function isEditable(uri: vscode.Uri): boolean {
    return uri.scheme === 'file' || uri.scheme === 'untitled';
}

function activeMarvelUri(): vscode.Uri | undefined {
    const document = vscode.window.activeTextEditor?.document;
    return document && isMarvel(document) ? document.uri : undefined;
}

function isPreviewState(value: unknown): value is PreviewState {
    return typeof value === 'object' && value !== null && typeof (value as { uri?: unknown }).uri === 'string';
}
