import { describe, expect, test } from 'vitest';
import { advanceWidthTable, metricsFirstCodePoint, metricsUnitsPerEm, textWidth, wrapText } from '../language/diagram/text-metrics.js';
import { readAdvanceWidths } from './support/truetype.js';

describe('text metrics', () => {
    test.each([
        ['normal', 'DejaVuSans.ttf'],
        ['bold', 'DejaVuSans-Bold.ttf']
    ] as const)('the %s table equals the advance widths of %s', (weight, file) => {
        const table = advanceWidthTable(weight);
        const codePoints = table.map((_, i) => i + metricsFirstCodePoint);
        const font = readAdvanceWidths(`node_modules/dejavu-fonts-ttf/ttf/${file}`, codePoints);
        expect(font.unitsPerEm).toBe(metricsUnitsPerEm);
        expect(table).toEqual(codePoints.map(cp => font.widths.get(cp) ?? 0));
    });

    test('measures by character: wide letters are wider, combining marks take no room', () => {
        expect(textWidth('WWW', 12)).toBeGreaterThan(textWidth('iii', 12));
        expect(textWidth('e\u0301', 12)).toBeCloseTo(textWidth('e', 12));
        expect(textWidth('Pakkans', 24)).toBeCloseTo(2 * textWidth('Pakkans', 12));
        expect(textWidth('Pakkans', 12, 'bold')).toBeGreaterThan(textWidth('Pakkans', 12));
    });

    test('wraps long Dutch labels at spaces and hyphens within the width, keeping every word', () => {
        const label = 'Aangiftebereidheid van het slachtoffer in de keten-samenwerking';
        const lines = wrapText(label, 150, 12);
        expect(lines.length).toBeGreaterThan(1);
        for (const line of lines) {
            expect(textWidth(line, 12)).toBeLessThanOrEqual(150);
        }
        expect(lines.join(' ').replace(/- /g, '-')).toBe(label);
    });

    test('cuts a single word longer than a line and ellipsises beyond the last line', () => {
        const lines = wrapText('Mensenhandelbestrijdingsuitvoeringsorganisatiecoördinatievraagstukken '.repeat(4), 100, 12, 'normal', 3);
        expect(lines).toHaveLength(3);
        expect(lines[2].endsWith('…')).toBe(true);
        for (const line of lines) {
            expect(textWidth(line, 12)).toBeLessThanOrEqual(100);
        }
    });
});
