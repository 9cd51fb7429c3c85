import type { AstNode, AstNodeDescription, LangiumDocument, LocalSymbols } from 'langium';
import { AstUtils, DefaultScopeComputation, MultiMap } from 'langium';
import { isCategory, isFactor, isScenario } from '../generated/ast.js';

/**
 * Names are unique across a whole model, whatever category they sit in, so every
 * factor, category and scenario is exported, however deeply it is nested; there are
 * no local scopes.
 */
export class MarvelScopeComputation extends DefaultScopeComputation {

    override async collectExportedSymbols(document: LangiumDocument): Promise<AstNodeDescription[]> {
        const exports: AstNodeDescription[] = [];
        for (const node of AstUtils.streamAllContents(document.parseResult.value)) {
            if (isDeclaration(node)) {
                this.addExportedSymbol(node, exports, document);
            }
        }
        return exports;
    }

    override async collectLocalSymbols(): Promise<LocalSymbols> {
        return new MultiMap<AstNode, AstNodeDescription>();
    }
}

function isDeclaration(node: AstNode): boolean {
    return isFactor(node) || isCategory(node) || isScenario(node);
}
