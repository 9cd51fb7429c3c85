import type { MountedDiagram } from '../diagram-mount.js';
import type { TraceLighting } from '../../../language/diagram/trace-lighting.js';
import { relationVerdicts } from '../../../language/diagram/trace-lighting.js';

const svgNamespace = 'http://www.w3.org/2000/svg';
const verdictClasses = relationVerdicts.map(v => `verdict-${v}`);
const traceClasses = ['trace-on', 'trace-dim', 'trace-origin', 'trace-target', 'trace-loop', ...verdictClasses];

/**
 * Sets trace mode's classes on the mounted diagram: `trace-on` with a `verdict-…` class (or
 * `trace-loop`) on what is lit, `trace-dim` on the rest, `trace-origin` on the intervention.
 * The colours are in preview.css, so the theme's variables apply and nothing is written
 * into the SVG that a re-render would have to undo; without lighting every mark is removed.
 */
export function applyTraceMarks(mounted: MountedDiagram, lighting: TraceLighting | undefined): void {
    // Nothing lit now or before: no element has a mark to take off (the renderer draws none), and
    // a redraw after every edit need not visit the thousands of a large model.
    if (!lighting && !mounted.svg.classList.contains('trace-mode')) {
        return;
    }
    mounted.svg.classList.toggle('trace-mode', lighting !== undefined);
    for (const [id, node] of mounted.nodes) {
        node.classList.remove(...traceClasses);
        if (lighting) {
            node.classList.add(lighting.nodes.has(id) ? 'trace-on' : 'trace-dim');
            node.classList.toggle('trace-origin', lighting.origin === id);
            node.classList.toggle('trace-target', lighting.targets.has(id));
        }
    }
    for (const [relation, edge] of mounted.edges) {
        edge.classList.remove(...traceClasses);
        const verdict = lighting?.relations.get(relation);
        if (lighting) {
            edge.classList.add(...verdict === undefined ? ['trace-dim'] : ['trace-on', verdict === 'loop' ? 'trace-loop' : `verdict-${verdict}`]);
        }
    }
    if (lighting) {
        addVerdictMarkers(mounted.svg);
    } else {
        mounted.svg.querySelectorAll('marker.marvel-trace-arrow').forEach(marker => marker.remove());
    }
}

/**
 * Arrowheads in the verdict colours. The renderer's markers are filled per sign; a coloured
 * line with a sign-coloured head would read as two judgements. The stylesheet points a
 * lit relation's `marker-end` here and fills these by class.
 */
function addVerdictMarkers(svg: SVGSVGElement): void {
    if (svg.querySelector('marker.marvel-trace-arrow')) {
        return;
    }
    const defs = svg.querySelector('defs') ?? svg.insertBefore(document.createElementNS(svgNamespace, 'defs'), svg.firstChild);
    for (const verdict of relationVerdicts) {
        const marker = document.createElementNS(svgNamespace, 'marker');
        const attributes: Record<string, string> = {
            id: `marvel-trace-arrow-${verdict}`, class: `marvel-trace-arrow verdict-${verdict}`, viewBox: '0 0 10 10', refX: '9', refY: '5',
            markerWidth: '7', markerHeight: '7', markerUnits: 'userSpaceOnUse', orient: 'auto'
        };
        for (const [name, value] of Object.entries(attributes)) {
            marker.setAttribute(name, value);
        }
        const head = document.createElementNS(svgNamespace, 'path');
        head.setAttribute('d', 'M0,0 L10,5 L0,10 z');
        marker.append(head);
        defs.append(marker);
    }
}
