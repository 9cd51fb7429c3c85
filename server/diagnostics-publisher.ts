import type { TextDocuments } from 'langium/lsp';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Connection } from 'vscode-languageserver/node.js';

/**
 * Sends diagnostics the way an editor wants them.
 *
 * Only when they change: an edit revalidates every file of its model, and Langium publishes
 * each file it validated, so in a model of many files every keystroke would send them all
 * again and the editor would redraw its Problems view for each. A file's diagnostics are sent
 * when they differ from what was last sent for it, or when its text changed since (the editor
 * moved the squiggles while the user typed, so it gets the fresh positions even when they
 * look the same).
 *
 * Once per file: a file opened through a symbolic link is a document of its own beside its
 * real file's (the editor knows it by the link's path), so its problems would be listed
 * twice. While a link to a file is open, its problems are shown under the link only.
 */
export function publishDiagnostics(connection: Connection, textDocuments: TextDocuments<TextDocument>, realFile: (uri: string) => string): void {
    /** Per URI, the diagnostics last sent, serialized. */
    const sent = new Map<string, string>();
    /** Per URI, the diagnostics last computed, to show a real file's again when the last link to it closes. */
    const computed = new Map<string, Diagnostic[]>();
    /**
     * The open files that are links, with their real files: asked of the disk once, when a file
     * opens, not at every publication. (Files the server loads itself are known by their real path.)
     */
    const openLinks = new Map<string, string>();
    const send = connection.sendDiagnostics.bind(connection);
    const sendIfChanged = async (uri: string, diagnostics: Diagnostic[]): Promise<void> => {
        const serialized = JSON.stringify(diagnostics);
        if (sent.get(uri) !== serialized) {
            sent.set(uri, serialized);
            await send({ uri, diagnostics });
        }
    };
    const openThroughLink = (real: string): boolean => [...openLinks.values()].includes(real);

    textDocuments.onDidOpen(({ document }) => {
        const real = realFile(document.uri);
        if (real !== document.uri) {
            openLinks.set(document.uri, real);
        }
    });
    textDocuments.onDidChangeContent(change => sent.delete(change.document.uri));
    textDocuments.onDidClose(({ document }) => {
        const real = openLinks.get(document.uri);
        openLinks.delete(document.uri);
        if (real !== undefined && !openThroughLink(real)) {
            void sendIfChanged(real, computed.get(real) ?? []);
        }
    });
    connection.sendDiagnostics = async params => {
        computed.set(params.uri, params.diagnostics);
        const real = openLinks.get(params.uri);
        if (real !== undefined) {
            await sendIfChanged(params.uri, params.diagnostics);
            await sendIfChanged(real, []);
        } else {
            await sendIfChanged(params.uri, openThroughLink(params.uri) ? [] : params.diagnostics);
        }
    };
}
