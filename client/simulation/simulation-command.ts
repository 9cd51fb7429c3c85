import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import { SimulationPanel, simulationViewType } from './simulation-panel.js';

/** `MARVEL: Simulate`: the Simulation view for the given or the active `.marvel` file, brought back after a window reload. */
export function registerSimulation(client: LanguageClient, extensionUri: vscode.Uri): vscode.Disposable {
    const serializer = vscode.window.registerWebviewPanelSerializer(simulationViewType, {
        deserializeWebviewPanel: async (panel, state: unknown) => SimulationPanel.restore(client, extensionUri, panel, state)
    });
    const command = vscode.commands.registerCommand('marvel.simulate', (uri?: vscode.Uri) => {
        const document = vscode.window.activeTextEditor?.document;
        const target = uri ?? (document?.languageId === 'marvel' ? document.uri : undefined);
        if (!target) {
            void vscode.window.showInformationMessage('Open a .marvel file to simulate its model.');
            return;
        }
        SimulationPanel.show(client, extensionUri, target);
    });
    return vscode.Disposable.from(serializer, command);
}
