import type { LangiumDocument, ParseResult } from 'langium';
import { CstUtils } from 'langium';
import type { Range } from 'vscode-languageserver-types';
import { isRelationTarget } from '../generated/ast.js';
import { isClosedString } from '../parser/marvel-value-converter.js';

/** A syntax problem the grammar deliberately tolerates so that it can be reported once, precisely. */
export interface LexicalProblem {
    readonly range: Range;
    readonly message: string;
}

const cache = new WeakMap<ParseResult, readonly LexicalProblem[]>();

/** Unclosed strings and block comments and missing commas between relation targets. */
export function lexicalProblems(document: LangiumDocument): readonly LexicalProblem[] {
    const parseResult = document.parseResult;
    const cached = cache.get(parseResult);
    if (cached) {
        return cached;
    }
    const problems: LexicalProblem[] = [];
    const root = parseResult.value.$cstNode;
    if (root) {
        // Token names, not texts: a keyword token is named after the keyword, and taking every
        // token's text would copy the whole file in small strings.
        let previous: string | undefined;
        for (const node of CstUtils.flattenCst(root)) {
            const terminal = node.tokenType.name;
            if (terminal === 'STRING' && !isClosedString(node.text)) {
                problems.push({ range: node.range, message: 'This text has no closing quote (").' });
            } else if (terminal === 'ML_COMMENT' && !(node.text.length >= 4 && node.text.endsWith('*/'))) {
                problems.push({ range: { start: node.range.start, end: { line: node.range.start.line, character: node.range.start.character + 2 } }, message: "This comment is never closed: add '*/' where it ends." });
            } else if (!node.hidden && previous !== ',' && isRelationTarget(node.astNode) && node.astNode.$cstNode?.offset === node.offset
                && node.astNode.$container.targets.indexOf(node.astNode) > 0) {
                problems.push({ range: node.range, message: "Missing ',' between the targets of a relation." });
            }
            if (!node.hidden) {
                previous = terminal;
            }
        }
    }
    cache.set(parseResult, problems);
    return problems;
}
