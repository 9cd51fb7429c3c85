import type { Sign } from '../analysis/model-graph.js';
import type { SceneStub } from './category-stubs.js';
import { stubLines, stubMetrics } from './category-stubs.js';
import type { DiagramPalette } from './diagram-style.js';
import { escapeXml } from './svg-escape.js';

/**
 * The stubs of a category view: a thin line in the relation's sign colour from the factor to
 * a label naming the factor at the other end and its category. `marker` names the arrow head
 * of a sign in the picture's definitions.
 */
export function stubLayer(stubs: readonly SceneStub[], palette: DiagramPalette, marker: (sign: Sign) => string): string {
    // The stubs of one factor elsewhere share a label: the first of them draws it.
    const labelled = new Set<string>();
    return `<g class="marvel-stubs">${stubs.map(stub => {
        const label = `${stub.label.x},${stub.label.y}`;
        const first = !labelled.has(label);
        labelled.add(label);
        return stubElement(stub, palette, marker, first);
    }).join('')}</g>`;
}

function stubElement(stub: SceneStub, palette: DiagramPalette, marker: (sign: Sign) => string, drawsLabel: boolean): string {
    const color = palette.edge[stub.sign];
    const [first, second] = stubLines(stub);
    const right = stub.direction === 'in';
    const x = right ? stub.label.x + stub.label.width : stub.label.x;
    const anchor = right ? ' text-anchor="end"' : '';
    const top = stub.label.y + stubMetrics.lineHeight - 3;
    const sign = stub.sign === '-' ? '\u2212' : stub.sign;
    const where = stub.otherCategoryLabel !== undefined ? ` (${stub.otherCategoryLabel})` : '';
    const tooltip = `${stub.direction === 'out' ? `${stub.factor} \u2192 ${stub.other}` : `${stub.other} \u2192 ${stub.factor}`} (${sign})\n${stub.otherLabel}${where}: click to go there`;
    const otherCategory = stub.otherCategory !== undefined ? ` data-other-category="${escapeXml(stub.otherCategory)}"` : '';
    return `<g class="marvel-stub sign-${stub.sign === '+' ? 'positive' : stub.sign === '-' ? 'negative' : 'unknown'}" data-relation="${stub.relation}" data-factor="${escapeXml(stub.factor)}" data-other="${escapeXml(stub.other)}"${otherCategory}>`
        + `<title>${escapeXml(tooltip)}</title>`
        + `<path d="${stub.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join(' ')}" fill="none" stroke="${color}" stroke-width="1.2" stroke-opacity="0.7"${stub.sign === '?' ? ' stroke-dasharray="5 4"' : ''} marker-end="${marker(stub.sign)}"/>`
        + (drawsLabel
            ? `<rect class="marvel-stub-hit" x="${stub.label.x}" y="${stub.label.y}" width="${stub.label.width}" height="${stub.label.height}" fill="transparent"/>`
                + `<text x="${x}" y="${top}"${anchor} font-size="${stubMetrics.fontSize}" fill="${palette.foreground}">${escapeXml(first)}</text>`
                + `<text x="${x}" y="${top + stubMetrics.lineHeight}"${anchor} font-size="${stubMetrics.fontSize}" fill="${palette.mutedForeground}">${escapeXml(second)}</text>`
            : '')
        + '</g>';
}
