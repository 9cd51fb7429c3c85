import type { TextDocuments } from 'langium/lsp';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Connection } from 'vscode-languageserver/node.js';

/**
 * An edit revalidates every file of its model, and Langium publishes each file it validated:
 * in a model of many files every keystroke would send them all again, and the editor would
 * redraw its Problems view for each. This sends a file's diagnostics only when they differ
 * from what was last sent for it, or when its text changed since (the editor moved the
 * squiggles while the user typed, so it gets the fresh positions even when they look the same).
 */
export function publishOnlyChangedDiagnostics(connection: Connection, textDocuments: TextDocuments<TextDocument>): void {
    /** Per URI, the diagnostics last sent, serialized. */
    const sent = new Map<string, string>();
    const send = connection.sendDiagnostics.bind(connection);
    textDocuments.onDidChangeContent(change => sent.delete(change.document.uri));
    connection.sendDiagnostics = async params => {
        const serialized = JSON.stringify(params.diagnostics);
        if (sent.get(params.uri) === serialized) {
            return;
        }
        sent.set(params.uri, serialized);
        await send(params);
    };
}
