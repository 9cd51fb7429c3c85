import type { AstNode, LangiumDocument, ReferenceDescription, Stream, URI } from 'langium';
import { Cancellation, DefaultIndexManager } from 'langium';
import { MarvelReferenceDescriptionProvider } from './marvel-reference-description-provider.js';

/**
 * Describes a file's references for the index when they are first asked for (find references,
 * rename, highlights), not after every link: describing the tens of thousands of references of
 * a large model costs a tenth of its build, and most builds are never asked. Which files to
 * relink after an edit is the linker's knowledge (see MarvelDocumentBuilder), not the index's.
 */
export class MarvelIndexManager extends DefaultIndexManager {
    private readonly undescribed = new Map<string, { readonly document: LangiumDocument; readonly provider: MarvelReferenceDescriptionProvider }>();

    override async updateReferences(document: LangiumDocument, cancelToken?: Cancellation.CancellationToken): Promise<void> {
        const provider = this.serviceRegistry.getServices(document.uri).workspace.ReferenceDescriptionProvider;
        if (!(provider instanceof MarvelReferenceDescriptionProvider)) {
            return super.updateReferences(document, cancelToken);
        }
        const uri = document.uri.toString();
        this.referenceIndex.delete(uri);
        this.undescribed.set(uri, { document, provider });
    }

    override removeReferences(uri: URI): void {
        this.undescribed.delete(uri.toString());
        super.removeReferences(uri);
    }

    override findAllReferences(targetNode: AstNode, astNodePath: string): Stream<ReferenceDescription> {
        this.describePending();
        return super.findAllReferences(targetNode, astNodePath);
    }

    override isAffected(document: LangiumDocument, changedUris: Set<string>): boolean {
        this.describePending();
        return super.isAffected(document, changedUris);
    }

    private describePending(): void {
        for (const [uri, { document, provider }] of this.undescribed) {
            this.referenceIndex.set(uri, provider.describeNow(document));
        }
        this.undescribed.clear();
    }
}
