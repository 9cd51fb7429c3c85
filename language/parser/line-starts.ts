import type { Position } from 'vscode-languageserver-types';

/**
 * Where each line of a text starts, worked out on the first question: positions from offsets
 * for tokens and syntax-tree nodes that store only offsets. Line breaks as the lexer counts
 * them (`\n`, `\r\n`, a lone `\r`), so positions equal those the editor computes.
 */
export class LineStarts {
    private starts?: Int32Array;

    constructor(readonly text: string) {}

    /** Zero-based line and character of an offset. */
    positionAt(offset: number): Position {
        const starts = this.starts ??= lineStartsOf(this.text);
        let low = 0;
        let high = starts.length - 1;
        while (low < high) {
            const middle = (low + high + 1) >> 1;
            if (starts[middle] <= offset) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return { line: low, character: offset - starts[low] };
    }
}

function lineStartsOf(text: string): Int32Array {
    const found = [0];
    for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code === 10 || (code === 13 && text.charCodeAt(i + 1) !== 10)) {
            found.push(i + 1);
        }
    }
    return Int32Array.from(found);
}
