/**
 * Model text reaches the terminal and CI logs. These keep it from acting there: no escape
 * sequence, bell or carriage return, and no bidirectional override that reorders what a
 * reviewer reads. Each such character is written as `\uXXXX`, which is valid inside a
 * JSON string and plain text in markdown, so the escaped output stays what it was.
 */
const controlCharacters = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Escapes control characters in a command's whole output, keeping its line breaks and tabs. */
export function withoutControlCharacters(output: string): string {
    return output.replace(controlCharacters, escaped);
}

/** Escapes control characters in one line's worth of model text, line breaks and tabs too, so it cannot pass for another line. */
export function oneLine(text: string): string {
    return withoutControlCharacters(text).replace(/[\n\t]/g, character => character === '\n' ? '\\n' : '\\t');
}

function escaped(character: string): string {
    return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
