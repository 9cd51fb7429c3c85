import type { CstNode, GrammarAST, ValueType } from 'langium';
import { DefaultValueConverter, ValueConverter } from 'langium';

/** A string whose closing quote was forgotten still has a value: the rest of its line. */
export class MarvelValueConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        if (rule.name === 'STRING' && !isClosedString(input)) {
            return ValueConverter.convertString(`${input}"`);
        }
        return super.runConverter(rule, input, cstNode);
    }
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
