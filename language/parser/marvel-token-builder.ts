import type { GrammarAST } from 'langium';
import { DefaultTokenBuilder } from 'langium';
import type { TokenType } from 'chevrotain';

/**
 * Identifiers may hold any Unicode letter, so the ID terminal is a `u`-flagged regular
 * expression, which Langium hands to Chevrotain as a matcher function. Langium's default
 * test for "could this keyword also be an identifier" only understands plain regular
 * expressions, which made `inBeeld` lex as `in` + `Beeld`; this test runs the matcher.
 */
export class MarvelTokenBuilder extends DefaultTokenBuilder {
    protected override findLongerAlt(keyword: GrammarAST.Keyword, terminalTokens: TokenType[]): TokenType[] {
        const plain = super.findLongerAlt(keyword, terminalTokens);
        const matchers = terminalTokens.filter(token => {
            const pattern = token.PATTERN;
            if (typeof pattern !== 'function') {
                return false;
            }
            const match = pattern(keyword.value, 0, [], {});
            return match !== null && match[0] === keyword.value;
        });
        return [...plain, ...matchers];
    }
}
