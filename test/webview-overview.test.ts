import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SceneBox } from '../language/diagram/diagram-scene.js';
import type { DiagramView } from '../language/diagram/diagram-view.js';
import type { DiagramResponse } from '../language/protocol/diagram-protocol.js';
import { generateModel } from '../bench/generate-model.js';
import { GridLayouter } from './support/grid-layouter.js';
import type { PreviewModel } from './support/preview-diagrams.js';
import { previewModel, seedPreviewModel } from './support/preview-diagrams.js';
import { render, showFullView, shownMiddle, shownZoom, waitForNodes } from './support/preview-page.js';
import { detailLevel } from '../client/webview/semantic-zoom.js';
import type { PreviewPage } from './support/webview-harness.js';
import { chromiumPresent, launchChromium, openPreview } from './support/webview-harness.js';

const projectRoot = fileURLToPath(new URL('..', import.meta.url)).replace(/[\\/]$/, '');
const artifacts = path.join(projectRoot, 'test-artifacts', 'webview');


/** The level of detail the preview shows (semantic-zoom.ts). */
function detail(page: Page): Promise<string | undefined> {
    return page.evaluate(() => document.getElementById('viewport')!.dataset.detail);
}

/** The view once it has stopped moving (the zoom into a category is animated). */
async function settledTransform(page: Page): Promise<{ scale: number; x: number; y: number }> {
    let last = await shownZoom(page);
    for (;;) {
        await page.waitForTimeout(120);
        const now = await shownZoom(page);
        if (now.scale === last.scale && now.x === last.x && now.y === last.y) {
            return now;
        }
        last = now;
    }
}

/** The point of the diagram at the middle of the viewport, once the view has settled. */
async function viewCentre(page: Page): Promise<{ x: number; y: number }> {
    return shownMiddle(page, await settledTransform(page));
}

function within(point: { x: number; y: number }, box: SceneBox): boolean {
    return point.x >= box.x && point.x <= box.x + box.width && point.y >= box.y && point.y <= box.y + box.height;
}

async function centreOf(page: Page, selector: string): Promise<{ x: number; y: number }> {
    const box = await page.locator(selector).boundingBox();
    if (!box) {
        throw new Error(`${selector} is not on screen`);
    }
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

describe('level of detail', () => {
    it('draws the factors\' text from what the toolbar shows as 50 %', () => {
        // 49.5 % reads "50%": four presses of + from Fit landed there and showed boxes without text.
        expect(detailLevel(0.495, 0.2, true)).toBe('full');
        expect(detailLevel(0.494, 0.2, true)).toBe('boxes');
    });
});

describe.skipIf(!chromiumPresent('the overview tests'))('overview and semantic zoom in the preview (Chromium)', () => {
    let browser: Browser;
    let seed: PreviewModel;
    let seedDiagram: DiagramResponse;
    let preview: PreviewPage | undefined;

    beforeAll(async () => {
        mkdirSync(artifacts, { recursive: true });
        browser = await launchChromium();
        seed = await seedPreviewModel();
        seedDiagram = await seed.diagram(1);
    });

    afterAll(async () => {
        await browser?.close();
    });

    afterEach(async () => {
        await preview?.page.close();
        preview = undefined;
    });

    /** The seed model drawn in a preview of the given size, as its overview. */
    async function openSeed(size = { width: 1280, height: 860 }): Promise<PreviewPage> {
        preview = await openPreview(browser, projectRoot, size);
        await preview.send(render(seedDiagram));
        await waitForNodes(preview.page, seed.graph.factors.length);
        return preview;
    }

    it('opens the seed model as its overview, zooms into a category in place on a double-click, and back with Fit', async () => {
        const { page, violations } = await openSeed();
        expect(await detail(page)).toBe('overview');
        // The cards and arrows are drawn; the factors are not.
        expect(await page.locator('#stage g.marvel-overview-group').count()).toBe(7);
        expect(await page.locator('#stage g.marvel-overview-group[data-group="centraal"]').isVisible()).toBe(true);
        expect(await page.locator('#stage g.marvel-node').first().isVisible()).toBe(false);
        const arrows = await page.locator('#stage g.marvel-overview-arrow').count();
        expect(arrows).toBe(seedDiagram.scene!.overview!.arrows.length);
        await page.screenshot({ path: path.join(artifacts, 'seed-overview.png') });

        const area = seedDiagram.scene!.categories.find(c => c.id === 'strafrechtketen')!;
        const card = await centreOf(page, '#stage g.marvel-overview-group[data-group="strafrechtketen"] > rect.marvel-overview-box');
        await page.mouse.dblclick(card.x, card.y);
        await page.waitForFunction(() => document.getElementById('viewport')!.dataset.detail === 'full');
        // The category opened where it was: the middle of the view lies in its area, its factors are drawn in full.
        expect(within(await viewCentre(page), area)).toBe(true);
        expect((await settledTransform(page)).scale).toBeGreaterThanOrEqual(0.5);
        expect(await page.locator('#stage g.marvel-node[data-id="pakkans"] text').isVisible()).toBe(true);
        expect(await page.locator('#stage g.marvel-overview').isVisible()).toBe(false);
        await page.screenshot({ path: path.join(artifacts, 'seed-opened-category.png') });

        await page.click('#zoom-fit');
        await page.waitForFunction(() => document.getElementById('viewport')!.dataset.detail === 'overview');
        expect(await page.locator('#stage g.marvel-node').first().isVisible()).toBe(false);
        expect(await violations()).toEqual([]);
    });

    it('draws the overview\'s text for the viewport\'s new size when the panel under the editor opens and closes', async () => {
        const { page } = await openSeed({ width: 1280, height: 860 });
        const countSize = (): Promise<number> => page.evaluate(() => Number(document.querySelector('#stage text.marvel-overview-arrow-label')!.getAttribute('font-size')));
        const onScreen = async (): Promise<number> => (await countSize()) * (await settledTransform(page)).scale;
        const before = await onScreen();
        const readsAsBefore = async (): Promise<boolean> => {
            const size = await onScreen();
            return size > before * 0.9 && size < before * 1.1;
        };
        // A lower viewport fits the model smaller: the overview's text is drawn larger in the diagram, and reads the same on screen
        // (once the legend, folded for the lower preview, has given the diagram its room back).
        await page.setViewportSize({ width: 1280, height: 560 });
        await expect.poll(readsAsBefore, { timeout: 5_000 }).toBe(true);
        await page.setViewportSize({ width: 1280, height: 860 });
        await expect.poll(readsAsBefore, { timeout: 5_000 }).toBe(true);
    });

    it('opens every category of the seed model legibly, whatever the panel\'s size', async () => {
        for (const size of [{ width: 700, height: 600 }, { width: 760, height: 540 }, { width: 1280, height: 860 }]) {
            const { page } = await openSeed(size);
            for (const group of seedDiagram.scene!.overview!.groups) {
                await page.click('#zoom-fit');
                await page.waitForFunction(() => document.getElementById('viewport')!.dataset.detail === 'overview');
                const card = await centreOf(page, `#stage g.marvel-overview-group[data-group="${group.id}"] > rect.marvel-overview-box`);
                await page.mouse.dblclick(card.x, card.y);
                // Its labels at least 9 px high.
                expect((await settledTransform(page)).scale, `${group.id} in ${size.width}×${size.height}`).toBeGreaterThanOrEqual(0.75);
                expect(await detail(page), `${group.id} in ${size.width}×${size.height}`).toBe('full');
            }
            await page.close();
            preview = undefined;
        }
    });

    it('opens a category chosen from the Category list where its factors read, as a double-click opens it', async () => {
        const { page, send } = await openSeed({ width: 776, height: 700 });
        const view: DiagramView = { category: 'strafrechtketen' };
        await page.selectOption('#category-select', 'strafrechtketen');
        const diagram = await seed.diagram(2, view, { aspectRatio: 776 / 600 });
        await send(render(diagram, view));
        await waitForNodes(page, diagram.scene!.nodes.length);
        // Fitted, it opened at 31 %: boxes without a name and no stub labels.
        expect((await settledTransform(page)).scale).toBeGreaterThanOrEqual(0.75);
        expect(await detail(page)).toBe('full');
    });

    it('lands on the category being opened when a layout for another panel shape arrives during the zoom', async () => {
        const { page, send } = await openSeed();
        const card = await centreOf(page, '#stage g.marvel-overview-group[data-group="centraal"] > rect.marvel-overview-box');
        await page.mouse.dblclick(card.x, card.y);
        // The panel changed shape as the zoom began (the editor's side bar closed): the server packs the categories anew for it.
        const repacked = await seed.diagram(2, {}, { aspectRatio: 0.6 });
        const area = repacked.scene!.categories.find(c => c.id === 'centraal')!;
        expect(area).not.toMatchObject(seedDiagram.scene!.categories.find(c => c.id === 'centraal')!);
        await send(render(repacked));
        expect(within(await viewCentre(page), area)).toBe(true);
        expect(await detail(page)).toBe('full');
    });

    it('zooms in with the wheel from a category\'s card through the boxes to the full layout, keeping the category under the pointer', async () => {
        // A panel small enough that Fit lies well below the level where text appears, so small wheel steps pass every level.
        preview = await openPreview(browser, projectRoot, { width: 900, height: 620 });
        const { page, send } = preview;
        await send(render(seedDiagram));
        await waitForNodes(page, seed.graph.factors.length);
        const area = seedDiagram.scene!.categories.find(c => c.id === 'hulpverlening')!;
        const pointer = await centreOf(page, '#stage g.marvel-overview-group[data-group="hulpverlening"] > rect.marvel-overview-box');
        await page.mouse.move(pointer.x, pointer.y);
        const seen: string[] = [];
        for (let step = 0; step < 60 && seen.at(-1) !== 'full'; step++) {
            await page.mouse.wheel(0, -60);
            await page.waitForTimeout(30);
            const level = (await detail(page))!;
            if (seen.at(-1) !== level) {
                seen.push(level);
            }
            if (level === 'boxes') {
                // The boxes of the full layout, without their text.
                expect(await page.locator('#stage g.marvel-node > rect').first().isVisible()).toBe(true);
                expect(await page.locator('#stage g.marvel-node text').first().isVisible()).toBe(false);
            }
        }
        expect(seen).toEqual(['overview', 'boxes', 'full']);
        const { scale, x, y } = await settledTransform(page);
        const viewport = (await page.locator('#viewport').boundingBox())!;
        expect(within({ x: (pointer.x - viewport.x - x) / scale, y: (pointer.y - viewport.y - y) / scale }, area)).toBe(true);
        // Zooming out comes back to the overview.
        for (let step = 0; step < 30 && (await detail(page)) !== 'overview'; step++) {
            await page.mouse.wheel(0, 240);
        }
        expect(await detail(page)).toBe('overview');
    });

    it('moves the picture during a wheel gesture and draws it afresh at the scale shown once the gesture rests', async () => {
        preview = await openPreview(browser, projectRoot, { width: 900, height: 620 });
        const { page, send } = preview;
        await send(render(seedDiagram));
        await waitForNodes(page, seed.graph.factors.length);
        // The diagram's size in the page against its own (viewBox) size, the stage's scale, and the zoom the toolbar shows.
        const drawing = (): Promise<{ drawnAt: number; stageScale: number; label: string }> => page.evaluate(() => {
            const stage = document.getElementById('stage')!;
            const svg = stage.querySelector('svg')!;
            return {
                drawnAt: parseFloat(getComputedStyle(svg).width) / svg.viewBox.baseVal.width,
                stageScale: Number(/scale\(([-\d.e]+)\)/.exec(stage.style.transform)![1]),
                label: document.getElementById('zoom-level')!.textContent ?? ''
            };
        });
        expect(await detail(page)).toBe('overview');
        // Without text, the diagram is drawn at the scale shown: the stage's layer holds the screen's pixels.
        const fit = await shownZoom(page);
        const atFit = await drawing();
        expect(atFit.drawnAt).toBeCloseTo(fit.scale, 3);
        expect(atFit.stageScale).toBeCloseTo(1, 3);

        // Two wheel steps in one task (no pause, so the gesture goes on): the stage moves, nothing is drawn again.
        const moving = await page.evaluate(() => {
            const viewport = document.getElementById('viewport')!;
            const bounds = viewport.getBoundingClientRect();
            for (let i = 0; i < 2; i++) {
                viewport.dispatchEvent(new WheelEvent('wheel', { deltaY: -30, clientX: bounds.left + bounds.width / 2, clientY: bounds.top + bounds.height / 2, bubbles: true, cancelable: true }));
            }
            return undefined;
        }).then(() => drawing());
        const zoomed = await shownZoom(page);
        expect(zoomed.scale / fit.scale).toBeCloseTo(Math.exp(0.12), 3);
        expect(moving.drawnAt).toBe(atFit.drawnAt);
        expect(moving.stageScale).toBeCloseTo(zoomed.scale / fit.scale, 3);
        expect(await detail(page)).toBe('overview');

        // At rest: drawn afresh at the new scale, and the toolbar says it.
        await page.waitForFunction(label => document.getElementById('zoom-level')!.textContent !== label, atFit.label);
        const rested = await drawing();
        expect(rested.drawnAt).toBeCloseTo(zoomed.scale, 3);
        expect(rested.stageScale).toBeCloseTo(1, 3);
        expect(rested.label).toBe(`${Math.round(zoomed.scale * 100)}%`);
        const shown = await shownZoom(page);
        expect(shown.scale).toBeCloseTo(zoomed.scale, 3);
        expect(shown.x).toBeCloseTo(zoomed.x, 1);
        expect(shown.y).toBeCloseTo(zoomed.y, 1);

        // With text, the diagram keeps its own size and the stage's transform scales it.
        await showFullView(page);
        const full = await drawing();
        expect(full.drawnAt).toBe(1);
        expect(full.stageScale).toBeCloseTo((await shownZoom(page)).scale, 3);
        expect(await page.locator('#stage g.marvel-node[data-id="pakkans"] text').isVisible()).toBe(true);
        expect(await preview.violations()).toEqual([]);
    });

    it('exports what is shown: the overview while it is shown, the full view once zoomed in', async () => {
        preview = await openPreview(browser, projectRoot, { width: 1280, height: 860 });
        const { page, send, posted } = preview;
        await send(render(seedDiagram));
        await waitForNodes(page, seed.graph.factors.length);
        const exported = async (): Promise<string> => {
            const before = (await posted()).length;
            await page.click('#export-svg');
            await page.waitForFunction(n => (window as unknown as { __posted: unknown[] }).__posted.length > n, before);
            const message = (await posted()).at(-1)!;
            return message.type === 'export' ? message.data : '';
        };
        const overview = await exported();
        expect(overview).toContain('class="marvel-overview"');
        expect(overview).not.toContain('class="marvel-node');
        await showFullView(page);
        const full = await exported();
        expect(full.match(/class="marvel-node /g)).toHaveLength(134);
        expect(full).not.toContain('marvel-overview');
    });

    it('draws stubs in a category view; clicking one shows the other category with that factor selected', async () => {
        preview = await openPreview(browser, projectRoot, { width: 1280, height: 860 });
        const { page, send, posted } = preview;
        const view: DiagramView = { category: 'strafrechtketen' };
        const diagram = await seed.diagram(1, view);
        await send(render(diagram, view));
        await waitForNodes(page, diagram.scene!.nodes.length);
        expect(await detail(page)).toBe('full');
        const stubs = diagram.scene!.stubs!;
        expect(await page.locator('#stage g.marvel-stub').count()).toBe(stubs.length);
        await page.screenshot({ path: path.join(artifacts, 'category-stubs.png') });

        const stub = stubs.find(s => s.otherCategory !== undefined && s.direction === 'out')!;
        const label = await centreOf(page, `#stage g.marvel-stub[data-relation="${stub.relation}"] > rect.marvel-stub-hit`);
        await page.mouse.click(label.x, label.y);
        const target: DiagramView = { category: stub.otherCategory! };
        expect((await posted()).at(-1)).toEqual({ type: 'setView', view: target });

        const other = await seed.diagram(1, target);
        await send(render(other, target));
        await waitForNodes(page, other.scene!.nodes.length);
        await page.waitForFunction(id => document.querySelector(`#stage g.marvel-node[data-id="${id}"]`)?.classList.contains('selected'), stub.other);
        expect(await page.inputValue('#category-select')).toBe(stub.otherCategory);
        const node = other.scene!.nodes.find(n => n.id === stub.other)!;
        expect(within(await viewCentre(page), { x: node.x - 1, y: node.y - 1, width: node.width + 2, height: node.height + 2 })).toBe(true);
    });

    it('keeps a 2,000-factor model light: its overview when far out, then boxes without text, text only when readable', async () => {
        const generated = generateModel(2000);
        const big = await previewModel(Object.fromEntries(generated.files.map(f => [f.path, f.text])), generated.files[0].path, new GridLayouter());
        const diagram = await big.diagram(1);
        const factors = diagram.scene!.nodes.length;
        expect(factors).toBeGreaterThanOrEqual(2000);
        preview = await openPreview(browser, projectRoot, { width: 1280, height: 860 });
        const { page, send } = preview;
        await send(render(diagram));
        await waitForNodes(page, factors);
        // Whether the first element of a kind is rendered at all (nothing up its tree is display: none).
        const drawn = (): Promise<{ nodes: boolean; text: boolean; overview: boolean }> => page.evaluate(() => {
            const rendered = (selector: string): boolean => {
                for (let element = document.querySelector(selector); element; element = element.parentElement) {
                    if (getComputedStyle(element).display === 'none') {
                        return false;
                    }
                }
                return true;
            };
            return { nodes: rendered('#stage g.marvel-node > rect'), text: rendered('#stage g.marvel-node text'), overview: rendered('#stage .marvel-overview') };
        });
        expect(await detail(page)).toBe('overview');
        expect(await drawn()).toEqual({ nodes: false, text: false, overview: true });
        await page.screenshot({ path: path.join(artifacts, 'generated-2000-overview.png') });
        await page.evaluate(() => document.getElementById('viewport')!.focus());
        const zoomUntil = async (level: string): Promise<void> => {
            for (let step = 0; step < 40 && (await detail(page)) !== level; step++) {
                await page.keyboard.press('+');
            }
            expect(await detail(page)).toBe(level);
        };
        await zoomUntil('boxes');
        expect(await drawn()).toEqual({ nodes: true, text: false, overview: false });
        await zoomUntil('full');
        expect(await drawn()).toEqual({ nodes: true, text: true, overview: false });

        // Narrow, beside the editor: Fit still shows the whole picture, however far out that is.
        await page.setViewportSize({ width: 420, height: 700 });
        await page.keyboard.press('0');
        const picture = (await page.locator('#stage svg.marvel-diagram').boundingBox())!;
        const viewport = (await page.locator('#viewport').boundingBox())!;
        expect((await shownZoom(page)).scale).toBeLessThan(0.05);
        expect(picture.x).toBeGreaterThanOrEqual(viewport.x - 1);
        expect(picture.y).toBeGreaterThanOrEqual(viewport.y - 1);
        expect(picture.x + picture.width).toBeLessThanOrEqual(viewport.x + viewport.width + 1);
        expect(picture.y + picture.height).toBeLessThanOrEqual(viewport.y + viewport.height + 1);
    }, 240_000);
});
