/**
 * Moves the continuation lines of a block comment by as many columns as its first line moved,
 * so a doc comment's `*` column stays aligned under `/**`. Lines that lack the whitespace to
 * remove keep what they have, and a comment that did not move is left as is apart from
 * trailing whitespace, which keeps a second formatting pass a no-op.
 */
export function reindentBlockComment(image: string, oldColumn: number, newColumn: number, indentChar: string, eol: string): string {
    const lines = image.split(/\r?\n/);
    const shift = newColumn - oldColumn;
    const moved = lines.map((line, index) => {
        const trimmed = line.trimEnd();
        if (index === 0 || trimmed === '' || shift === 0) {
            return trimmed;
        }
        if (shift > 0) {
            return indentChar.repeat(shift) + trimmed;
        }
        const removable = /^[ \t]*/.exec(trimmed)?.[0].length ?? 0;
        return trimmed.slice(Math.min(removable, -shift));
    });
    return moved.join(eol);
}

/** Line comments only lose trailing whitespace; their text is the author's. */
export function trimLineComment(image: string): string {
    return image.trimEnd();
}
