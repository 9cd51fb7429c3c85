import type { AstNodeDescription, GrammarAST, MaybePromise, ReferenceInfo } from 'langium';
import type { CompletionAcceptor, CompletionContext, CompletionValueItem } from 'langium/lsp';
import { DefaultCompletionProvider } from 'langium/lsp';
import { CompletionItemKind } from 'vscode-languageserver';
import { isFactor, isScenario, isSetting } from '../generated/ast.js';
import { describeRole } from './role-text.js';

const strengthWords = ['weak', 'average', 'strong'];
const speedWords = ['low', 'average', 'high'];
const levelWords = new Set(['weak', 'average', 'strong', 'low', 'high', 'very']);
const attributeKeys = new Set(['strength', 'speed', 'delay']);
const scenarioWords = new Set(['set', 'to', 'over']);

/**
 * Completion that knows the language's soft keywords: attribute values only after
 * `strength:` or `speed:` (and only the ones that scale allows), attribute names only
 * inside parentheses, scenario words only in scenarios. Factor names come with their
 * label and role.
 */
export class MarvelCompletionProvider extends DefaultCompletionProvider {

    protected override createReferenceCompletionItem(nodeDescription: AstNodeDescription, refInfo: ReferenceInfo, context: CompletionContext): CompletionValueItem {
        const item = super.createReferenceCompletionItem(nodeDescription, refInfo, context);
        const node = nodeDescription.node;
        if (isFactor(node)) {
            const label = node.label ?? node.name;
            return {
                ...item,
                detail: `${label} · ${describeRole(node)}`,
                labelDetails: { description: label },
                // Typing part of the label finds the factor too.
                filterText: `${node.name} ${label}`
            };
        }
        return { ...item, detail: nodeDescription.type === 'Category' ? 'category' : item.detail };
    }

    protected override completionForKeyword(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor): MaybePromise<void> {
        const attribute = attributeValueContext(textBefore(context));
        if (!attribute || !levelWords.has(keyword.value)) {
            return super.completionForKeyword(context, keyword, acceptor);
        }
        if (!this.filterKeyword(context, keyword)) {
            return;
        }
        const label = keyword.value === 'very' ? `very ${attribute.scale === 'strength' ? 'strong' : 'high'}` : keyword.value;
        acceptor(context, { label, kind: CompletionItemKind.EnumMember, detail: attribute.scale, sortText: '0' });
    }

    protected override filterKeyword(context: CompletionContext, keyword: GrammarAST.Keyword): boolean {
        const word = keyword.value;
        const before = textBefore(context);
        if (levelWords.has(word)) {
            const attribute = attributeValueContext(before);
            if (!attribute) {
                return false;
            }
            const strongest = attribute.scale === 'strength' ? 'strong' : 'high';
            if (attribute.afterVery) {
                return word === strongest;
            }
            return word === 'very' || (attribute.scale === 'strength' ? strengthWords : speedWords).includes(word);
        }
        if (attributeKeys.has(word)) {
            return /\([^()"]*$/.test(before);
        }
        if (scenarioWords.has(word)) {
            const inScenario = isScenario(context.node) || isSetting(context.node);
            return inScenario && (word === 'set' ? /(^|[\s{])$/.test(before) : word === 'to' ? /\bset\s+\S+\s+$/.test(before) : /\bto\s+-?[\d.]+\s+$/.test(before));
        }
        return super.filterKeyword(context, keyword);
    }
}

/** The text of the current line before the token being completed. */
function textBefore(context: CompletionContext): string {
    const start = context.textDocument.positionAt(context.tokenOffset);
    return context.textDocument.getText({ start: { line: start.line, character: 0 }, end: start });
}

interface AttributeValueContext {
    readonly scale: 'strength' | 'speed';
    readonly afterVery: boolean;
}

function attributeValueContext(before: string): AttributeValueContext | undefined {
    const match = /\b(strength|speed)\s*:\s*(very\s+)?$/.exec(before);
    return match ? { scale: match[1] as 'strength' | 'speed', afterVery: match[2] !== undefined } : undefined;
}
