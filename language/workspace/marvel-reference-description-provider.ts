import type { LangiumDocument, ReferenceDescription } from 'langium';
import { Cancellation, DefaultReferenceDescriptionProvider, GrammarUtils, interruptAndCheck } from 'langium';

/** How many references are described between two checks for cancellation. */
const referencesPerCheck = 500;

/**
 * Describes a linked document's references for the index from the list the linker keeps
 * (`document.references`), instead of walking the whole syntax tree again: on large models
 * that walk costs more than describing the references themselves.
 */
export class MarvelReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {

    override async createDescriptions(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<ReferenceDescription[]> {
        const descriptions: ReferenceDescription[] = [];
        let described = 0;
        for (const reference of document.references) {
            if (++described % referencesPerCheck === 0) {
                await interruptAndCheck(cancelToken);
            }
            const refNode = reference.$refNode;
            if (reference.error || !refNode) {
                continue;
            }
            const property = GrammarUtils.findAssignment(refNode)?.feature ?? '';
            descriptions.push(...this.createInfoDescriptions({ reference, container: refNode.astNode, property }));
        }
        return descriptions;
    }
}
