import type { AstNode, CstNode, LangiumDocument } from 'langium';
import { DefaultDocumentSymbolProvider } from 'langium/lsp';
import type { DocumentSymbol } from 'vscode-languageserver';
import { isCategory, isFactor, isScenario } from '../generated/ast.js';
import { describeRole } from './role-text.js';

/** The outline shows each declaration's label and role next to its identifier. */
export class MarvelDocumentSymbolProvider extends DefaultDocumentSymbolProvider {

    protected override createSymbol(document: LangiumDocument, astNode: AstNode, cstNode: CstNode, nameNode: CstNode, computedName?: string): DocumentSymbol {
        const symbol = super.createSymbol(document, astNode, cstNode, nameNode, computedName);
        return { ...symbol, detail: detailOf(astNode) };
    }
}

function detailOf(node: AstNode): string | undefined {
    if (isFactor(node)) {
        const category = node.category ? ` in ${node.category.$refText}` : '';
        return `${node.label ?? ''} · ${describeRole(node)}${category}`.replace(/^ · /, '');
    }
    if (isCategory(node) || isScenario(node)) {
        return node.label;
    }
    return undefined;
}
