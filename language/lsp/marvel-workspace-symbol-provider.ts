import type { AstNode } from 'langium';
import { Cancellation, interruptAndCheck } from 'langium';
import { DefaultWorkspaceSymbolProvider } from 'langium/lsp';
import type { WorkspaceSymbol, WorkspaceSymbolParams } from 'vscode-languageserver';
import { isCategory, isFactor } from '../generated/ast.js';
import { folded, startsAWord } from '../text/typed-words.js';

/**
 * Go to Symbol in Workspace (Ctrl+T) finds a factor or category by its name or by its label,
 * and lists it by both ("Aantal slachtoffers mensenhandel (slachtoffers)"): modellers know a
 * factor by its label more than by its name. VS Code filters the list by each symbol's name
 * again, so the label is made part of it.
 */
export class MarvelWorkspaceSymbolProvider extends DefaultWorkspaceSymbolProvider {
    override async getSymbols(params: WorkspaceSymbolParams, cancelToken = Cancellation.CancellationToken.None): Promise<WorkspaceSymbol[]> {
        const query = params.query.toLowerCase();
        const symbols: WorkspaceSymbol[] = [];
        for (const description of this.indexManager.allElements()) {
            await interruptAndCheck(cancelToken);
            const label = labelOf(description.node);
            if (!this.fuzzyMatcher.match(query, description.name) && !(label !== undefined && labelMatches(query, label))) {
                continue;
            }
            const symbol = this.getWorkspaceSymbol(description);
            if (symbol) {
                symbols.push(label === undefined || label === description.name ? symbol : { ...symbol, name: `${label} (${description.name})` });
            }
        }
        return symbols;
    }
}

/** Whether every word typed starts a word of the label ("aantal slacht", "hulpverl"), ignoring case and accents. */
function labelMatches(query: string, label: string): boolean {
    const typed = folded(query).split(/\s+/).filter(Boolean);
    return typed.length > 0 && typed.every(part => startsAWord(label, part));
}

function labelOf(node: AstNode | undefined): string | undefined {
    const label = isFactor(node) || isCategory(node) ? node.label?.trim() : undefined;
    return label ? label : undefined;
}
