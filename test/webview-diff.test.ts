import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DiffAgainst } from '../client/webview/messages.js';
import type { DiagramResponse } from '../language/protocol/diagram-protocol.js';
import type { DiffPictureResponse } from '../language/protocol/diff-protocol.js';
import { diffPreview, previewModel } from './support/preview-diagrams.js';
import { clickCentre, render, shownZoom, waitForNodes } from './support/preview-page.js';
import type { PreviewPage } from './support/webview-harness.js';
import { chromiumPresent, launchChromium, openPreview } from './support/webview-harness.js';

const projectRoot = fileURLToPath(new URL('..', import.meta.url)).replace(/[\\/]$/, '');
const artifacts = path.join(projectRoot, 'test-artifacts', 'webview');

const before = `kpi slachtoffers "Slachtoffers" decrease
intervention pilot "Pilot"
factor pakkans "Pakkans"
factor daders "Daders"
factor oud "Oud"
factor los "Los"
factor ver "Ver"
pilot -> +pakkans
pakkans -> -daders
daders -> +slachtoffers
oud -> +daders
los -> +ver
`;
/** A strength changed, a sign flipped (the pilot's verdict turns), `oud` removed, `nieuw` added, a loop closed. */
const after = before
    .replace('pilot -> +pakkans', 'pilot -> +pakkans (strength: strong)')
    .replace('daders -> +slachtoffers', 'daders -> -slachtoffers')
    .replace('factor oud "Oud"\n', 'factor nieuw "Nieuw"\n')
    .replace('oud -> +daders', 'nieuw -> +daders\ndaders -> +pakkans');

const head: DiffAgainst = { label: 'HEAD', uri: 'file:///work/model.marvel', revision: 'HEAD' };

describe.skipIf(!chromiumPresent('the preview diff-mode tests'))('preview diff mode in Chromium', () => {
    let browser: Browser;
    let picture: DiffPictureResponse;
    /** The new model as the normal preview draws it, for leaving diff mode. */
    let plain: DiagramResponse;
    let preview: PreviewPage | undefined;

    beforeAll(async () => {
        mkdirSync(artifacts, { recursive: true });
        browser = await launchChromium();
        picture = await diffPreview(before, after, 'HEAD');
        plain = await (await previewModel({ 'model.marvel': after }, 'model.marvel')).diagram(1);
    });

    afterAll(async () => {
        await browser?.close();
    });

    afterEach(async () => {
        await preview?.page.close();
        preview = undefined;
    });

    async function inDiffMode(options: Parameters<typeof openPreview>[2] = {}): Promise<PreviewPage> {
        preview = await openPreview(browser, projectRoot, options);
        await preview.send(render(picture, {}, false, head));
        await waitForNodes(preview.page, picture.scene!.nodes.length);
        await preview.page.waitForSelector('#diff-panel:not([hidden])');
        return preview;
    }

    const relationOf = (source: string, target: string): number => picture.scene!.edges.find(e => e.source === source && e.target === target)!.relation;

    it('draws the union with added, removed and changed coloured (removed dashed), the rest faded, in the theme\'s colours', async () => {
        const { page, setTheme } = await inDiffMode();
        // Both states in one picture: the removed factor stands beside the added one.
        expect(await page.locator('#stage g.marvel-node').evaluateAll(nodes => nodes.map(n => n.getAttribute('data-id')).sort()))
            .toEqual(['daders', 'los', 'nieuw', 'oud', 'pakkans', 'pilot', 'slachtoffers', 'ver']);
        const node = (id: string): ReturnType<Page['locator']> => page.locator(`#stage g.marvel-node[data-id="${id}"]`);
        const edge = (source: string, target: string): ReturnType<Page['locator']> => page.locator(`#stage g.marvel-edge[data-relation="${relationOf(source, target)}"]`);
        // The factors, never the overview's cards: a change is about them.
        expect(await page.getAttribute('#stage svg.marvel-diagram', 'class')).toContain('diff-mode');
        expect(await page.locator('#stage .marvel-overview').count()).toBe(0);
        expect(await node('nieuw').getAttribute('class')).toContain('mark-added');
        expect(await node('oud').getAttribute('class')).toContain('mark-removed');
        expect(await node('oud').locator('rect').first().getAttribute('stroke-dasharray')).toBe('6 4');
        expect(await node('nieuw').locator('rect').first().getAttribute('stroke')).toBe('#1a7f37');
        expect(await node('oud').locator('rect').first().getAttribute('stroke')).toBe('#cf222e');
        expect(await edge('pilot', 'pakkans').getAttribute('class')).toContain('mark-changed');
        expect(await edge('pilot', 'pakkans').locator('.marvel-edge-line').getAttribute('stroke')).toBe('#bf8700');
        expect(await edge('oud', 'daders').locator('.marvel-edge-line').getAttribute('stroke-dasharray')).toBe('5 4');
        expect(await edge('nieuw', 'daders').getAttribute('class')).toContain('mark-added');
        // Unchanged and away from the change: faded.
        expect(await node('los').getAttribute('opacity')).not.toBeNull();
        expect(await edge('los', 'ver').getAttribute('opacity')).not.toBeNull();
        expect(await node('pilot').getAttribute('opacity')).toBeNull();
        // The legend says what the colours mean, in the colours drawn.
        expect(await page.isVisible('#diff-legend')).toBe(true);
        expect(await page.textContent('#diff-legend')).toBe('Change:addedremovedchangedunchanged (faded)');
        expect(await page.locator('#diff-legend path[stroke="#1a7f37"]').count()).toBeGreaterThan(0);

        await setTheme('vscode-dark');
        await page.waitForFunction(() => document.querySelector('#stage g.marvel-node[data-id="nieuw"] rect')?.getAttribute('stroke') === '#3fb950');
        expect(await page.locator('#diff-legend path[stroke="#3fb950"]').count()).toBeGreaterThan(0);
        expect(await page.locator('#stage g.marvel-node[data-id="oud"] rect').first().getAttribute('stroke')).toBe('#f85149');
    });

    it('keeps the line above the diagram off it in a narrow preview: one line, its texts cut short, each whole in its tooltip', async () => {
        const { page } = await inDiffMode({ width: 300, height: 700 });
        await clickCentre(page, '#stage g.marvel-node[data-id="slachtoffers"]');
        const [line, diagram] = await Promise.all(['.context-line', '#viewport'].map(selector => page.locator(selector).boundingBox()));
        expect(line!.height).toBeLessThanOrEqual(31);
        expect(line!.y + line!.height).toBeLessThanOrEqual(diagram!.y + 0.5);
        expect(await page.getAttribute('#view-description', 'title')).toContain('compared with');
        const text = await page.evaluate(() => {
            const context = document.querySelector('.context-line')!;
            return context.scrollHeight <= context.clientHeight;
        });
        expect(text).toBe(true);
    });

    it('keeps a selected factor\'s change colour, with the selection around it', async () => {
        const { page } = await inDiffMode();
        await clickCentre(page, '#stage g.marvel-node[data-id="nieuw"]');
        const outline = page.locator('#stage g.marvel-node.selected[data-id="nieuw"] > rect').first();
        expect(await outline.evaluate(rect => getComputedStyle(rect).stroke)).toBe('rgb(26, 127, 55)');
        expect(await outline.evaluate(rect => getComputedStyle(rect).filter)).toContain('drop-shadow');
    });

    /** Twelve categories of ten factors in a chain each. */
    const large = Array.from({ length: 12 }, (_, c) => `category c${c} "Categorie ${c}" {\n`
        + Array.from({ length: 10 }, (_, f) => `    factor f${c}x${f} "Factor ${c}.${f} met een langer label"\n`).join('')
        + Array.from({ length: 9 }, (_, f) => `    f${c}x${f} -> +f${c}x${f + 1}\n`).join('')
        + `}\nf${c}x9 -> +f${(c + 1) % 12}x0\n`).join('');
    /** The large model with one relation's sign flipped. */
    const flipped = large.replace('f7x4 -> +f7x5', 'f7x4 -> -f7x5');

    /** Whether the changed relation is drawn inside the diagram's area. */
    async function changeInView(page: Page): Promise<boolean> {
        const edge = await page.locator('#stage g.marvel-edge.mark-changed').boundingBox();
        const viewport = await page.locator('#viewport').boundingBox();
        return edge !== null && viewport !== null && edge.x >= viewport.x && edge.x + edge.width <= viewport.x + viewport.width
            && edge.y >= viewport.y && edge.y + edge.height <= viewport.y + viewport.height;
    }

    it('opens on the change of a large model, not at a Fit where it is a few pixels', async () => {
        const changed = await diffPreview(large, flipped, 'HEAD');
        preview = await openPreview(browser, projectRoot);
        const { page, send } = preview;
        await send(render(changed, {}, false, head));
        await waitForNodes(page, 120);
        const zoom = await shownZoom(page);
        expect(zoom.scale).toBeCloseTo(1, 2);
        expect(await changeInView(page)).toBe(true);
    });

    it('draws the change alone on "Draw alone", fitted, and the whole model again, on the change, when pressed again', async () => {
        const whole = await diffPreview(large, flipped, 'HEAD');
        const alone = await diffPreview(large, flipped, 'HEAD', 1, 'changed');
        preview = await openPreview(browser, projectRoot);
        const { page, send, posted, savedState } = preview;
        const lastRequest = async (): Promise<unknown> => (await posted()).filter(m => m.type !== 'resize').at(-1);
        await send(render(whole, {}, false, head));
        await waitForNodes(page, 120);
        expect(await page.getAttribute('#diff-alone', 'aria-pressed')).toBe('false');

        await page.click('#diff-alone');
        expect(await lastRequest()).toEqual({ type: 'setDiffAlone', alone: true });
        // The host answers with what changed: f7x4 → f7x5.
        await send(render(alone, {}, false, { ...head, alone: true }));
        await waitForNodes(page, 2);
        expect(await page.getAttribute('#diff-alone', 'aria-pressed')).toBe('true');
        expect(await page.textContent('#view-description')).toBe('Only what changed \u2014 2 factors, 1 relation \u2014 compared with HEAD');
        expect((await savedState())?.diff).toEqual({ ...head, alone: true });
        const nodes = await page.locator('#stage g.marvel-node').evaluateAll(elements => elements.map(e => e.getBoundingClientRect()));
        const viewport = (await page.locator('#viewport').boundingBox())!;
        for (const node of nodes) {
            expect(node.left).toBeGreaterThanOrEqual(viewport.x - 1);
            expect(node.right).toBeLessThanOrEqual(viewport.x + viewport.width + 1);
        }
        await page.screenshot({ path: path.join(artifacts, 'diff-alone.png') });

        await page.click('#diff-alone');
        expect(await lastRequest()).toEqual({ type: 'setDiffAlone', alone: false });
        await send(render(whole, {}, false, head));
        await waitForNodes(page, 120);
        expect(await page.getAttribute('#diff-alone', 'aria-pressed')).toBe('false');
        expect((await shownZoom(page)).scale).toBeCloseTo(1, 2);
        expect(await changeInView(page)).toBe(true);
    });

    it('says on hover what changed', async () => {
        const { page } = await inDiffMode();
        const title = (selector: string): Promise<string | null> => page.locator(`${selector} > title`).textContent();
        expect(await title(`#stage g.marvel-edge[data-relation="${relationOf('pilot', 'pakkans')}"]`)).toMatch(/\nchanged: strength average → strong$/);
        expect(await title(`#stage g.marvel-edge[data-relation="${relationOf('daders', 'slachtoffers')}"]`)).toMatch(/\nchanged: sign \+ → -$/);
        expect(await title('#stage g.marvel-node[data-id="nieuw"]')).toMatch(/\nadded$/);
        expect(await title('#stage g.marvel-node[data-id="oud"]')).toMatch(/\nremoved$/);
    });

    it('lists every change, loop and verdict; a change shows its text, a removed one only its place, a loop shows alone', async () => {
        const { page, posted } = await inDiffMode();
        expect(await page.textContent('#diff-title')).toBe('HEAD');
        expect(await page.textContent('#diff-summary')).toBe(picture.diff!.review.summary);
        expect(picture.diff!.review.summary).toContain('1 verdict changed');
        expect(await page.locator('#diff-body .diff-change').allTextContents()).toEqual([
            // Factors in the union's order (a removed one where it stood), then relations.
            'removedOud',
            'addedNieuw',
            'changedPilot \u2192 Pakkans: strength average \u2192 strong',
            'changedDaders \u2192 Slachtoffers: sign + \u2192 -',
            'addedNieuw \u2192 Daders: sign +',
            'addedDaders \u2192 Pakkans: sign +',
            'removedOud \u2192 Daders: sign +'
        ]);
        expect(await page.locator('#diff-body .diff-loop').allTextContents()).toEqual(['appearedDaders \u2192 Pakkans \u2192 Daders (balancing)']);
        expect(await page.locator('#diff-body .diff-verdict').allTextContents()).toEqual(['Pilot on Slachtoffers: desired \u2192 undesired']);
        expect(await page.textContent('#view-description')).toContain('compared with HEAD');

        // A changed relation: selected in the diagram, and its text shown in the editor.
        // Only reveals: the panel's shape may settle (a `resize` message) at any time.
        const before = (await posted()).length;
        await page.locator('#diff-body .diff-change', { hasText: 'strength average' }).click();
        const changed = picture.scene!.edges.find(e => e.relation === relationOf('pilot', 'pakkans'))!;
        expect((await posted()).slice(before).filter(m => m.type === 'reveal')).toEqual([{ type: 'reveal', uri: changed.location.uri, range: changed.location.range, focus: false }]);
        expect(await page.locator(`#stage g.marvel-edge[data-relation="${changed.relation}"]`).getAttribute('class')).toContain('selected');
        // A removed factor has no text on the new side: selected, nothing revealed; a click in the diagram neither.
        const count = (await posted()).length;
        await page.locator('#diff-body .diff-change', { hasText: /^removedOud$/ }).click();
        expect(await page.locator('#stage g.marvel-node[data-id="oud"]').getAttribute('class')).toContain('selected');
        await clickCentre(page, '#stage g.marvel-node[data-id="oud"] rect');
        expect((await posted()).slice(count).filter(m => m.type === 'reveal')).toEqual([]);

        // The loop alone: its relations lit, the rest dimmed, the change's colours gone until "All changes".
        await page.locator('#diff-body .diff-loop').click();
        const loop = picture.diff!.review.loops[0];
        expect([...loop.relations].sort((a, b) => a - b)).toEqual([relationOf('pakkans', 'daders'), relationOf('daders', 'pakkans')].sort((a, b) => a - b));
        const lit = await page.locator('#stage g.marvel-edge.trace-lit').evaluateAll(edges => edges.map(e => Number(e.getAttribute('data-relation'))).sort((a, b) => a - b));
        expect(lit).toEqual([...loop.relations].sort((a, b) => a - b));
        expect(await page.locator('#stage g.mark-added').count()).toBe(0);
        expect(await page.getAttribute('#diff-body .diff-loop', 'aria-pressed')).toBe('true');
        await page.click('#diff-all');
        expect(await page.locator('#stage g.trace-lit').count()).toBe(0);
        expect(await page.locator('#stage g.mark-added').count()).toBe(3);
    });

    it('keeps what it compares with in the saved state, and leaving (button or Escape) asks the host; its render restores the normal preview', async () => {
        const { page, posted, savedState, send } = await inDiffMode();
        // The panel's shape may settle (a `resize` message) at any time: the last request is what counts.
        const lastRequest = async (): Promise<unknown> => (await posted()).filter(m => m.type !== 'resize').at(-1);
        expect((await savedState())?.diff).toEqual(head);
        await page.click('#diff-leave');
        expect(await lastRequest()).toEqual({ type: 'leaveDiff' });
        await send(render(plain));
        await page.waitForSelector('#diff-panel', { state: 'hidden' });
        expect(await page.locator('#stage g[class*="mark-"]').count()).toBe(0);
        expect(await page.locator('#stage g.marvel-node[opacity]').count()).toBe(0);
        expect(await page.locator('#stage g.marvel-node').count()).toBe(plain.scene!.nodes.length);
        expect(await page.getAttribute('#stage svg.marvel-diagram', 'class')).not.toContain('diff-mode');
        expect(await page.isHidden('#diff-legend')).toBe(true);
        expect((await savedState())?.diff).toBeUndefined();
        expect(await page.textContent('#status')).toBe('');

        await send(render(picture, {}, false, head));
        await page.waitForSelector('#diff-panel:not([hidden])');
        await page.locator('#viewport').focus();
        await page.keyboard.press('Escape');
        expect(await lastRequest()).toEqual({ type: 'leaveDiff' });
    });

    it('refuses a malformed change whole', async () => {
        preview = await openPreview(browser, projectRoot);
        const broken = { ...picture, diff: { ...picture.diff!, marking: { ...picture.diff!.marking, factors: { nieuw: { kind: 'exploded', details: [] } } } } };
        await preview.send(render(broken as DiffPictureResponse, {}, false, head));
        // Messages are handled in order: once this one shows, the broken one has been handled.
        await preview.send({ type: 'exported', path: 'after-the-broken-one.svg' });
        await preview.page.waitForFunction(() => document.getElementById('status')?.textContent === 'Saved after-the-broken-one.svg');
        expect(await preview.page.locator('#stage g.marvel-node').count()).toBe(0);
        expect(await preview.page.locator('#diff-panel').isHidden()).toBe(true);
    });
});
