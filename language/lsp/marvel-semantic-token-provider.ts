import type { AstNode, Reference } from 'langium';
import type { SemanticTokenAcceptor } from 'langium/lsp';
import { AbstractSemanticTokenProvider, AllSemanticTokenTypes } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import { roleOf } from '../model/graph-builder.js';
import type { FactorRole } from '../analysis/model-graph.js';
import type { Factor } from '../generated/ast.js';
import { isCategory, isFactor, isModelHeader, isRelation, isRelationTarget, isScenario, isSetting } from '../generated/ast.js';

/**
 * One token type per role, so that a theme (or the user's `editor.semanticTokenColorCustomizations`)
 * can colour key factors, indicators, interventions and KPIs apart wherever they are mentioned.
 * package.json declares each with a standard super type as fallback.
 */
export const roleTokenTypes: Readonly<Record<FactorRole, string>> = {
    factor: 'factor',
    key: 'keyFactor',
    indicator: 'indicator',
    intervention: 'intervention',
    kpi: 'kpi'
};

const marvelTokenTypes: Record<string, number> = (() => {
    const types = { ...AllSemanticTokenTypes };
    let next = Math.max(...Object.values(types)) + 1;
    for (const type of Object.values(roleTokenTypes)) {
        types[type] = next++;
    }
    return types;
})();

export class MarvelSemanticTokenProvider extends AbstractSemanticTokenProvider {

    override get tokenTypes(): Record<string, number> {
        return marvelTokenTypes;
    }

    protected highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        if (isFactor(node)) {
            acceptor({ node, property: 'name', type: roleTokenTypes[roleOf(node)], modifier: SemanticTokenModifiers.declaration });
            if (node.category) {
                acceptor({ node, property: 'category', type: SemanticTokenTypes.namespace });
            }
        } else if (isCategory(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.namespace, modifier: SemanticTokenModifiers.declaration });
        } else if (isScenario(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.function, modifier: SemanticTokenModifiers.declaration });
        } else if (isModelHeader(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.namespace, modifier: SemanticTokenModifiers.declaration });
        } else if (isRelation(node)) {
            this.highlightReference(node, 'source', node.source, acceptor);
        } else if (isRelationTarget(node)) {
            this.highlightReference(node, 'target', node.target, acceptor);
        } else if (isSetting(node)) {
            this.highlightReference(node, 'factor', node.factor, acceptor);
        }
    }

    private highlightReference(node: AstNode, property: string, reference: Reference<Factor> | undefined, acceptor: SemanticTokenAcceptor): void {
        const target = reference?.ref;
        if (target) {
            acceptor({ node, property, type: roleTokenTypes[roleOf(target)] });
        }
    }
}
