import type { CstNode, LangiumDocument, ParseResult } from 'langium';
import { CstUtils, isLeafCstNode } from 'langium';
import type { Range } from 'vscode-languageserver-types';
import type { MarvelFile } from '../generated/ast.js';
import { forEachStatement } from '../model/marvel-ast-walk.js';

/** A syntax problem the grammar deliberately tolerates so that it can be reported once, precisely. */
export interface LexicalProblem {
    readonly range: Range;
    readonly message: string;
}

const cache = new WeakMap<ParseResult, readonly LexicalProblem[]>();

/** Unclosed strings and block comments and missing commas between relation targets, in text order. */
export function lexicalProblems(document: LangiumDocument): readonly LexicalProblem[] {
    const parseResult = document.parseResult;
    const cached = cache.get(parseResult);
    if (cached) {
        return cached;
    }
    const text = document.textDocument.getText();
    const at = (offset: number, length: number): Range => ({ start: document.textDocument.positionAt(offset), end: document.textDocument.positionAt(offset + length) });
    const problems = [...unclosedTokens(text, at), ...missingCommas(parseResult.value as MarvelFile)]
        .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    cache.set(parseResult, problems);
    return problems;
}

/**
 * Strings without their closing quote and block comments without their end, found by
 * scanning the text the way the lexer reads strings and comments (STRING ends at a quote or
 * the end of its line; ML_COMMENT at the first `*\/` or the end of the file).
 */
function unclosedTokens(text: string, at: (offset: number, length: number) => Range): LexicalProblem[] {
    const problems: LexicalProblem[] = [];
    for (let i = 0; i < text.length; i++) {
        const character = text[i];
        if (character === '"') {
            const start = i;
            while (++i < text.length && text[i] !== '"' && text[i] !== '\n' && text[i] !== '\r') {
                if (text[i] === '\\' && i + 1 < text.length && text[i + 1] !== '\n' && text[i + 1] !== '\r') {
                    i++;
                }
            }
            if (i >= text.length || text[i] !== '"') {
                problems.push({ range: at(start, i - start), message: 'This text has no closing quote (").' });
                i--;
            }
        } else if (character === '/' && text[i + 1] === '/') {
            while (i + 1 < text.length && text[i + 1] !== '\n' && text[i + 1] !== '\r') {
                i++;
            }
        } else if (character === '/' && text[i + 1] === '*') {
            const end = text.indexOf('*/', i + 2);
            if (end < 0) {
                problems.push({ range: at(i, 2), message: "This comment is never closed: add '*/' where it ends." });
                break;
            }
            i = end + 1;
        }
    }
    return problems;
}

/** A relation target after the first whose previous token is not a comma (the grammar accepts it so that this is one message). */
function missingCommas(file: MarvelFile): LexicalProblem[] {
    const problems: LexicalProblem[] = [];
    forEachStatement(file, statement => {
        if (statement.$type !== 'Relation' || (statement.targets?.length ?? 0) < 2) {
            return;
        }
        // The targets' syntax nodes are siblings, below the relation's own (a rule call nests it).
        const siblings = statement.targets[0].$cstNode?.container?.content ?? [];
        const targetNodes = new Set<CstNode | undefined>(statement.targets.map(target => target.$cstNode));
        let targetsSeen = 0;
        let previous: CstNode | undefined;
        for (const child of siblings) {
            if (child.hidden) {
                continue;
            }
            if (targetNodes.has(child) && targetsSeen++ > 0 && !(isLeafCstNode(previous) && previous.tokenType.name === ',')) {
                const first = CstUtils.flattenCst(child).find(leaf => !leaf.hidden);
                if (first) {
                    problems.push({ range: first.range, message: "Missing ',' between the targets of a relation." });
                }
            }
            previous = child;
        }
    });
    return problems;
}
