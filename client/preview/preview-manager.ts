import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import type { TraceView } from '../../language/protocol/trace-protocol.js';
import { FilesValidatedNotification } from '../../language/protocol/diagram-protocol.js';
import type { DiffAgainst, PreviewState } from '../webview/messages.js';
import { diffEditorAgainst } from './diff-against.js';
import { initialState, PreviewPanel, previewViewType } from './preview-panel.js';

/**
 * The previews beside the editor: opens them, keeps the unlocked one following the active
 * `.marvel` editor, redraws them while typing and restores them after a window reload. A
 * locked preview stays on its model; opening the preview on another model then opens a
 * preview of its own, as VS Code's Markdown preview does. A `.marvel` file shown in a diff
 * editor (Source Control's changes) puts the following preview in diff mode against the
 * original side, until that diff editor closes.
 */
export class PreviewManager implements vscode.Disposable {
    private previews: PreviewPanel[] = [];
    private readonly disposables: vscode.Disposable[] = [];
    /** The original side of the active diff editor the preview went to diff mode for. */
    private followedDiff?: string;
    private readonly traceEmitter = new vscode.EventEmitter<TraceView>();
    /** A preview showed a trace (also one it restored after a reload). */
    readonly onDidShowTrace = this.traceEmitter.event;
    private readonly leaveEmitter = new vscode.EventEmitter<void>();
    /** A preview left trace mode (the user left it, or it moved on to another model). */
    readonly onDidLeaveTrace = this.leaveEmitter.event;

    constructor(private readonly client: LanguageClient, private readonly extensionUri: vscode.Uri) {
        this.disposables.push(
            vscode.window.registerWebviewPanelSerializer(previewViewType, {
                deserializeWebviewPanel: async (panel, state: unknown) => this.restore(panel, state)
            }),
            vscode.window.onDidChangeActiveTextEditor(editor => {
                // Not the original side of a diff (a `git:` document): the language server knows files only.
                if (editor && isMarvel(editor.document) && isEditable(editor.document.uri)) {
                    this.previews.filter(preview => !preview.locked).forEach(preview => preview.showDocument(editor.document.uri));
                }
                this.followDiffEditor();
            }),
            vscode.window.tabGroups.onDidChangeTabs(event => {
                for (const preview of this.previews) {
                    const against = preview.diff;
                    if (against?.original !== undefined && event.closed.some(tab => tab.input instanceof vscode.TabInputTextDiff && tab.input.original.toString() === against.original)) {
                        preview.leaveDiff();
                    }
                }
                this.followDiffEditor();
            }),
            vscode.workspace.onDidChangeTextDocument(event => {
                if (isMarvel(event.document) && event.contentChanges.length > 0) {
                    // Any file of a model can change its picture (the server says which files a drawing is of); a preview of another model waits.
                    this.previews.filter(preview => preview.isOfModel(event.document.uri)).forEach(preview => preview.refreshSoon());
                }
            }),
            vscode.window.onDidChangeTextEditorSelection(event => {
                // Only the preview of the cursor's model marks what it stands on: another model may have a factor of the same name.
                if (isMarvel(event.textEditor.document)) {
                    this.previews.filter(preview => preview.isOfModel(event.textEditor.document.uri)).forEach(preview => preview.syncCursor(event.textEditor));
                }
            }),
            vscode.window.onDidChangeActiveColorTheme(() => this.previews.forEach(preview => preview.refreshSoon(0))),
            // A file of a model deleted, restored or changed on disk (a git checkout, the Explorer) is no edit.
            client.onNotification(FilesValidatedNotification, () => this.previews.forEach(preview => preview.refreshUnlessPending()))
        );
    }

    show(uri: vscode.Uri | undefined, toSide: boolean): void {
        const target = uri ?? activeMarvelUri();
        if (!target) {
            void vscode.window.showInformationMessage('Open a .marvel file to preview its diagram.');
            return;
        }
        this.previewOf(target, toSide);
    }

    /** Opens the preview of the document (beside the editor) and puts it in trace mode. */
    showTrace(uri: vscode.Uri, trace: TraceView): void {
        this.previewOf(uri, true).showTrace(trace);
    }

    /** Opens the preview of the document (beside the editor) in diff mode against `against`. */
    showDiff(uri: vscode.Uri, against: DiffAgainst): void {
        this.previewOf(uri, true).showDiff(against);
    }

    /** Shows one feedback loop alone in the preview of the document. */
    showLoop(uri: vscode.Uri, relations: readonly number[], nodes: readonly string[]): void {
        this.previewOf(uri, true).showLoop(relations, nodes);
    }

    dispose(): void {
        this.previews.forEach(preview => preview.panel.dispose());
        this.disposables.forEach(d => d.dispose());
        this.traceEmitter.dispose();
        this.leaveEmitter.dispose();
    }

    /** The document the preview in front shows, when a preview is the active editor (a command run from it). */
    activeDocument(): string | undefined {
        return this.previews.find(preview => preview.panel.active)?.uri;
    }

    /** Whether a preview is open: it then refreshes its trace itself after every edit. */
    get isOpen(): boolean {
        return this.previews.length > 0;
    }

    /**
     * The preview that shows the document, brought into view: one that draws its model already
     * (locked or not), else the one following the editor, moved to it, else a new one.
     */
    private previewOf(uri: vscode.Uri, toSide: boolean): PreviewPanel {
        const column = toSide ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
        const preview = this.previews.find(shown => shown.draws(uri)) ?? this.following();
        if (preview) {
            preview.panel.reveal(preview.draws(uri) ? undefined : column, true);
            preview.showDocument(uri);
            return preview;
        }
        const panel = vscode.window.createWebviewPanel(previewViewType, 'Preview', { viewColumn: column, preserveFocus: true }, { enableScripts: true, retainContextWhenHidden: true });
        return this.attach(new PreviewPanel(panel, this.client, this.extensionUri, initialState(uri)));
    }

    /** The preview that follows the active editor: the first one not locked. */
    private following(): PreviewPanel | undefined {
        return this.previews.find(preview => !preview.locked);
    }

    /**
     * When a diff editor of a `.marvel` file becomes the active tab, the preview of that file (or
     * the following one) compares with the original side — once: leaving diff mode with that tab
     * still active is the user's choice.
     */
    private followDiffEditor(): void {
        const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
        if (!(input instanceof vscode.TabInputTextDiff) || !input.modified.path.endsWith('.marvel') || !isEditable(input.modified)) {
            this.followedDiff = undefined;
            return;
        }
        const preview = this.previews.find(shown => shown.locked && shown.uri === input.modified.toString()) ?? this.following();
        const original = input.original.toString();
        if (!preview || this.followedDiff === original) {
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
        this.attach(new PreviewPanel(panel, this.client, this.extensionUri, restored ?? initialState(uri)));
    }

    private attach(preview: PreviewPanel): PreviewPanel {
        this.previews.push(preview);
        preview.onDidShowTrace(trace => this.traceEmitter.fire(trace));
        preview.onDidLeaveTrace(() => this.leaveEmitter.fire());
        preview.onDidDispose(() => {
            this.previews = this.previews.filter(shown => shown !== preview);
        });
        return preview;
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
