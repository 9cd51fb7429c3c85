import type { Page } from 'playwright-core';
import type { DiagramView } from '../../language/diagram/diagram-view.js';
import type { DiagramResponse } from '../../language/protocol/diagram-protocol.js';
import type { DiffAgainst, HostToWebviewMessage } from '../../client/webview/messages.js';
import type { PreviewPage } from './webview-harness.js';

/** Small steps the preview's browser tests share: a render message, waiting for it, real clicks. */

/** A render message; in diff mode `against` is what the host compares with. */
export function render(diagram: DiagramResponse, view: DiagramView = {}, locked = false, against?: DiffAgainst): HostToWebviewMessage {
    return { type: 'render', diagram, view, locked, against };
}

/** Whether the factor's box lies wholly within the diagram's viewport. */
export async function isInViewport(page: Page, id: string): Promise<boolean> {
    return page.evaluate(factor => {
        const node = document.querySelector(`#stage g.marvel-node[data-id="${factor}"] > rect`)!.getBoundingClientRect();
        const viewport = document.getElementById('viewport')!.getBoundingClientRect();
        return node.left >= viewport.left && node.top >= viewport.top && node.right <= viewport.right && node.bottom <= viewport.bottom;
    }, id);
}

/** The factors whose boxes lie wholly within the diagram's viewport, the one nearest its middle first. */
export function factorsInView(page: Page): Promise<string[]> {
    return page.evaluate(() => {
        const view = document.getElementById('viewport')!.getBoundingClientRect();
        const middle = { x: view.left + view.width / 2, y: view.top + view.height / 2 };
        const fromMiddle = (box: DOMRect): number => Math.hypot(box.x + box.width / 2 - middle.x, box.y + box.height / 2 - middle.y);
        return [...document.querySelectorAll<SVGGElement>('#stage g.marvel-node[data-id]')]
            .map(node => ({ id: node.dataset.id!, box: node.getBoundingClientRect() }))
            .filter(({ box }) => box.left >= view.left && box.right <= view.right && box.top >= view.top && box.bottom <= view.bottom)
            .sort((a, b) => fromMiddle(a.box) - fromMiddle(b.box))
            .map(({ id }) => id);
    });
}

export async function waitForNodes(page: Page, count: number): Promise<void> {
    await page.waitForFunction(n => document.querySelectorAll('#stage g.marvel-node').length === n, count);
}

/**
 * The view as the user sees it: where the diagram sits, viewport position = diagram position ×
 * scale + (x, y). The stage's transform times the scale the diagram is drawn at (its size in
 * the page against its viewBox; semantic-zoom.ts).
 */
export function shownZoom(page: Page): Promise<{ scale: number; x: number; y: number }> {
    return page.evaluate(() => {
        const stage = document.getElementById('stage')!;
        const svg = stage.querySelector('svg')!;
        const [x, y, scale] = /translate\(([-\d.e]+)px, ([-\d.e]+)px\) scale\(([-\d.e]+)\)/.exec(stage.style.transform)!.slice(1).map(Number);
        return { scale: scale * parseFloat(getComputedStyle(svg).width) / svg.viewBox.baseVal.width, x, y };
    });
}

/** The point of the diagram at the middle of the viewport, for the view shown now or for `zoom` (as `shownZoom` reads it). */
export async function shownMiddle(page: Page, zoom?: { scale: number; x: number; y: number }): Promise<{ x: number; y: number }> {
    const { scale, x, y } = zoom ?? await shownZoom(page);
    const size = await page.evaluate(() => ({ width: document.getElementById('viewport')!.clientWidth, height: document.getElementById('viewport')!.clientHeight }));
    return { x: (size.width / 2 - x) / scale, y: (size.height / 2 - y) / scale };
}

/** A real mouse click in the middle of an element, as a user would make it (optionally holding keys). */
export async function clickCentre(page: Page, selector: string, modifiers: Array<'Alt' | 'Shift'> = []): Promise<void> {
    const box = await page.locator(selector).boundingBox();
    if (!box) {
        throw new Error(`${selector} is not on screen`);
    }
    for (const key of modifiers) {
        await page.keyboard.down(key);
    }
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    for (const key of modifiers) {
        await page.keyboard.up(key);
    }
}

/** What trace mode did to the diagram: which relations and factors are lit, dimmed, and with which verdict class. */
export interface TraceMarks {
    readonly traceMode: boolean;
    readonly litRelations: number[];
    readonly dimRelations: number[];
    readonly litNodes: string[];
    readonly dimNodes: string[];
    /** Relation index → its verdict class (without `verdict-`), or `loop`. */
    readonly verdicts: Record<number, string>;
    readonly origin: string[];
}

export function traceMarks(page: Page): Promise<TraceMarks> {
    return page.evaluate(() => {
        const edges = [...document.querySelectorAll<SVGGElement>('#stage g.marvel-edge')];
        const nodes = [...document.querySelectorAll<SVGGElement>('#stage g.marvel-node')];
        const relation = (e: Element): number => Number(e.getAttribute('data-relation'));
        const byNumber = (a: number, b: number): number => a - b;
        const verdicts: Record<number, string> = {};
        for (const edge of edges) {
            const verdict = [...edge.classList].find(c => c.startsWith('verdict-'))?.slice('verdict-'.length) ?? (edge.classList.contains('trace-loop') ? 'loop' : undefined);
            if (verdict !== undefined) {
                verdicts[relation(edge)] = verdict;
            }
        }
        return {
            traceMode: document.querySelector('#stage svg')?.classList.contains('trace-mode') ?? false,
            litRelations: edges.filter(e => e.classList.contains('trace-on')).map(relation).sort(byNumber),
            dimRelations: edges.filter(e => e.classList.contains('trace-dim')).map(relation).sort(byNumber),
            litNodes: nodes.filter(n => n.classList.contains('trace-on')).map(n => n.getAttribute('data-id') ?? '').sort(),
            dimNodes: nodes.filter(n => n.classList.contains('trace-dim')).map(n => n.getAttribute('data-id') ?? '').sort(),
            verdicts,
            origin: nodes.filter(n => n.classList.contains('trace-origin')).map(n => n.getAttribute('data-id') ?? '')
        };
    });
}

/**
 * Zooms in with the keyboard until the preview draws the factors in full: a model that does
 * not fit legibly opens as its overview (semantic-zoom.ts).
 */
export async function showFullView(page: Page): Promise<void> {
    await page.evaluate(() => document.getElementById('viewport')!.focus());
    for (let step = 0; step < 40 && await page.evaluate(() => document.getElementById('viewport')!.dataset.detail) !== 'full'; step++) {
        await page.keyboard.press('+');
    }
}

/** Zooms in until factors are drawn and pans one into view, as the editor's cursor on its name would. */
export async function bringIntoView(preview: PreviewPage, uri: string, factor: string): Promise<void> {
    await showFullView(preview.page);
    await preview.send({ type: 'highlight', uri, factors: [factor], relations: [] });
    // The message is handled after `send` returns: wait until the factor is marked and on screen.
    await preview.page.waitForFunction(id => {
        const node = document.querySelector(`#stage g.marvel-node.highlighted[data-id="${id}"] > rect`)?.getBoundingClientRect();
        const viewport = document.getElementById('viewport')!.getBoundingClientRect();
        return node !== undefined && node.left >= viewport.left && node.top >= viewport.top && node.right <= viewport.right && node.bottom <= viewport.bottom;
    }, factor);
}
