import { readFileSync } from 'node:fs';

/** Advance widths of a TrueType font per code point, read from its cmap (format 4) and hmtx tables. */
export function readAdvanceWidths(file: string, codePoints: Iterable<number>): { unitsPerEm: number; widths: Map<number, number> } {
    const font = readFileSync(file);
    const tables = new Map<string, number>();
    const tableCount = font.readUInt16BE(4);
    for (let i = 0; i < tableCount; i++) {
        const record = 12 + i * 16;
        tables.set(font.toString('latin1', record, record + 4), font.readUInt32BE(record + 8));
    }
    const table = (tag: string): number => {
        const offset = tables.get(tag);
        if (offset === undefined) {
            throw new Error(`font has no ${tag} table`);
        }
        return offset;
    };
    const unitsPerEm = font.readUInt16BE(table('head') + 18);
    const metricCount = font.readUInt16BE(table('hhea') + 34);
    const hmtx = table('hmtx');
    const advance = (glyph: number): number => font.readUInt16BE(hmtx + 4 * Math.min(glyph, metricCount - 1));
    const glyphOf = format4Lookup(font, table('cmap'));
    const widths = new Map<number, number>();
    for (const codePoint of codePoints) {
        const glyph = glyphOf(codePoint);
        if (glyph !== 0) {
            widths.set(codePoint, advance(glyph));
        }
    }
    return { unitsPerEm, widths };
}

function format4Lookup(font: Buffer, cmap: number): (codePoint: number) => number {
    const count = font.readUInt16BE(cmap + 2);
    let subtable = -1;
    for (let i = 0; i < count; i++) {
        const platform = font.readUInt16BE(cmap + 4 + i * 8);
        const encoding = font.readUInt16BE(cmap + 6 + i * 8);
        if (platform === 3 && encoding === 1) {
            subtable = cmap + font.readUInt32BE(cmap + 8 + i * 8);
        }
    }
    if (subtable < 0 || font.readUInt16BE(subtable) !== 4) {
        throw new Error('font has no Unicode BMP cmap (format 4)');
    }
    const segments = font.readUInt16BE(subtable + 6) / 2;
    const ends = subtable + 14;
    const starts = ends + segments * 2 + 2;
    const deltas = starts + segments * 2;
    const rangeOffsets = deltas + segments * 2;
    return codePoint => {
        for (let s = 0; s < segments; s++) {
            const end = font.readUInt16BE(ends + s * 2);
            if (codePoint > end) {
                continue;
            }
            const start = font.readUInt16BE(starts + s * 2);
            if (codePoint < start) {
                return 0;
            }
            const delta = font.readInt16BE(deltas + s * 2);
            const rangeOffset = font.readUInt16BE(rangeOffsets + s * 2);
            if (rangeOffset === 0) {
                return (codePoint + delta) & 0xffff;
            }
            const glyph = font.readUInt16BE(rangeOffsets + s * 2 + rangeOffset + (codePoint - start) * 2);
            return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
        }
        return 0;
    };
}
