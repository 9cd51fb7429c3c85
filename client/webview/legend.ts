import type { FactorRole, Sign } from '../../language/analysis/model-graph.js';
import type { DiagramPalette } from '../../language/diagram/diagram-style.js';
import type { DiagramMarks } from '../../language/diagram/svg-renderer.js';
import { element } from './dom.js';

const roles: ReadonlyArray<readonly [FactorRole, string]> = [['factor', 'factor'], ['key', 'key factor'], ['indicator', 'indicator'], ['intervention', 'intervention'], ['kpi', 'KPI']];
const signs: ReadonlyArray<readonly [Sign, string, string]> = [['+', '+', 'same direction'], ['-', '\u2212', 'opposite direction'], ['?', '?', 'not agreed']];
const svgNamespace = 'http://www.w3.org/2000/svg';

/**
 * The legend under the diagram, in the palette's colours so it matches what is drawn.
 * Swatch colours go through the CSSOM and line colours are SVG presentation attributes:
 * the content security policy forbids style attributes.
 */
export function renderLegend(container: HTMLElement, palette: DiagramPalette): void {
    const items: HTMLElement[] = [];
    for (const [role, label] of roles) {
        const swatch = element('span', `legend-swatch role-${role}`);
        swatch.style.backgroundColor = palette.nodeFill[role];
        swatch.style.borderColor = role === 'kpi' ? palette.kpiBorder : palette.nodeBorder;
        items.push(item(swatch, label));
    }
    // The badge on a KPI's corner: the direction it should move, as the diagram draws it.
    for (const [glyph, label] of [['\u25b2', 'KPI should increase'], ['\u25bc', 'KPI should decrease']] as const) {
        const badge = element('span', 'legend-direction', glyph);
        badge.style.backgroundColor = palette.kpiBorder;
        items.push(item(badge, label));
    }
    for (const [sign, glyph, label] of signs) {
        const mark = element('span', 'legend-sign', glyph);
        mark.style.color = palette.edge[sign];
        items.push(item(arrow(palette.edge[sign], sign === '?', false), mark, ` ${label}`));
    }
    items.push(item(arrow(palette.mutedForeground, false, true), 'slow (delayed)'));
    container.replaceChildren(...items);
}

/**
 * The legend's row for marks drawn over the diagram (diff mode's change: added, removed,
 * changed, the rest faded), from the same marks the diagram is drawn with; hidden without marks.
 */
export function renderMarksLegend(container: HTMLElement, marks: DiagramMarks | undefined): void {
    container.hidden = marks === undefined;
    if (!marks) {
        container.replaceChildren();
        return;
    }
    const items: HTMLElement[] = [element('span', 'legend-title', marks.legendTitle)];
    for (const mark of marks.legend) {
        const swatch = element('span', 'legend-swatch legend-mark');
        swatch.style.borderColor = mark.color;
        swatch.style.borderStyle = mark.dashed ? 'dashed' : 'solid';
        items.push(item(swatch, arrow(mark.color, mark.dashed, false), mark.name));
    }
    items.push(item(element('span', 'legend-swatch trace-dim-swatch'), `${marks.unmarked} (faded)`));
    container.replaceChildren(...items);
}

function item(symbol: Element, ...text: Array<Element | string>): HTMLElement {
    const entry = element('span', 'legend-item');
    entry.append(symbol, ...text);
    return entry;
}

/** A short arrow as the diagram draws relations: dashed when not agreed, two bars when slow. */
function arrow(color: string, dashed: boolean, slow: boolean): SVGSVGElement {
    const svg = document.createElementNS(svgNamespace, 'svg');
    svg.setAttribute('class', 'legend-arrow');
    svg.setAttribute('width', '32');
    svg.setAttribute('height', '14');
    svg.setAttribute('viewBox', '0 0 32 14');
    svg.setAttribute('aria-hidden', 'true');
    const shapes: Array<readonly [string, string]> = [['M1,7 L25,7', 'none'], ['M24,2.5 L31,7 L24,11.5 z', color]];
    if (slow) {
        shapes.push(['M10,1.5 L10,12.5 M15,1.5 L15,12.5', 'none']);
    }
    shapes.forEach(([d, fill], index) => {
        const path = document.createElementNS(svgNamespace, 'path');
        path.setAttribute('d', d);
        path.setAttribute('stroke', color);
        path.setAttribute('stroke-width', index === 0 ? '1.6' : '1.5');
        path.setAttribute('fill', fill);
        if (dashed && index === 0) {
            path.setAttribute('stroke-dasharray', '4 3');
        }
        svg.append(path);
    });
    return svg;
}

/** In a preview shorter than this (px) the legend is folded. */
const foldLegendBelowPx = 700;

/**
 * Folds the legend in a short preview (a laptop's editor group, the panel under the editor
 * opened), where it would take a good part of the diagram's height, and opens it again when
 * the preview grows back, unless the user opened or folded it meanwhile.
 */
export function foldLegendWhenShort(legend: HTMLDetailsElement): void {
    let short = window.innerHeight < foldLegendBelowPx;
    let foldedForHeight = short && legend.open;
    if (foldedForHeight) {
        legend.open = false;
    }
    legend.addEventListener('toggle', () => {
        if (legend.open) {
            foldedForHeight = false;
        }
    });
    window.addEventListener('resize', () => {
        const nowShort = window.innerHeight < foldLegendBelowPx;
        if (nowShort && !short && legend.open) {
            legend.open = false;
            foldedForHeight = true;
        } else if (!nowShort && short && foldedForHeight) {
            legend.open = true;
        }
        short = nowShort;
    });
}
