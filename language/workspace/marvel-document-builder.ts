import type { LangiumDocument, MaybePromise, URI } from 'langium';
import { Cancellation, DefaultDocumentBuilder, delayNextTick, DocumentState, OperationCancelled } from 'langium';
import { MarvelLinker } from '../references/marvel-linker.js';

/**
 * Decides which files to relink after an edit by asking the linker, which remembers what each
 * file's references resolve into, instead of scanning every reference of every file on every
 * keystroke.
 *
 * While a user types faster than the server validates, outdated work is dropped and requests
 * are answered from the newest text at every keystroke, not after the last one:
 * - an update first lets the messages that arrived meanwhile in; when a newer edit cancels it,
 *   that edit's update takes its changes along, so a backlog of keystrokes costs one build;
 * - a build that has started always finishes parsing, indexing and linking, the state hover,
 *   completion and definition wait for; only the validation after it is cancelled by a newer
 *   edit (a build cancelled earlier would leave those requests waiting until typing stops).
 */
export class MarvelDocumentBuilder extends DefaultDocumentBuilder {
    /** Changes of updates that a newer one cancelled before they started, by URI. */
    private readonly pendingChanged = new Map<string, URI>();
    private readonly pendingDeleted = new Map<string, URI>();

    override async update(changed: URI[], deleted: URI[], cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        for (const uri of changed) {
            this.pendingDeleted.delete(uri.toString());
            this.pendingChanged.set(uri.toString(), uri);
        }
        for (const uri of deleted) {
            this.pendingChanged.delete(uri.toString());
            this.pendingDeleted.set(uri.toString(), uri);
        }
        await delayNextTick();
        if (cancelToken.isCancellationRequested) {
            throw OperationCancelled;
        }
        const changes = [...this.pendingChanged.values()];
        const deletions = [...this.pendingDeleted.values()];
        this.pendingChanged.clear();
        this.pendingDeleted.clear();
        return super.update(changes, deletions, cancelToken);
    }

    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        const linker = this.serviceRegistry.getServices(document.uri).references.Linker;
        return linker instanceof MarvelLinker ? linker.mayResolveDifferently(document, changedUris) : super.shouldRelink(document, changedUris);
    }

    protected override runCancelable(documents: LangiumDocument[], targetState: DocumentState, cancelToken: Cancellation.CancellationToken, callback: (document: LangiumDocument) => MaybePromise<unknown>): Promise<void> {
        const token = targetState <= DocumentState.IndexedReferences ? Cancellation.CancellationToken.None : cancelToken;
        return super.runCancelable(documents, targetState, token, callback);
    }
}
