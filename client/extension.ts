import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node.js';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node.js';
import { MarvelCommand } from '../language/protocol/commands.js';
import { registerExchange } from './exchange/exchange-commands.js';
import { PreviewManager } from './preview/preview-manager.js';
import { registerCompare } from './preview/compare-command.js';
import { registerTracing } from './tracing/trace-commands.js';
import { registerSimulation } from './simulation/simulation-command.js';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const serverModule = context.asAbsolutePath(path.join('out', 'server.cjs'));
    const serverOptions: ServerOptions = {
        run: { module: serverModule, transport: TransportKind.ipc },
        debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } }
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: [{ scheme: 'file', language: 'marvel' }, { scheme: 'untitled', language: 'marvel' }]
    };
    client = new LanguageClient('marvel', 'MARVEL Language Server', serverOptions, clientOptions);
    const previews = new PreviewManager(client, context.extensionUri);
    context.subscriptions.push(
        previews,
        vscode.commands.registerCommand(MarvelCommand.showPreviewToSide, (uri?: vscode.Uri) => previews.show(uri, true)),
        vscode.commands.registerCommand(MarvelCommand.showPreview, (uri?: vscode.Uri) => previews.show(uri, false)),
        registerCompare(previews),
        ...registerTracing(client, previews),
        ...registerExchange(client),
        registerSimulation(client, context.extensionUri)
    );
    await client.start();
}

export async function deactivate(): Promise<void> {
    await client?.stop();
}
