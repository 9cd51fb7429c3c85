import type { AstNodeDescription, LangiumDocument, Reference, ReferenceDescription } from 'langium';
import { Cancellation, DefaultReferenceDescriptionProvider, interruptAndCheck, isReference } from 'langium';
import { referenceInfoOf } from '../model/marvel-ast-walk.js';
import type { MarvelServices } from '../marvel-module.js';
import type { MarvelLinker } from '../references/marvel-linker.js';

/**
 * Describes a linked document's references for the index from the list the linker keeps
 * (`document.references`), instead of walking the whole syntax tree again: on large models
 * that walk costs more than describing the references themselves.
 *
 * After an edit elsewhere, a relinked file whose references all kept their targets keeps its
 * descriptions, and one where some changed keeps those of the others (see MarvelLinker).
 */
export class MarvelReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    private readonly linker: MarvelLinker;
    private readonly described = new WeakMap<Reference, { readonly target: AstNodeDescription; readonly descriptions: readonly ReferenceDescription[] }>();
    private readonly byDocument = new WeakMap<LangiumDocument, { readonly version: number; readonly descriptions: ReferenceDescription[] }>();

    constructor(services: MarvelServices) {
        super(services);
        this.linker = services.references.Linker;
    }

    override async createDescriptions(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<ReferenceDescription[]> {
        await interruptAndCheck(cancelToken);
        return this.describeNow(document);
    }

    /** The descriptions of a linked document's references, at once (see MarvelIndexManager, which asks when they are needed). */
    describeNow(document: LangiumDocument): ReferenceDescription[] {
        const version = this.linker.referencesVersion(document);
        const cached = this.byDocument.get(document);
        if (cached && cached.version === version) {
            return cached.descriptions;
        }
        const descriptions = this.describe(document);
        this.byDocument.set(document, { version, descriptions });
        return descriptions;
    }

    private describe(document: LangiumDocument): ReferenceDescription[] {
        const descriptions: ReferenceDescription[] = [];
        for (const reference of document.references) {
            const refNode = reference.$refNode;
            if (reference.error || !refNode || !isReference(reference)) {
                continue;
            }
            const target = reference.$nodeDescription;
            const cached = this.described.get(reference);
            const current = cached && cached.target === target
                ? cached.descriptions
                : this.createInfoDescriptions(referenceInfoOf(reference, refNode));
            if (target && current !== cached?.descriptions) {
                this.described.set(reference, { target, descriptions: current });
            }
            for (const description of current) {
                descriptions.push(description);
            }
        }
        return descriptions;
    }
}
