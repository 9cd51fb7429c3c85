import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import type { SourceRange } from '../../language/analysis/model-graph.js';
import { MarvelCommand } from '../../language/protocol/commands.js';
import type { LoopsResponse, TraceView } from '../../language/protocol/trace-protocol.js';
import { InterventionsRequest, LoopsRequest, TraceRequest } from '../../language/protocol/trace-protocol.js';
import type { PreviewManager } from '../preview/preview-manager.js';
import { EffectsTreeProvider } from './effects-tree.js';
import { LoopsTreeProvider } from './loops-tree.js';

/** "MARVEL: Trace Intervention", the Effects and Loops views, and the commands their items run. */
export function registerTracing(client: LanguageClient, previews: PreviewManager): vscode.Disposable[] {
    const effects = new EffectsTreeProvider();
    const loops = new LoopsTreeProvider();
    const effectsView = vscode.window.createTreeView('marvel.effects', { treeDataProvider: effects });

    const showEffects = (view: TraceView | undefined): void => {
        effects.show(view);
        effectsView.title = view ? `MARVEL Effects: ${view.fromLabel}` : 'MARVEL Effects';
    };
    /** The command the user invoked: the only way a trace may reveal (and focus) the Effects view. */
    const trace = async (uriArgument?: string, from?: string): Promise<void> => {
        const uri = uriArgument ?? activeMarvelUri() ?? previews.activeDocument();
        if (!uri) {
            void vscode.window.showInformationMessage('Open a .marvel file to trace one of its interventions.');
            return;
        }
        const id = from ?? await pickIntervention(client, uri);
        if (!id) {
            return;
        }
        const view = await client.sendRequest(TraceRequest, { uri, from: id });
        if (view.problem) {
            void vscode.window.showWarningMessage(view.problem);
        }
        await vscode.commands.executeCommand('marvel.effects.focus');
        previews.showTrace(vscode.Uri.parse(uri), view);
    };
    /**
     * After a save, the trace again for the Effects view, without a word or a move of the focus.
     * An open preview retraces after every edit itself (and the view follows it).
     */
    const refreshQuietly = async (current: TraceView): Promise<void> => {
        const view = await client.sendRequest(TraceRequest, { uri: current.uri, from: current.from });
        if (effects.current?.uri === current.uri && effects.current.from === current.from) {
            showEffects(view);
        }
    };

    const refreshLoops = async (editor: vscode.TextEditor | undefined): Promise<void> => {
        if (editor?.document.languageId !== 'marvel') {
            return;
        }
        const uri = editor.document.uri.toString();
        loops.show(uri, await client.sendRequest(LoopsRequest, { uri }));
    };

    const loopsView = vscode.window.createTreeView('marvel.loops', { treeDataProvider: loops });
    void refreshLoops(vscode.window.activeTextEditor);
    return [
        effectsView,
        loopsView,
        // Shown, the view asks again for the active file's loops: a change of editor it missed (the one that started the extension) or an answer lost leaves it empty otherwise.
        loopsView.onDidChangeVisibility(event => {
            if (event.visible) {
                void refreshLoops(vscode.window.activeTextEditor);
            }
        }),
        previews.onDidShowTrace(showEffects),
        // Leaving trace mode is final until the user traces again.
        previews.onDidLeaveTrace(() => showEffects(undefined)),
        vscode.commands.registerCommand(MarvelCommand.traceIntervention, (uri?: string, from?: string) => trace(typeof uri === 'string' ? uri : undefined, from)),
        vscode.commands.registerCommand(MarvelCommand.revealLocation, (uri: string, range: SourceRange) => reveal(uri, range)),
        vscode.commands.registerCommand(MarvelCommand.showLoop, (uri: string, loop: LoopsResponse['loops'][number]) => {
            previews.showLoop(vscode.Uri.parse(uri), loop.relations, loop.nodes);
            if (loop.location) {
                void reveal(loop.location.uri, loop.location.range);
            }
        }),
        vscode.window.onDidChangeActiveTextEditor(editor => void refreshLoops(editor)),
        vscode.workspace.onDidSaveTextDocument(document => {
            if (document.languageId === 'marvel') {
                void refreshLoops(vscode.window.activeTextEditor);
                const current = effects.current;
                if (current && !previews.isOpen && current.files.includes(document.uri.toString())) {
                    void refreshQuietly(current);
                }
            }
        })
    ];
}

async function pickIntervention(client: LanguageClient, uri: string): Promise<string | undefined> {
    const interventions = await client.sendRequest(InterventionsRequest, { uri });
    if (interventions.length === 0) {
        void vscode.window.showInformationMessage('This model declares no intervention.');
        return undefined;
    }
    const picked = await vscode.window.showQuickPick(interventions.map(i => ({ label: i.label, description: i.id, id: i.id })), { placeHolder: 'Which intervention shall be traced to the KPIs?', matchOnDescription: true });
    return picked?.id;
}

async function reveal(uri: string, range: SourceRange): Promise<void> {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    const target = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
    await vscode.window.showTextDocument(document, { selection: target, viewColumn: vscode.ViewColumn.One });
}

function activeMarvelUri(): string | undefined {
    const document = vscode.window.activeTextEditor?.document;
    return document?.languageId === 'marvel' ? document.uri.toString() : undefined;
}
