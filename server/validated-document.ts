import type { LangiumDocument, LangiumSharedCoreServices, URI } from 'langium';
import { DocumentState } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';

/** What a request about a file the server does not hold answers. */
export const notOpenProblem = 'This file is not open in the language server.';

/**
 * A file's document once the server has validated it, for the requests of the preview, the
 * views and the Simulation view; undefined when the server does not hold the file. A request
 * sent as the extension starts or a window is restored can come before the workspace is loaded,
 * and `waitUntil` rejects a document it does not know yet: so the workspace first.
 */
export async function validatedDocument(shared: LangiumSharedCoreServices, uri: URI, cancelToken?: CancellationToken): Promise<LangiumDocument | undefined> {
    await shared.workspace.WorkspaceManager.ready;
    if (!shared.workspace.LangiumDocuments.hasDocument(uri)) {
        return undefined;
    }
    await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, uri, cancelToken);
    return shared.workspace.LangiumDocuments.getDocument(uri);
}
