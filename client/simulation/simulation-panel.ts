import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import { appendedBlock, scenarioBlock } from '../../language/analysis/dynamics/scenario-text.js';
import type { InterventionSetting } from '../../language/analysis/dynamics/simulate.js';
import { ModelGraph } from '../../language/analysis/model-graph.js';
import type { SimulationModelResponse } from '../../language/protocol/simulation-protocol.js';
import { SimulationModelRequest } from '../../language/protocol/simulation-protocol.js';
import { saveExport } from '../preview/export-file.js';
import { simulationHtml } from '../simulation-webview/simulation-html.js';
import type { SimulationHostMessage, SimulationViewMessage } from './messages.js';

export const simulationViewType = 'marvel.simulation';

/**
 * The Simulation view (`MARVEL: Simulate`): one panel that follows the active `.marvel`
 * editor, hands its model to the webview after every pause in typing (older answers dropped),
 * saves exports and writes a what-if into the model file as a scenario.
 */
export class SimulationPanel implements vscode.Disposable {
    private static current?: SimulationPanel;
    private readonly disposables: vscode.Disposable[] = [];
    private refreshTimer?: ReturnType<typeof setTimeout>;
    private requestSerial = 0;
    private graph?: ModelGraph;

    static show(client: LanguageClient, extensionUri: vscode.Uri, uri: vscode.Uri): void {
        if (SimulationPanel.current) {
            SimulationPanel.current.panel.reveal(vscode.ViewColumn.Beside, true);
            SimulationPanel.current.follow(uri);
            return;
        }
        const panel = vscode.window.createWebviewPanel(simulationViewType, 'Simulation', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
            ...webviewOptions(extensionUri),
            retainContextWhenHidden: true
        });
        SimulationPanel.current = new SimulationPanel(panel, client, extensionUri, uri);
    }

    /**
     * A view VS Code brings back after a window reload, with the state its page saved
     * (simulation-view.ts): the page restores its choices, the panel follows the file again.
     */
    static restore(client: LanguageClient, extensionUri: vscode.Uri, panel: vscode.WebviewPanel, state: unknown): void {
        const saved = typeof state === 'object' && state !== null ? (state as { uri?: unknown }).uri : undefined;
        const document = vscode.window.activeTextEditor?.document;
        const uri = typeof saved === 'string' && saved !== '' ? vscode.Uri.parse(saved) : document?.languageId === 'marvel' ? document.uri : undefined;
        if (!uri) {
            panel.dispose();
            return;
        }
        SimulationPanel.current?.panel.dispose();
        panel.webview.options = webviewOptions(extensionUri);
        SimulationPanel.current = new SimulationPanel(panel, client, extensionUri, uri);
    }

    private constructor(readonly panel: vscode.WebviewPanel, private readonly client: LanguageClient, extensionUri: vscode.Uri, private uri: vscode.Uri) {
        const webview = panel.webview;
        webview.html = simulationHtml({
            cspSource: webview.cspSource,
            nonce: nonce(),
            scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'out', 'simulation.js')).toString(),
            styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'out', 'simulation.css')).toString()
        });
        panel.iconPath = vscode.Uri.joinPath(extensionUri, 'images', 'preview.svg');
        this.updateTitle();
        this.disposables.push(
            webview.onDidReceiveMessage((message: SimulationViewMessage) => void this.onMessage(message)),
            panel.onDidDispose(() => this.dispose()),
            vscode.workspace.onDidChangeTextDocument(event => {
                if (event.document.languageId === 'marvel' && event.contentChanges.length > 0) {
                    this.refreshSoon();
                }
            }),
            vscode.window.onDidChangeActiveTextEditor(editor => {
                if (editor?.document.languageId === 'marvel') {
                    this.follow(editor.document.uri);
                }
            })
        );
    }

    dispose(): void {
        clearTimeout(this.refreshTimer);
        if (SimulationPanel.current === this) {
            SimulationPanel.current = undefined;
        }
        this.disposables.forEach(d => d.dispose());
        this.disposables.length = 0;
    }

    private follow(uri: vscode.Uri): void {
        if (uri.toString() !== this.uri.toString()) {
            this.uri = uri;
            this.updateTitle();
            this.refreshSoon(0);
        }
    }

    /** Simulates again after a pause in typing (the preview's `marvel.preview.refreshDelay`); a newer change restarts the pause. */
    private refreshSoon(delay = vscode.workspace.getConfiguration('marvel.preview').get<number>('refreshDelay', 300)): void {
        clearTimeout(this.refreshTimer);
        this.refreshTimer = setTimeout(() => void this.refresh(), delay);
    }

    private async refresh(): Promise<void> {
        const serial = ++this.requestSerial;
        const uri = this.uri.toString();
        let model: SimulationModelResponse;
        try {
            model = await this.client.sendRequest(SimulationModelRequest, { uri });
        } catch (error) {
            model = { uri, version: -1, problem: `The language server could not read the model: ${error instanceof Error ? error.message : String(error)}` };
        }
        // A slower, older answer must not replace a newer one.
        if (serial !== this.requestSerial || model.uri !== this.uri.toString()) {
            return;
        }
        if (model.graph) {
            this.graph = new ModelGraph(model.graph);
        }
        this.post({ type: 'model', model, fileName: fileName(this.uri) });
    }

    private async onMessage(message: SimulationViewMessage): Promise<void> {
        switch (message.type) {
            case 'ready':
                this.refreshSoon(0);
                break;
            case 'export': {
                const saved = await saveExport(this.uri, message.format, message.data, '-simulation');
                if (saved) {
                    this.post({ type: 'exported', path: saved.fsPath });
                }
                break;
            }
            case 'saveScenario':
                await this.saveScenario(message.settings);
                break;
        }
    }

    /** Appends the what-if as a formatted `scenario` block to the model file: one edit, undone with one Undo. */
    private async saveScenario(settings: readonly InterventionSetting[]): Promise<void> {
        if (!this.graph || settings.length === 0) {
            return;
        }
        const labels = settings.map(setting => this.graph!.labelOf(setting.factor));
        const label = `What-if: ${labels.slice(0, 3).join(', ')}${labels.length > 3 ? ` and ${labels.length - 3} more` : ''}`;
        const block = scenarioBlock(this.graph, settings, label);
        const document = await vscode.workspace.openTextDocument(this.uri);
        const end = document.lineAt(document.lineCount - 1).range.end;
        const edit = new vscode.WorkspaceEdit();
        edit.insert(this.uri, end, appendedBlock(document.getText(), block.text));
        if (await vscode.workspace.applyEdit(edit)) {
            this.post({ type: 'saved', scenario: block.id });
        } else {
            void vscode.window.showErrorMessage(`Could not write the scenario into ${fileName(this.uri)}.`);
        }
    }

    private post(message: SimulationHostMessage): void {
        void this.panel.webview.postMessage(message);
    }

    private updateTitle(): void {
        this.panel.title = `Simulation ${fileName(this.uri)}`;
    }
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'out')] };
}

function fileName(uri: vscode.Uri): string {
    return decodeURIComponent(uri.path.split('/').pop() ?? 'model');
}

function nonce(): string {
    const characters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    return Array.from({ length: 32 }, () => characters[Math.floor(Math.random() * characters.length)]).join('');
}
