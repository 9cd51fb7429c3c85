/** Token names as Chevrotain reports them, in words a modeller uses. */
const tokenWords: Record<string, string> = {
    ID: 'a name',
    STRING: 'a quoted text',
    NUMBER: 'a number',
    EOF: 'the end of the file'
};

/**
 * Rewrites a parser message such as "Expecting token of type 'STRING' but found `x`."
 * into "Expected a quoted text but found 'x'.".
 */
export function describeSyntaxError(message: string): string {
    const expecting = /^Expecting token of type '([^']+)' but found `([\s\S]*)`\.$/.exec(message);
    if (expecting) {
        return `Expected ${word(expecting[1])} but found ${found(expecting[2])}.`;
    }
    const alternatives = /^Expecting: (?:one of these possible Token sequences:)?([\s\S]*?)\nbut found: '([\s\S]*)'$/.exec(message);
    if (alternatives) {
        const options = [...alternatives[1].matchAll(/\[([^\]]+)\]/g)].map(m => m[1].split(', ').map(word).join(' ')).slice(0, 6);
        const unique = [...new Set(options)];
        return `Expected ${unique.join(', or ')} but found ${found(alternatives[2])}.`;
    }
    const unexpected = /^unexpected character: ->(.)<- at offset: \d+, skipped \d+ characters\.$/.exec(message);
    if (unexpected) {
        return `Unexpected character '${unexpected[1]}'.`;
    }
    return message;
}

function word(token: string): string {
    const bare = token.replace(/^'|'$/g, '');
    return tokenWords[bare] ?? `'${bare}'`;
}

function found(text: string): string {
    return text === '' ? 'the end of the file' : `'${text}'`;
}
