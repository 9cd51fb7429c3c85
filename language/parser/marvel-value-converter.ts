import type { CstNode, GrammarAST, ValueType } from 'langium';
import { DefaultValueConverter, ValueConverter } from 'langium';

/**
 * A string whose closing quote was forgotten still has a value: the rest of its line.
 *
 * Langium builds a string's value one character at a time, which leaves a chain of one
 * joined pair per character (32 bytes each) in memory for as long as the model lives: most of
 * the memory of the labels of a large file. A string without escapes is its text between the
 * quotes; one with escapes is joined from its pieces once.
 */
export class MarvelValueConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        if (rule.name === 'STRING') {
            return stringValue(isClosedString(input) ? input : `${input}"`);
        }
        return super.runConverter(rule, input, cstNode);
    }
}

/** The value of a quoted string token, as Langium's `ValueConverter.convertString` gives it, as one flat string. */
function stringValue(quoted: string): string {
    const inner = quoted.slice(1, -1);
    return inner.includes('\\') ? [...ValueConverter.convertString(quoted)].join('') : inner;
}

/** True when a string token ends with a closing quote that is not escaped. */
export function isClosedString(token: string): boolean {
    if (token.length < 2 || !token.endsWith('"')) {
        return false;
    }
    let backslashes = 0;
    for (let i = token.length - 2; i >= 1 && token[i] === '\\'; i--) {
        backslashes++;
    }
    return backslashes % 2 === 0;
}
