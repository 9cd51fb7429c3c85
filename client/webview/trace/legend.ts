import { element } from '../dom.js';
import type { RelationVerdict } from '../../../language/diagram/trace-lighting.js';

const svgNamespace = 'http://www.w3.org/2000/svg';
const verdicts: ReadonlyArray<readonly [RelationVerdict, string, string]> = [
    ['desired', 'desired', 'moves the KPIs the way they should go'],
    ['undesired', 'undesired', 'moves a KPI the wrong way'],
    ['mixed', 'mixed', 'desired on some paths, undesired on others'],
    ['unknown', 'unknown', 'a relation of unknown sign on the way']
];

/**
 * The legend's trace-mode entries: what the verdict colours of the lit relations mean, the
 * traced intervention's mark and the dimmed rest. Colours come from the stylesheet by class,
 * the same variables the diagram's trace marks use, so the two always match.
 */
export function renderTraceLegend(container: HTMLElement): void {
    const items: HTMLElement[] = [element('span', 'legend-title', 'Trace:')];
    for (const [verdict, label, meaning] of verdicts) {
        const entry = element('span', `legend-item verdict-${verdict}`);
        entry.title = meaning;
        entry.append(arrow(verdict), label);
        items.push(entry);
    }
    const origin = element('span', 'legend-item');
    origin.append(element('span', 'legend-swatch role-intervention trace-origin-swatch'), 'traced intervention');
    const dimmed = element('span', 'legend-item');
    dimmed.append(element('span', 'legend-swatch trace-dim-swatch'), 'not on a shown path');
    items.push(origin, dimmed);
    container.replaceChildren(...items);
}

function arrow(verdict: RelationVerdict): SVGSVGElement {
    const svg = document.createElementNS(svgNamespace, 'svg');
    svg.setAttribute('class', `legend-arrow trace-legend-arrow verdict-${verdict}`);
    svg.setAttribute('width', '32');
    svg.setAttribute('height', '14');
    svg.setAttribute('viewBox', '0 0 32 14');
    svg.setAttribute('aria-hidden', 'true');
    const line = document.createElementNS(svgNamespace, 'path');
    line.setAttribute('class', 'trace-legend-line');
    line.setAttribute('d', 'M1,7 L25,7');
    const head = document.createElementNS(svgNamespace, 'path');
    head.setAttribute('class', 'trace-legend-head');
    head.setAttribute('d', 'M24,2.5 L31,7 L24,11.5 z');
    svg.append(line, head);
    return svg;
}
