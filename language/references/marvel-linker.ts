import type { AstNode, LangiumDocument, LangiumDocuments, Reference } from 'langium';
import { AstUtils, Cancellation, DefaultLinker, GrammarUtils, isReference } from 'langium';
import type { MarvelServices } from '../marvel-module.js';
import type { ResolutionEpoch } from './resolution-epoch.js';

/** What the linker remembers of a document's last link. */
interface LinkState {
    /** The tree that was linked. */
    readonly root: AstNode;
    /** The resolution epoch at that time. */
    readonly epoch: number;
    /** Counts the links that may have changed what the document's references resolve to. */
    generation: number;
    /** Langium asked to unlink the document; the link decides how much to redo. */
    unlinkRequested: boolean;
}

/**
 * Relinks an unchanged file after an edit elsewhere by resolving again only the references
 * whose target's file changed and those that did not resolve; the others keep their targets.
 * That is exact as long as the {@link ResolutionEpoch} has not moved (no import changed, no
 * name became shared); otherwise, and for a re-parsed file, everything is linked anew.
 *
 * On large models an edit in one file otherwise relinks every file that imports it in full,
 * which costs more than everything else the edit needs.
 */
export class MarvelLinker extends DefaultLinker {
    private readonly epoch: ResolutionEpoch;
    private readonly documents: LangiumDocuments;
    private readonly states = new WeakMap<LangiumDocument, LinkState>();
    /** Shared by all documents, so that a generation number is never reused. */
    private nextGeneration = 1;

    constructor(services: MarvelServices) {
        super(services);
        this.epoch = services.references.ResolutionEpoch;
        this.documents = services.shared.workspace.LangiumDocuments;
    }

    /**
     * Changes whenever the document's references may resolve differently than before: after
     * every full link, and after a partial one that changed whether some reference resolves.
     * What depends only on which references resolve (the names they carry are their text) can
     * be kept while this stays the same.
     */
    linkGeneration(document: LangiumDocument): number {
        return this.states.get(document)?.generation ?? 0;
    }

    /** Deferred to {@link link}, which knows by then whether the tree and the epoch are unchanged. */
    override unlink(document: LangiumDocument): void {
        const state = this.states.get(document);
        if (state) {
            state.unlinkRequested = true;
        } else {
            super.unlink(document);
        }
    }

    override async link(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        const state = this.states.get(document);
        const root = document.parseResult.value;
        if (state?.unlinkRequested && state.root === root && state.epoch === this.epoch.current) {
            const outcome = this.relinkStale(document);
            if (outcome !== undefined) {
                state.unlinkRequested = false;
                if (outcome === 'changed') {
                    state.generation = this.nextGeneration++;
                }
                return;
            }
        }
        // A full link; forgotten first, so that an interrupted one is done in full again.
        this.states.delete(document);
        super.unlink(document);
        await super.link(document, cancelToken);
        this.states.set(document, { root, epoch: this.epoch.current, generation: this.nextGeneration++, unlinkRequested: false });
    }

    /**
     * Resolves again the references that did not resolve or whose target's tree was replaced;
     * says whether that changed which of them resolve, or undefined when it cannot tell them apart.
     * Synchronous, so that no cancellation leaves a reference unlinked.
     */
    private relinkStale(document: LangiumDocument): 'changed' | 'unchanged' | undefined {
        const stale: Reference[] = [];
        const kept: Reference[] = [];
        const currentTrees = new Map<AstNode, boolean>();
        for (const reference of document.references) {
            if (!isReference(reference) || !reference.$refNode) {
                return undefined;
            }
            (this.isStale(reference, currentTrees) ? stale : kept).push(reference);
        }
        const resolvedBefore = stale.map(reference => reference.error === undefined);
        // Langium's own unlink, applied to the stale references only.
        document.references = stale;
        super.unlink(document);
        document.references = kept;
        let changed = false;
        stale.forEach((reference, i) => {
            const refNode = reference.$refNode!;
            this.doLink({ reference, container: refNode.astNode, property: GrammarUtils.findAssignment(refNode)?.feature ?? '' }, document);
            changed ||= (reference.error === undefined) !== resolvedBefore[i];
        });
        return changed ? 'changed' : 'unchanged';
    }

    /** Unresolved, or resolved into a tree that is no longer its document's. */
    private isStale(reference: Reference, currentTrees: Map<AstNode, boolean>): boolean {
        const target = reference.ref;
        if (!target) {
            return true;
        }
        const root = AstUtils.findRootNode(target);
        let current = currentTrees.get(root);
        if (current === undefined) {
            const document = root.$document;
            current = document !== undefined && document.parseResult.value === root && this.documents.getDocument(document.uri) === document;
            currentTrees.set(root, current);
        }
        return !current;
    }
}
