import { reindentBlockComment, trimLineComment } from './comments.js';
import type { FormatToken } from './format-tokens.js';
import type { FileStructure } from './structure.js';

export interface LayoutOptions {
    /** One level of indentation: four spaces, or a tab. */
    readonly indentUnit: string;
    /** How many columns one level takes on screen, for the wrapping decision. */
    readonly indentWidth: number;
    /** A relation with several targets that would not fit in this many columns gets one target per line. */
    readonly maxWidth: number;
    readonly eol: string;
}

/** The canonical layout: `gaps[i]` is the whitespace before token `i`, `gaps[tokens.length]` the file's end. */
export interface Layout {
    readonly gaps: readonly string[];
    readonly images: readonly string[];
}

interface LineLevel {
    readonly depth: number;
    /** Lines that begin a statement (or a comment about one) may keep a blank line before them. */
    readonly statementLevel: boolean;
}

const NO_SPACE_BEFORE = new Set([')', ',', ':']);
// Signs and a decimal's minus both glue to what follows: `+daders`, `-0.5`.
const NO_SPACE_AFTER = new Set(['(', '+', '-', '?']);

export function layoutTokens(text: string, tokens: readonly FormatToken[], structure: FileStructure, options: LayoutOptions): Layout {
    return new LayoutBuilder(text, tokens, structure, options).run();
}

/**
 * Rebuilds every gap from rules about the tokens on either side, so the result depends only on
 * the token sequence, the tree, and the number of newlines the author put in each gap (which
 * decides whether a comment trails a line or stands on its own, and whether a blank line
 * separates two groups). Formatting its own output therefore changes nothing.
 */
class LayoutBuilder {
    private readonly gaps: string[] = [];
    private readonly images: string[] = [];
    private readonly nextCode: Array<FormatToken | undefined>;
    private readonly wrapStarts = new Set<number>();
    private depth = 0;
    private statementDepth = 0;
    private column = 0;
    private onOpenBraceLine = false;
    private lineHasCode = false;

    constructor(
        private readonly text: string,
        private readonly tokens: readonly FormatToken[],
        private readonly structure: FileStructure,
        private readonly options: LayoutOptions
    ) {
        this.nextCode = new Array<FormatToken | undefined>(tokens.length);
        let next: FormatToken | undefined;
        for (let i = tokens.length - 1; i >= 0; i--) {
            this.nextCode[i] = next;
            if (tokens[i].kind === 'code') {
                next = tokens[i];
            }
        }
    }

    run(): Layout {
        this.tokens.forEach((token, index) => {
            if (token.kind === 'code' && token.image === '}') {
                this.depth = Math.max(0, this.depth - 1);
            }
            if (token.kind === 'code' && this.structure.statementStarts.has(token.offset)) {
                this.statementDepth = this.depth;
                this.decideWrap(index);
            }
            this.emitGap(index === 0 ? '' : this.separator(index));
            this.emitImage(token);
            if (token.kind === 'code' && token.image === '{') {
                this.depth++;
                this.onOpenBraceLine = true;
            }
        });
        this.gaps.push(this.tokens.length > 0 ? this.options.eol : '');
        return { gaps: this.gaps, images: this.images };
    }

    private separator(index: number): string {
        const token = this.tokens[index];
        const previous = this.tokens[index - 1];
        const newlines = countNewlines(this.text.slice(previous.end, token.offset));
        if (!this.breaksLine(previous, token, newlines)) {
            return token.kind === 'code' && previous.kind === 'code' ? inlineSpacing(previous.image, token.image) : ' ';
        }
        const level = this.lineLevel(index);
        const blank = newlines >= 2 && level.statementLevel && !this.onOpenBraceLine && !isCloseBrace(token);
        return this.options.eol.repeat(blank ? 2 : 1) + this.options.indentUnit.repeat(level.depth);
    }

    private breaksLine(previous: FormatToken, token: FormatToken, newlines: number): boolean {
        if (previous.kind === 'line-comment') {
            return true;
        }
        if (token.kind !== 'code') {
            // A comment stays at the end of the line it was written on, or on a line of its own.
            return newlines > 0;
        }
        // A wrapped target may follow a comment that already begins its line: `/* why */ +target`.
        const wrapSatisfied = this.wrapStarts.has(token.offset) && !this.lineHasCode;
        return (this.startsLine(token) && !wrapSatisfied) || (previous.kind === 'block-comment' && newlines > 0);
    }

    private startsLine(token: FormatToken): boolean {
        return this.structure.statementStarts.has(token.offset) || isCloseBrace(token) || this.wrapStarts.has(token.offset);
    }

    private lineLevel(index: number): LineLevel {
        const token = this.tokens[index];
        const anchor = token.kind === 'code' ? token : this.nextCode[index];
        // A comment on its own line belongs to the code that follows it, and a comment before `}` to the block's inside.
        if (anchor === undefined || this.structure.statementStarts.has(anchor.offset) || (isCloseBrace(anchor) && anchor !== token)) {
            return { depth: this.depth, statementLevel: true };
        }
        if (isCloseBrace(anchor)) {
            return { depth: this.depth, statementLevel: false };
        }
        return { depth: this.statementDepth + 1, statementLevel: false };
    }

    /** Decided on the relation's tokens alone, never on its current line breaks, so the choice is stable. */
    private decideWrap(index: number): void {
        const span = this.structure.relations.get(this.tokens[index].offset);
        if (span === undefined || span.laterTargetStarts.length === 0) {
            return;
        }
        let width = this.statementDepth * this.options.indentWidth;
        let previous: FormatToken | undefined;
        for (let i = index; i < this.tokens.length && this.tokens[i].offset < span.end; i++) {
            const token = this.tokens[i];
            if (token.kind !== 'code') {
                continue;
            }
            width += (previous ? inlineSpacing(previous.image, token.image).length : 0) + token.image.length;
            previous = token;
        }
        if (width > this.options.maxWidth) {
            span.laterTargetStarts.forEach(start => this.wrapStarts.add(start));
        }
    }

    private emitGap(gap: string): void {
        if (gap.includes('\n')) {
            this.onOpenBraceLine = false;
            this.lineHasCode = false;
        }
        this.gaps.push(gap);
        this.advance(gap);
    }

    private emitImage(token: FormatToken): void {
        let image = token.image;
        if (token.kind === 'code') {
            this.lineHasCode = true;
        } else if (token.kind === 'line-comment') {
            image = trimLineComment(image);
        } else if (token.kind === 'block-comment') {
            const oldColumn = token.offset - (this.text.lastIndexOf('\n', token.offset - 1) + 1);
            image = reindentBlockComment(image, oldColumn, this.column, this.options.indentUnit.charAt(0), this.options.eol);
        }
        this.images.push(image);
        this.advance(image);
    }

    private advance(written: string): void {
        const lastNewline = written.lastIndexOf('\n');
        this.column = lastNewline < 0 ? this.column + written.length : written.length - lastNewline - 1;
    }
}

function inlineSpacing(left: string, right: string): string {
    return NO_SPACE_BEFORE.has(right) || NO_SPACE_AFTER.has(left) ? '' : ' ';
}

function isCloseBrace(token: FormatToken): boolean {
    return token.kind === 'code' && token.image === '}';
}

/** Counts line breaks as editors do, so a lone `\r` from an old Mac file counts too. */
function countNewlines(gap: string): number {
    return gap.match(/\r\n|\r|\n/g)?.length ?? 0;
}
