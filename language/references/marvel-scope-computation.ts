import type { AstNode, AstNodeDescription, LangiumDocument, LocalSymbols } from 'langium';
import { DefaultScopeComputation, MultiMap } from 'langium';
import type { MarvelFile } from '../generated/ast.js';
import { forEachStatement } from '../model/marvel-ast-walk.js';

/**
 * Names are unique across a whole model, whatever category they sit in, so every
 * factor, category and scenario is exported, however deeply it is nested; there are
 * no local scopes.
 */
export class MarvelScopeComputation extends DefaultScopeComputation {

    override async collectExportedSymbols(document: LangiumDocument): Promise<AstNodeDescription[]> {
        const exports: AstNodeDescription[] = [];
        forEachStatement(document.parseResult.value as MarvelFile, statement => {
            if (statement.$type !== 'Relation') {
                this.addExportedSymbol(statement, exports, document);
            }
        });
        return exports;
    }

    override async collectLocalSymbols(): Promise<LocalSymbols> {
        return new MultiMap<AstNode, AstNodeDescription>();
    }
}
