import type { AstNode, AstNodeDescription } from 'langium';
import type { NodeKindProvider } from 'langium/lsp';
import { CompletionItemKind, SymbolKind } from 'vscode-languageserver';
import { roleOf } from '../model/graph-builder.js';
import type { FactorRole } from '../analysis/model-graph.js';
import { isCategory, isFactor, isModelHeader, isScenario } from '../generated/ast.js';

const symbolKinds: Record<FactorRole, SymbolKind> = {
    factor: SymbolKind.Variable,
    key: SymbolKind.Key,
    indicator: SymbolKind.Field,
    intervention: SymbolKind.Event,
    kpi: SymbolKind.Constant
};

const completionKinds: Record<FactorRole, CompletionItemKind> = {
    factor: CompletionItemKind.Variable,
    key: CompletionItemKind.Property,
    indicator: CompletionItemKind.Field,
    intervention: CompletionItemKind.Event,
    kpi: CompletionItemKind.Constant
};

/** Icons in the outline and completion list tell a factor's role at a glance. */
export class MarvelNodeKindProvider implements NodeKindProvider {

    getSymbolKind(node: AstNode | AstNodeDescription): SymbolKind {
        const astNode = resolve(node);
        if (isFactor(astNode)) {
            return symbolKinds[roleOf(astNode)];
        }
        if (isCategory(astNode)) {
            return SymbolKind.Namespace;
        }
        if (isScenario(astNode)) {
            return SymbolKind.Function;
        }
        return isModelHeader(astNode) ? SymbolKind.Module : SymbolKind.Field;
    }

    getCompletionItemKind(node: AstNode | AstNodeDescription): CompletionItemKind {
        const astNode = resolve(node);
        if (isFactor(astNode)) {
            return completionKinds[roleOf(astNode)];
        }
        if (isCategory(astNode)) {
            return CompletionItemKind.Module;
        }
        return isScenario(astNode) ? CompletionItemKind.Function : CompletionItemKind.Reference;
    }
}

function resolve(node: AstNode | AstNodeDescription): AstNode | undefined {
    return '$type' in node ? node : node.node;
}
