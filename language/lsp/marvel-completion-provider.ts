import type { AstNode, AstNodeDescription, DocumentBuilder, GrammarAST, LangiumDocument, MaybePromise, ReferenceInfo, Stream } from 'langium';
import { AstUtils, DocumentState, stream } from 'langium';
import type { CompletionAcceptor, CompletionContext, CompletionProviderOptions, CompletionValueItem, NextFeature } from 'langium/lsp';
import type { LangiumServices } from 'langium/lsp';
import { DefaultCompletionProvider } from 'langium/lsp';
import type { CancellationToken, CompletionList, CompletionParams, Range, TextEdit } from 'vscode-languageserver';
import { CompletionItemKind } from 'vscode-languageserver';
import type { RelationTarget } from '../generated/ast.js';
import { isFactor, isRelation, isScenario, isSetting } from '../generated/ast.js';
import { describeRole } from './role-text.js';
import { shownLabel } from '../model/graph-builder.js';

const strengthWords = ['weak', 'average', 'strong'];
const speedWords = ['low', 'average', 'high'];
const levelWords = new Set(['weak', 'average', 'strong', 'low', 'high', 'very']);
const attributeKeys = new Set(['strength', 'speed', 'delay']);
const scenarioWords = new Set(['set', 'to', 'over']);

/**
 * How long completion waits for the build of the text the editor shows; past it, it answers
 * from the last build rather than keep the list from opening.
 */
const freshBuildWaitMs = 3_000;

/** Sort keys: names or label words that start with what is typed come before names that only match it loosely. */
const startsWithTyped = '0';
const containsTyped = '1';

/**
 * Completion that knows the language's soft keywords: attribute values only after
 * `strength:` or `speed:` (and only the ones that scale allows), attribute names only
 * inside parentheses, scenario words only in scenarios. Factor names come with their
 * label and role; what is typed matches a factor's name or any word of its label, and
 * candidates are matched before their items are built (a large model has thousands).
 * The factor list opens by itself after a sign and after the comma of a fan-out, the classes
 * after `strength:` and `speed:`.
 */
export class MarvelCompletionProvider extends DefaultCompletionProvider {

    override readonly completionOptions: CompletionProviderOptions = { triggerCharacters: ['+', '-', '?', ',', ':'] };

    /** Per completion context, what is typed (lower case) and the range it occupies: the same for each of thousands of items. */
    private readonly typedByContext = new WeakMap<CompletionContext, { readonly typed: string; readonly range: Range }>();
    private readonly documentBuilder: DocumentBuilder;

    constructor(services: LangiumServices) {
        super(services);
        this.documentBuilder = services.shared.workspace.DocumentBuilder;
    }

    override async getCompletion(document: LangiumDocument, params: CompletionParams, cancelToken?: CancellationToken): Promise<CompletionList | undefined> {
        const line = document.textDocument.getText({ start: { line: params.position.line, character: 0 }, end: params.position });
        // A '-' that is not a sign (after '->' or a comma) starts an arrow or a negative number: the list would only get in the way.
        if (line.endsWith('-') && !/(->|,)\s*-$/.test(line)) {
            return undefined;
        }
        // A colon opens the list only for the classes of a strength or a speed (a delay is a number).
        if (line.endsWith(':') && !attributeValueContext(line)) {
            return undefined;
        }
        return super.getCompletion(await this.builtAsShown(document, cancelToken), params, cancelToken);
    }

    /**
     * Waits until the document is linked for the text the editor shows. The editor asks at the
     * keystroke of a trigger character, while the build of the text before it may still run:
     * Langium finds that document linked and answers from a syntax tree without the characters
     * just typed, which at `-> +` offers nothing, so the list did not open for a fast typist.
     */
    private async builtAsShown(document: LangiumDocument, cancelToken?: CancellationToken): Promise<LangiumDocument> {
        const deadline = Date.now() + freshBuildWaitMs;
        const uri = document.uri.toString();
        let current = document;
        while (!isBuiltAsShown(current) && !cancelToken?.isCancellationRequested && Date.now() < deadline) {
            await new Promise<void>(resolve => {
                const done = (): void => {
                    clearTimeout(timer);
                    linked.dispose();
                    cancelled?.dispose();
                    resolve();
                };
                const timer = setTimeout(done, deadline - Date.now());
                const linked = this.documentBuilder.onDocumentPhase(DocumentState.Linked, built => {
                    if (built.uri.toString() === uri) {
                        current = built;
                        done();
                    }
                });
                const cancelled = cancelToken?.onCancellationRequested(done);
            });
        }
        return current;
    }

    protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
        // After `a -> +b,` the grammar expects a sign; a modeller expects the next target.
        if (next.feature.$type === 'Keyword' && (next.feature as GrammarAST.Keyword).value === '+' && /,\s*$/.test(textBefore(context))) {
            this.completionForFanOutTarget(context, acceptor);
            return;
        }
        return super.completionFor(context, next, acceptor);
    }

    /** Every factor in scope as a new `+target` of the relation before the comma. */
    private completionForFanOutTarget(context: CompletionContext, acceptor: CompletionAcceptor): void {
        const relation = context.node && AstUtils.getContainerOfType(context.node, isRelation);
        if (!relation) {
            return;
        }
        const target = { $type: 'RelationTarget', $container: relation, $containerProperty: 'targets' } as unknown as RelationTarget;
        const refInfo: ReferenceInfo = { reference: { $refText: '', ref: undefined }, container: target, property: 'target' };
        // What is typed starts after the comma and the space after it: the comma is no filter (some labels have one).
        const text = context.textDocument.getText();
        const afterComma = text.lastIndexOf(',', context.offset - 1) + 1;
        const start = afterComma + (/^\s*/.exec(text.substring(afterComma, context.offset))?.[0].length ?? 0);
        this.typedByContext.set(context, {
            typed: text.substring(start, context.offset).toLowerCase(),
            range: { start: context.textDocument.positionAt(start), end: context.position }
        });
        // Right after the comma the new target needs a space before its sign.
        const separator = start === afterComma ? ' ' : '';
        for (const candidate of this.getReferenceCandidates(refInfo, context)) {
            const item = this.createReferenceCompletionItem(candidate, refInfo, context);
            acceptor(context, { ...item, textEdit: { newText: `${separator}+${candidate.name}`, range: this.typedIn(context).range } });
        }
    }

    private typedIn(context: CompletionContext): { readonly typed: string; readonly range: Range } {
        let typed = this.typedByContext.get(context);
        if (!typed) {
            typed = {
                typed: context.textDocument.getText().substring(context.tokenOffset, context.offset).toLowerCase(),
                range: { start: context.textDocument.positionAt(context.tokenOffset), end: context.position }
            };
            this.typedByContext.set(context, typed);
        }
        return typed;
    }

    protected override getReferenceCandidates(refInfo: ReferenceInfo, context: CompletionContext): Stream<AstNodeDescription> {
        const { typed } = this.typedIn(context);
        if (!startsLikeName(typed)) {
            // Langium also reads the token before the cursor (a fan-out's comma) as the start of a
            // name; matched against labels it would offer a factor whose label has a comma, and
            // that list would hide the one of the context that follows.
            return stream([]);
        }
        const candidates = super.getReferenceCandidates(refInfo, context);
        return typed === '' ? candidates : candidates.filter(candidate => matchRank(candidate, typed) !== undefined);
    }

    protected override createReferenceCompletionItem(nodeDescription: AstNodeDescription, refInfo: ReferenceInfo, context: CompletionContext): CompletionValueItem {
        const item = super.createReferenceCompletionItem(nodeDescription, refInfo, context);
        // The candidates are matched already (also by label, which Langium's own check by name would drop).
        const { typed, range } = this.typedIn(context);
        const textEdit: TextEdit = { newText: nodeDescription.name, range };
        const sortText = typed === '' ? item.sortText : matchRank(nodeDescription, typed) ?? containsTyped;
        const node = nodeDescription.node;
        if (isFactor(node)) {
            const label = shownLabel(node);
            return {
                ...item,
                sortText,
                textEdit,
                detail: `${label} · ${describeRole(node)}`,
                labelDetails: { description: label },
                // Typing part of the label finds the factor in the editor's own filtering too.
                filterText: `${node.name} ${label}`
            };
        }
        return { ...item, sortText, textEdit, detail: nodeDescription.type === 'Category' ? 'category' : item.detail };
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
        const item = { label, kind: CompletionItemKind.EnumMember, detail: attribute.scale, sortText: '0' };
        if (attribute.afterVery) {
            acceptor(context, item);
            return;
        }
        // The list opens at the colon: what is typed after it, the space included, is what the
        // editor filters by, and a space alone would keep only "very strong". So each class
        // replaces everything after the colon, written with its space.
        const before = textBefore(context);
        const afterColon = context.tokenOffset - before.length + before.lastIndexOf(':') + 1;
        const range = { start: context.textDocument.positionAt(afterColon), end: context.position };
        acceptor(context, { ...item, filterText: ` ${label}`, textEdit: { newText: ` ${label}`, range } });
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

/**
 * How a declaration matches what is typed (lower case): {@link startsWithTyped} when its name
 * or a word of its label starts with it, {@link containsTyped} when its name or label holds
 * the typed letters in order, undefined when it does not match.
 */
function matchRank(candidate: AstNodeDescription, typed: string): string | undefined {
    const name = candidate.name.toLowerCase();
    const node: AstNode | undefined = candidate.node;
    const label = isFactor(node) ? node.label?.toLowerCase() ?? '' : '';
    if (name.startsWith(typed) || label.split(/[^\p{L}\p{N}]+/u).some(word => word.startsWith(typed))) {
        return startsWithTyped;
    }
    return inOrder(typed, name) || inOrder(typed, label) ? containsTyped : undefined;
}

/** True when every character of `typed` occurs in `text`, in the same order. */
function inOrder(typed: string, text: string): boolean {
    let at = 0;
    for (const character of typed) {
        at = text.indexOf(character, at) + 1;
        if (at === 0) {
            return false;
        }
    }
    return true;
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

/**
 * Whether the document is linked, and its syntax tree is of the text the editor shows. A file
 * too broken to parse has no tree (MarvelParser), nor will its next build: it offers nothing anyway.
 */
function isBuiltAsShown(document: LangiumDocument): boolean {
    const tree = document.parseResult.value.$cstNode;
    return document.state >= DocumentState.Linked && (tree === undefined || tree.root.fullText === document.textDocument.getText());
}

/** Whether typed text can begin a name or a word of a label (nothing typed yet does). */
function startsLikeName(typed: string): boolean {
    return typed === '' || /^[_\p{L}\p{N}]/u.test(typed);
}
