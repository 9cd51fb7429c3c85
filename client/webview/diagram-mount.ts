import type { SvgChild, SvgPicture } from '../../language/diagram/svg-renderer.js';
import { svgText } from '../../language/diagram/svg-renderer.js';

/** The SVG of one render in the page, with its factor and relation elements by id. */
export interface MountedDiagram {
    readonly svg: SVGSVGElement;
    readonly nodes: ReadonlyMap<string, SVGGElement>;
    readonly edges: ReadonlyMap<number, SVGGElement>;
    /** The parts the picture was mounted from, each with its element: what the next render is compared with. */
    readonly drawn: DrawnPicture;
}

interface DrawnPicture {
    readonly root: string;
    readonly children: readonly DrawnChild[];
}

/** A child of the root: one element's markup, or a layer's start tag with its items. */
interface DrawnChild {
    readonly markup: string;
    readonly element: Element;
    readonly items?: readonly DrawnItem[];
}

interface DrawnItem {
    readonly markup: string;
    readonly element: Element;
}

const svgNamespace = 'http://www.w3.org/2000/svg';
/** Elements that could run, load or link something: none of them enters the page. */
const activeElement = /^(script|foreignObject|image|use|a|iframe)$/i;
/** An element's relation index in its start tag (attribute values are escaped, so `>` ends the tag). */
const relationIndex = /^(<[^>]*?) data-relation="(\d+)"/;

/**
 * Puts the renderer's picture into the stage. With the picture shown before (`shown`), only
 * what changed is mounted: a root child or a layer's item (a category, relation or factor)
 * whose markup is the same keeps its element, with the classes and styles the preview gave it;
 * a relation whose index alone moved (a relation added before it) keeps its element too. That
 * is most of the picture after a typical edit, so a 1,000-factor model is not parsed, made
 * inert, imported and styled again in full at every pause in typing. Returns `shown` itself
 * when nothing changed.
 *
 * The renderer escapes every model string, so the text is safe by construction; whatever is
 * mounted is still parsed where nothing runs or loads (see {@link parseInert}) and stripped of
 * anything active before it enters the page, so a future renderer bug cannot turn a label into
 * script.
 */
export function mountSvg(stage: HTMLElement, picture: SvgPicture, shown?: MountedDiagram): MountedDiagram {
    if (shown && shown.svg.parentNode === stage) {
        return redraw(shown, picture);
    }
    const svg = parseInert(svgText(picture));
    const matches = svg.children.length === picture.children.length
        && picture.children.every((child, i) => typeof child === 'string' || svg.children[i].children.length === child.items.length);
    if (!matches) {
        throw new Error('The diagram could not be read.');
    }
    stage.replaceChildren(svg);
    const children = picture.children.map((child, i): DrawnChild => {
        const element = svg.children[i];
        if (typeof child === 'string') {
            return { markup: child, element };
        }
        return { markup: child.start, element, items: child.items.map((markup, j) => ({ markup, element: element.children[j] })) };
    });
    return indexed(svg, { root: picture.root, children });
}

/** The shown picture made into `picture`, mounting only the parts that changed. */
function redraw(shown: MountedDiagram, picture: SvgPicture): MountedDiagram {
    const { svg, drawn } = shown;
    if (samePicture(drawn, picture)) {
        return shown;
    }
    const keptChildren = pool(drawn.children, child => child.markup);
    // Markup of the elements to make, one element each; the plan refers to them by index.
    const wanted: string[] = [];
    const plan = picture.children.map(child => planChild(child, keptChildren, wanted));
    // Parsed under the new root's start tag: its attributes, made inert too, are the ones to show.
    const parsed = parseInert(`${picture.root}${wanted.join('')}</svg>`);
    const made = [...parsed.children];
    if (made.length !== wanted.length) {
        throw new Error('The diagram could not be read.');
    }
    if (drawn.root !== picture.root) {
        copyRootAttributes(parsed, svg);
    }
    for (const stale of [...keptChildren.values()].flat()) {
        stale.element.remove();
    }
    const children = picture.children.map((child, i): DrawnChild => {
        const step = plan[i];
        const element = step.kept?.element ?? made[step.made];
        if (typeof child === 'string') {
            return { markup: child, element };
        }
        step.staleItems.forEach(stale => stale.element.remove());
        const items = child.items.map((markup, j): DrawnItem => {
            const { kept, made: index } = step.items[j];
            const relation = relationIndex.exec(markup)?.[2];
            if (kept && kept.markup !== markup && relation !== undefined) {
                kept.element.setAttribute('data-relation', relation);
            }
            return { markup, element: kept?.element ?? made[index] };
        });
        arrange(element, items.map(item => item.element));
        return { markup: child.start, element, items };
    });
    arrange(svg, children.map(child => child.element));
    return indexed(svg, { root: picture.root, children });
}

/** Whether the picture is the one shown, part for part: then there is nothing to mount. */
function samePicture(drawn: DrawnPicture, picture: SvgPicture): boolean {
    return drawn.root === picture.root && drawn.children.length === picture.children.length && picture.children.every((child, i) => {
        const old = drawn.children[i];
        return typeof child === 'string'
            ? old.items === undefined && old.markup === child
            : old.markup === child.start && old.items?.length === child.items.length && child.items.every((markup, j) => old.items?.[j].markup === markup);
    });
}

/** How a root child of the new picture is had: an element kept, else (`made`) the index of its markup among those to make; a layer's items likewise. */
interface ChildPlan {
    readonly kept?: DrawnChild;
    readonly made: number;
    readonly items: ReadonlyArray<{ readonly kept?: DrawnItem; readonly made: number }>;
    /** Items of the kept layer that the new one no longer has. */
    readonly staleItems: readonly DrawnItem[];
}

function planChild(child: SvgChild, keptChildren: Map<string, DrawnChild[]>, wanted: string[]): ChildPlan {
    const want = (markup: string): number => wanted.push(markup) - 1;
    if (typeof child === 'string') {
        const kept = take(keptChildren, child);
        return { kept, made: kept ? -1 : want(child), items: [], staleItems: [] };
    }
    const kept = take(keptChildren, child.start);
    const made = kept ? -1 : want(`${child.start}</g>`);
    // The same markup first; then, among the rest, the same but for the relation index (rarer, and slower to compare).
    const same = pool(kept?.items ?? [], item => item.markup);
    const found = child.items.map(markup => take(same, markup));
    const moved = pool([...same.values()].flat(), item => itemKey(item.markup));
    const items = child.items.map((markup, i) => {
        const item = found[i] ?? take(moved, itemKey(markup));
        return { kept: item, made: item ? -1 : want(markup) };
    });
    return { kept, made, items, staleItems: [...moved.values()].flat() };
}

/** What identifies an item across renders: its markup without its relation index (see {@link relationIndex}). */
function itemKey(markup: string): string {
    return markup.replace(relationIndex, '$1');
}

/** The values by key, in order, for {@link take}. */
function pool<T>(values: readonly T[], key: (value: T) => string): Map<string, T[]> {
    const byKey = new Map<string, T[]>();
    for (const value of values) {
        const list = byKey.get(key(value));
        if (list) {
            list.push(value);
        } else {
            byKey.set(key(value), [value]);
        }
    }
    return byKey;
}

/** Takes the first value left under a key out of the pool. */
function take<T>(byKey: Map<string, T[]>, key: string): T | undefined {
    const list = byKey.get(key);
    const value = list?.shift();
    if (list?.length === 0) {
        byKey.delete(key);
    }
    return value;
}

/** Puts the elements in the container in this order, moving only those not in place already. */
function arrange(container: Element, elements: readonly Element[]): void {
    let next = container.firstElementChild;
    for (const element of elements) {
        if (element === next) {
            next = next.nextElementSibling;
        } else {
            container.insertBefore(element, next);
        }
    }
}

/** The renderer's attributes of the new root on the shown one; the preview's classes and styles stay. */
function copyRootAttributes(from: Element, to: SVGSVGElement): void {
    for (const name of to.getAttributeNames()) {
        if (name !== 'class' && name !== 'style' && !from.hasAttribute(name)) {
            to.removeAttribute(name);
        }
    }
    for (const name of from.getAttributeNames()) {
        if (name === 'class') {
            to.classList.add(...from.classList);
        } else {
            to.setAttribute(name, from.getAttribute(name) ?? '');
        }
    }
}

/**
 * SVG text parsed, made inert and taken into the page (not yet placed). It is parsed into a
 * template, whose content belongs to a document without a window: nothing in it runs, loads or
 * fires an event. That is three times faster than parsing it as XML, and its elements are
 * adopted rather than copied into the page, which is faster still; a 1,000-factor picture is
 * 3.5 MB of text.
 */
function parseInert(text: string): SVGSVGElement {
    const template = document.createElement('template');
    template.innerHTML = text;
    const root = template.content.firstChild;
    if (template.content.childNodes.length !== 1 || !(root instanceof Element) || root.namespaceURI !== svgNamespace || root.localName !== 'svg') {
        throw new Error('The diagram could not be read.');
    }
    makeInert(root);
    const svg = document.adoptNode(root);
    if (!(svg instanceof SVGSVGElement)) {
        throw new Error('The diagram could not be read.');
    }
    return svg;
}

/**
 * Strips what could run or load: an element that is not SVG or is active becomes an empty
 * group (so the parts still match their elements one to one), and no element keeps an event
 * handler or a link.
 */
function makeInert(root: Element): void {
    for (const element of [root, ...root.querySelectorAll('*')]) {
        if (element !== root && (element.namespaceURI !== svgNamespace || activeElement.test(element.localName))) {
            element.replaceWith(root.ownerDocument.createElementNS(svgNamespace, 'g'));
            continue;
        }
        for (const name of element.getAttributeNames()) {
            if (/^on/i.test(name) || /(^|:)href$/i.test(name)) {
                element.removeAttribute(name);
            }
        }
    }
}

function indexed(svg: SVGSVGElement, drawn: DrawnPicture): MountedDiagram {
    const nodes = new Map<string, SVGGElement>();
    for (const node of svg.querySelectorAll<SVGGElement>('g.marvel-node')) {
        nodes.set(node.getAttribute('data-id') ?? '', node);
    }
    const edges = new Map<number, SVGGElement>();
    for (const edge of svg.querySelectorAll<SVGGElement>('g.marvel-edge')) {
        edges.set(Number(edge.getAttribute('data-relation')), edge);
    }
    return { svg, nodes, edges, drawn };
}
