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

    /**
     * A matcher function hides which characters an identifier can start with, and without
     * that Chevrotain tries every token pattern at every position (8× slower lexing). The
     * hint lists them: `_`, every letter of the Basic Multilingual Plane and the high
     * surrogates that start the letters beyond it.
     */
    protected override buildTerminalToken(terminal: GrammarAST.TerminalRule): TokenType {
        const token = super.buildTerminalToken(terminal);
        if (terminal.name === 'ID' && typeof token.PATTERN === 'function') {
            token.START_CHARS_HINT = identifierStartCodes();
            // An identifier never spans lines; telling Chevrotain so keeps line tracking cheap.
            token.LINE_BREAKS = false;
        }
        return token;
    }

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

let identifierStarts: number[] | undefined;

function identifierStartCodes(): number[] {
    if (!identifierStarts) {
        const codes: number[] = [];
        for (let code = 0; code <= 0xffff; code++) {
            if ((code >= 0xd800 && code <= 0xdbff) || (code < 0xd800 || code > 0xdfff) && /[_\p{L}]/u.test(String.fromCharCode(code))) {
                codes.push(code);
            }
        }
        identifierStarts = codes;
    }
    return identifierStarts;
}
