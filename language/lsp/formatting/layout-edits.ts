import type { FormatToken } from './format-tokens.js';
import type { Layout } from './layout.js';

/** A replacement of `text[start, end)`. */
export interface OffsetEdit {
    readonly start: number;
    readonly end: number;
    readonly newText: string;
}

export function layoutText(layout: Layout): string {
    let result = '';
    layout.images.forEach((image, index) => {
        result += layout.gaps[index] + image;
    });
    return result + layout.gaps[layout.images.length];
}

/**
 * One small edit per gap or comment that changed, trimmed to the part that differs, so that
 * an editor keeps the cursor and markers in place and range formatting can keep just the
 * edits that fall inside its range.
 */
export function layoutEdits(text: string, tokens: readonly FormatToken[], layout: Layout): OffsetEdit[] {
    const edits: OffsetEdit[] = [];
    let previousEnd = 0;
    tokens.forEach((token, index) => {
        pushGapDifference(edits, text, previousEnd, token.offset, layout.gaps[index]);
        pushDifference(edits, text, token.offset, token.end, layout.images[index]);
        previousEnd = token.end;
    });
    pushGapDifference(edits, text, previousEnd, text.length, layout.gaps[tokens.length]);
    return edits;
}

/**
 * A gap that spans lines is compared in three parts (the end of one line, the line breaks,
 * the next line's indentation), so that fixing trailing whitespace or an indent yields an
 * edit on that line alone, which range and on-type formatting can then keep.
 */
function pushGapDifference(edits: OffsetEdit[], text: string, start: number, end: number, wanted: string): void {
    const current = text.slice(start, end);
    const firstBreak = current.search(/\r?\n/);
    const wantedFirstBreak = wanted.search(/\r?\n/);
    if (firstBreak < 0 || wantedFirstBreak < 0) {
        pushDifference(edits, text, start, end, wanted);
        return;
    }
    const afterBreaks = current.lastIndexOf('\n') + 1;
    const wantedAfterBreaks = wanted.lastIndexOf('\n') + 1;
    pushDifference(edits, text, start, start + firstBreak, wanted.slice(0, wantedFirstBreak));
    pushDifference(edits, text, start + firstBreak, start + afterBreaks, wanted.slice(wantedFirstBreak, wantedAfterBreaks));
    pushDifference(edits, text, start + afterBreaks, end, wanted.slice(wantedAfterBreaks));
}

function pushDifference(edits: OffsetEdit[], text: string, start: number, end: number, wanted: string): void {
    const current = text.slice(start, end);
    if (current === wanted) {
        return;
    }
    let prefix = 0;
    const shorter = Math.min(current.length, wanted.length);
    while (prefix < shorter && current[prefix] === wanted[prefix]) {
        prefix++;
    }
    let suffix = 0;
    while (suffix < shorter - prefix && current[current.length - 1 - suffix] === wanted[wanted.length - 1 - suffix]) {
        suffix++;
    }
    edits.push({
        start: start + prefix,
        end: end - suffix,
        newText: wanted.slice(prefix, wanted.length - suffix)
    });
}

/** The edits that lie wholly inside `[start, end]`: formatting a range must not touch what lies outside it. */
export function editsWithin(edits: readonly OffsetEdit[], start: number, end: number): OffsetEdit[] {
    return edits.filter(edit => edit.start >= start && edit.end <= end);
}
