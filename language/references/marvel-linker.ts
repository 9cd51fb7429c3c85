import type { AstNode, CstNode, LangiumDocument, LangiumDocuments, Reference, ReferenceInfo, URI } from 'langium';
import { AstUtils, Cancellation, DefaultLinker, DocumentState, interruptAndCheck, isAstNode, isAstNodeDescription, isReference, RefResolving } from 'langium';
import type { MarvelFile } from '../generated/ast.js';
import { forEachReference, referenceInfoOf } from '../model/marvel-ast-walk.js';
import type { MarvelServices } from '../marvel-module.js';
import type { ReferenceResolver } from './compact-reference.js';
import { CompactReference } from './compact-reference.js';
import type { ResolutionEpoch } from './resolution-epoch.js';

/** How many references are linked between two checks for cancellation. */
const referencesPerCheck = 1000;

/** What the linker remembers of a document's last link. */
interface LinkState {
    /** The tree that was linked. */
    readonly root: AstNode;
    /** The resolution epoch at that time. */
    readonly epoch: number;
    /** Changes when what the references resolve to may have changed (see {@link MarvelLinker.linkGeneration}). */
    generation: number;
    /** Changes whenever the list of linked references changes (see {@link MarvelLinker.referencesVersion}). */
    referencesVersion: number;
    /** Langium asked to unlink the document; the link decides how much to redo. */
    unlinkRequested: boolean;
    /** Some reference did not resolve. */
    unresolved: boolean;
    /** Per document the references resolve into (by URI): its tree at the time. */
    targetTrees: ReadonlyMap<string, { readonly uri: URI; readonly tree: AstNode | undefined }>;
}

/**
 * Relinks an unchanged file after an edit elsewhere by resolving again only the references
 * into files whose tree was replaced and those that did not resolve; the others keep their
 * targets. That is exact as long as the {@link ResolutionEpoch} has not moved (no import
 * changed, no name became shared); otherwise, and for a re-parsed file, everything is linked
 * anew.
 *
 * On large models an edit in one file otherwise relinks every file that imports it in full,
 * which costs more than everything else the edit needs. A full link finds the references
 * along the grammar (see marvel-ast-walk.ts) rather than through Langium's generic streams.
 */
export class MarvelLinker extends DefaultLinker implements ReferenceResolver {
    private readonly epoch: ResolutionEpoch;
    private readonly documents: LangiumDocuments;
    private readonly states = new WeakMap<LangiumDocument, LinkState>();
    /** Shared by all documents and both counters, so that a number is never reused. */
    private nextNumber = 1;

    constructor(services: MarvelServices) {
        super(services);
        this.epoch = services.references.ResolutionEpoch;
        this.documents = services.shared.workspace.LangiumDocuments;
    }

    override buildReference(node: AstNode, property: string, refNode: CstNode | undefined, refText: string): Reference {
        return new CompactReference(this, node, property, refNode, refText);
    }

    /** Langium's own `ref` getter (linker.js, `buildReference`), for a {@link CompactReference} that is not resolved yet. */
    resolveReference(reference: CompactReference): AstNode | undefined {
        const info: ReferenceInfo = { reference, container: reference.container, property: reference.property };
        if (isAstNodeDescription(reference._nodeDescription)) {
            // A candidate was found before but is not loaded yet.
            reference._ref = this.loadAstNode(reference._nodeDescription) ?? this.createLinkingError(info, reference._nodeDescription);
        } else if (reference._ref === undefined) {
            reference._ref = RefResolving;
            const document = AstUtils.findRootNode(reference.container).$document;
            const linked = this.getLinkedNode(info);
            if (linked.error && document && document.state < DocumentState.ComputedScopes) {
                // The scopes are not ready yet: leave it unresolved so that linking tries again.
                reference._ref = undefined;
                return undefined;
            }
            reference._ref = linked.node ?? linked.error;
            reference._nodeDescription = linked.descr;
            document?.references.push(reference);
        } else if (reference._ref === RefResolving) {
            this.throwCyclicReferenceError(reference.container, reference.property, reference.$refText);
        }
        return isAstNode(reference._ref) ? reference._ref : undefined;
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

    /** Changes whenever some reference of the document was resolved again; what is derived from the references alone can be kept until then. */
    referencesVersion(document: LangiumDocument): number {
        return this.states.get(document)?.referencesVersion ?? 0;
    }

    /**
     * Whether a change to the given files may change what this document's references resolve
     * to: some resolve into them, or some do not resolve at all (a changed file may declare
     * the name now). Langium asks this of every file on every edit.
     */
    mayResolveDifferently(document: LangiumDocument, changedUris: ReadonlySet<string>): boolean {
        const state = this.states.get(document);
        if (!state || state.unresolved) {
            return true;
        }
        for (const uri of changedUris) {
            if (state.targetTrees.has(uri)) {
                return true;
            }
        }
        return false;
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
        if (state?.unlinkRequested && state.root === root && state.epoch === this.epoch.current && this.relinkStale(document, state)) {
            state.unlinkRequested = false;
            return;
        }
        // A full link; forgotten first, so that an interrupted one is done in full again.
        this.states.delete(document);
        super.unlink(document);
        let linked = 0;
        const references: ReferenceInfo[] = [];
        forEachReference(root as MarvelFile, info => references.push(info));
        for (const info of references) {
            if (++linked % referencesPerCheck === 0) {
                await interruptAndCheck(cancelToken);
            }
            this.doLink(info, document);
        }
        this.states.set(document, {
            root, epoch: this.epoch.current, generation: this.nextNumber++, referencesVersion: this.nextNumber++, unlinkRequested: false, ...this.summarize(document)
        });
    }

    /**
     * Resolves again the references that did not resolve or point into a tree that was replaced;
     * false when it cannot (a reference the parser did not make), and nothing was changed then.
     * Synchronous, so that no cancellation leaves a reference unlinked.
     */
    private relinkStale(document: LangiumDocument, state: LinkState): boolean {
        const replaced = new Set([...state.targetTrees].filter(([, target]) => this.currentTree(target.uri) !== target.tree).map(([key]) => key));
        if (replaced.size === 0 && !state.unresolved) {
            return true;
        }
        const stale: Reference[] = [];
        const kept: Reference[] = [];
        for (const reference of document.references) {
            if (!isReference(reference) || !reference.$refNode) {
                return false;
            }
            const target = reference.$nodeDescription;
            const isStale = reference.error !== undefined || !target || replaced.has(target.documentUri.toString());
            (isStale ? stale : kept).push(reference);
        }
        const resolvedBefore = stale.map(reference => reference.error === undefined);
        // Langium's own unlink, applied to the stale references only.
        document.references = stale;
        super.unlink(document);
        document.references = kept;
        let changed = false;
        stale.forEach((reference, i) => {
            this.doLink(referenceInfoOf(reference, reference.$refNode!), document);
            changed ||= (reference.error === undefined) !== resolvedBefore[i];
        });
        if (changed) {
            state.generation = this.nextNumber++;
        }
        state.referencesVersion = this.nextNumber++;
        Object.assign(state, this.summarize(document));
        return true;
    }

    private summarize(document: LangiumDocument): Pick<LinkState, 'unresolved' | 'targetTrees'> {
        let unresolved = false;
        const targetTrees = new Map<string, { uri: URI; tree: AstNode | undefined }>();
        for (const reference of document.references) {
            const target = isReference(reference) ? reference.$nodeDescription : undefined;
            if (reference.error || !target) {
                unresolved = true;
            } else {
                const key = target.documentUri.toString();
                if (!targetTrees.has(key)) {
                    // References are resolved against the current trees, so this is the tree they point into.
                    targetTrees.set(key, { uri: target.documentUri, tree: this.currentTree(target.documentUri) });
                }
            }
        }
        return { unresolved, targetTrees };
    }

    private currentTree(uri: URI): AstNode | undefined {
        return this.documents.getDocument(uri)?.parseResult.value;
    }
}
