/** The SVG of one render in the page, with its factor and relation elements by id. */
export interface MountedDiagram {
    readonly svg: SVGSVGElement;
    readonly nodes: ReadonlyMap<string, SVGGElement>;
    readonly edges: ReadonlyMap<number, SVGGElement>;
}

const svgNamespace = 'http://www.w3.org/2000/svg';

/**
 * Puts the renderer's SVG text into the stage. The renderer escapes every model string, so
 * the text is safe by construction; it is still parsed as XML (where nothing runs or
 * loads) and stripped of anything active before it enters the page, so a future renderer
 * bug cannot turn a label into script.
 */
export function mountSvg(stage: HTMLElement, svgText: string): MountedDiagram {
    const parsed = new DOMParser().parseFromString(svgText, 'image/svg+xml');
    const root = parsed.documentElement;
    if (root.namespaceURI !== svgNamespace || root.localName !== 'svg' || parsed.getElementsByTagName('parsererror').length > 0) {
        throw new Error('The diagram could not be read.');
    }
    makeInert(root);
    const svg = document.importNode(root, true);
    if (!(svg instanceof SVGSVGElement)) {
        throw new Error('The diagram could not be read.');
    }
    stage.replaceChildren(svg);
    const nodes = new Map<string, SVGGElement>();
    for (const node of svg.querySelectorAll<SVGGElement>('g.marvel-node')) {
        nodes.set(node.getAttribute('data-id') ?? '', node);
    }
    const edges = new Map<number, SVGGElement>();
    for (const edge of svg.querySelectorAll<SVGGElement>('g.marvel-edge')) {
        edges.set(Number(edge.getAttribute('data-relation')), edge);
    }
    return { svg, nodes, edges };
}

function makeInert(root: Element): void {
    for (const active of root.querySelectorAll('*')) {
        if (active.namespaceURI !== svgNamespace || /^(script|foreignObject|image|use|a|iframe)$/i.test(active.localName)) {
            active.remove();
        }
    }
    for (const element of [root, ...root.querySelectorAll('*')]) {
        for (const name of element.getAttributeNames()) {
            if (/^on/i.test(name) || /(^|:)href$/i.test(name)) {
                element.removeAttribute(name);
            }
        }
    }
}
