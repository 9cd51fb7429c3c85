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
        const options = [...alternatives[1].matchAll(/\[([^\]]+)\]/g)].map(m => m[1].split(', ').map(word).join(' '));
        // A name may be one of these words too: "a name" says it, not a list of attribute words.
        const unique = [...new Set(options.includes(word('ID')) ? options.filter(option => !nameWords.has(option)) : options)].slice(0, 6);
        return `Expected ${unique.join(', or ')} but found ${found(alternatives[2])}.`;
    }
    const unexpected = /^unexpected character: ->(.)<- at offset: \d+, skipped \d+ characters\.$/.exec(message);
    if (unexpected) {
        return `Unexpected character '${unexpected[1]}'.`;
    }
    return message;
}

/** Whether a parser message is about the end of the file, such as a `}` missing there: a complaint about what follows the last line, not about its text. */
export function foundEndOfFile(message: string): boolean {
    return /but found `\s*`\.$/.test(message) || /\nbut found: '\s*'$/.test(message);
}

/** The words marvel.langium's `Name` rule accepts besides an identifier, as options are written here. */
const nameWords = new Set(['weak', 'average', 'strong', 'low', 'high', 'very', 'strength', 'speed', 'delay', 'set', 'to', 'over'].map(keyword => `'${keyword}'`));

function word(token: string): string {
    const bare = token.replace(/^'|'$/g, '');
    return tokenWords[bare] ?? `'${bare}'`;
}

function found(text: string): string {
    return text === '' ? 'the end of the file' : `'${text}'`;
}

const declarationKeywords = ['model', 'import', 'category', 'factor', 'key', 'indicator', 'intervention', 'kpi', 'scenario'];

/**
 * When a statement starts with a word that is not a keyword and is followed by another name
 * instead of `->`, the author almost certainly misspelt a keyword (`fctor b "B"`): say so.
 */
export function misspeltKeywordMessage(text: string, errorOffset: number): { message: string; wordOffset: number; wordLength: number } | undefined {
    const lineStart = text.lastIndexOf('\n', errorOffset - 1) + 1;
    const before = text.slice(lineStart, errorOffset);
    const match = /^\s*([_\p{L}][_\p{L}\p{N}]*)\s+$/u.exec(before);
    if (!match || !/^[_\p{L}]/u.test(text.slice(errorOffset))) {
        return undefined;
    }
    const word = match[1];
    const wordOffset = lineStart + before.indexOf(word);
    const close = declarationKeywords.filter(keyword => isNear(word.toLowerCase(), keyword));
    const message = close.length > 0
        ? `Unknown keyword '${word}': did you mean '${close[0]}'?`
        : `Expected '->' after '${word}' (a relation), or a declaration keyword (${declarationKeywords.slice(2).join(', ')}).`;
    return { message, wordOffset, wordLength: word.length };
}

/** One insertion, deletion, substitution or swap of neighbours apart. */
function isNear(a: string, b: string): boolean {
    if (a === b || Math.abs(a.length - b.length) > 1) {
        return a === b;
    }
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) {
        i++;
    }
    return a.slice(i + 1) === b.slice(i + 1) || a.slice(i) === b.slice(i + 1) || a.slice(i + 1) === b.slice(i)
        || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
}
