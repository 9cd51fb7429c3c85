import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DiagramResponse } from '../language/protocol/diagram-protocol.js';
import { interventionOrder } from '../language/protocol/trace-protocol.js';
import type { PreviewModel } from './support/preview-diagrams.js';
import { folderFiles, previewModel, seedPreviewModel } from './support/preview-diagrams.js';
import { factorsInView, render, showFullView, waitForNodes } from './support/preview-page.js';
import type { PreviewPage } from './support/webview-harness.js';
import { chromiumPresent, launchChromium, openPreview } from './support/webview-harness.js';

const projectRoot = fileURLToPath(new URL('..', import.meta.url)).replace(/[\\/]$/, '');

/** The zoom the toolbar shows, e.g. 36 for "36%". */
async function zoomPercent(page: Page): Promise<number> {
    return Number((await page.textContent('#zoom-level'))?.replace('%', ''));
}

/** The preview as the user sees it switching between files and models. */
describe.skipIf(!chromiumPresent('the preview switching tests'))('preview switching files and models in Chromium', () => {
    let browser: Browser;
    let seed: PreviewModel;
    let seedDiagram: DiagramResponse;
    let other: PreviewModel;
    let otherDiagram: DiagramResponse;
    let preview: PreviewPage | undefined;

    beforeAll(async () => {
        browser = await launchChromium();
        seed = await seedPreviewModel();
        seedDiagram = await seed.diagram(1);
        other = await previewModel(folderFiles(path.join(projectRoot, 'examples')), 'quickstart.marvel');
        otherDiagram = await other.diagram(1);
    });

    afterAll(async () => {
        await browser?.close();
    });

    afterEach(async () => {
        await preview?.page.close();
        preview = undefined;
    });

    async function openSeed(): Promise<PreviewPage> {
        // About the size of a preview beside the editor.
        preview = await openPreview(browser, projectRoot, { width: 800, height: 700 });
        await preview.send(render(seedDiagram));
        await waitForNodes(preview.page, seed.graph.factors.length);
        return preview;
    }

    it('keeps a trace on another file of the traced model, and leaves it quietly for another model', async () => {
        const { page, send } = await openSeed();
        await send({ type: 'trace', trace: seed.trace('pilotGemeente') });
        await page.waitForSelector('#trace-panel:not([hidden])');
        // The preview follows the editor to strafrechtketen.marvel, a file of the same model.
        const sibling = seed.graph.factors.find(f => f.location.uri.endsWith('/strafrechtketen.marvel'))!.location.uri;
        await send(render({ ...seedDiagram, uri: sibling }));
        await page.waitForTimeout(100);
        expect(await page.isHidden('#trace-panel')).toBe(false);
        expect(await page.$$eval('#stage svg.trace-mode', svgs => svgs.length)).toBe(1);
        // Then to a file of another model: no trace there, and nothing about it in the banner.
        await send(render(otherDiagram));
        await waitForNodes(page, other.graph.factors.length);
        expect(await page.isHidden('#trace-panel')).toBe(true);
        expect(await page.isHidden('#banner')).toBe(true);
    });

    it('describes the new file in header, banner and body when it has not parsed yet', async () => {
        const { page, send } = await openSeed();
        await page.waitForFunction(() => document.getElementById('view-description')?.textContent?.includes('Systeemanalyse'));
        const brokenUri = 'file:///work/kapot/kapot.marvel';
        const problem = 'Syntax error in kapot.marvel at line 3: Expecting a name.';
        await send(render({ uri: brokenUri, version: 1, title: 'Een model met een typefout', problem, categories: [], factors: [] }));
        await page.waitForSelector('#banner:not([hidden])');
        // No picture is kept, so the banner does not speak of one.
        expect(await page.textContent('#banner')).toBe(problem);
        const header = await page.textContent('#view-description');
        expect(header).toContain('Een model met een typefout');
        expect(header).not.toContain('Systeemanalyse');
        expect(await page.textContent('#empty')).toContain('kapot.marvel');
        expect(await page.$$eval('#stage g.marvel-node', nodes => nodes.length)).toBe(0);
        expect(await page.textContent('#selection-info')).toBe('');
    });

    it('fits a new file\'s diagram as the Fit button does, also when it ends a trace', async () => {
        const { page, send } = await openSeed();
        await send({ type: 'trace', trace: seed.trace('pilotGemeente') });
        await page.waitForSelector('#trace-panel:not([hidden])');
        await send(render(otherDiagram));
        await waitForNodes(page, other.graph.factors.length);
        await page.waitForTimeout(200);
        const automatic = await zoomPercent(page);
        await page.click('#zoom-fit');
        expect(await zoomPercent(page)).toBe(automatic);
    });

    it('empties the find box for another model, orders the Trace list as the quick pick, and explains the KPI badge', async () => {
        const { page, send } = await openSeed();
        await page.fill('#find-input', 'Pakkans');
        await page.press('#find-input', 'Enter');
        await send(render(otherDiagram));
        await waitForNodes(page, other.graph.factors.length);
        expect(await page.inputValue('#find-input')).toBe('');
        // The quick pick of MARVEL: Trace Intervention lists the server's answer, in this order.
        const quickPick = other.graph.interventions().map(f => ({ id: f.id, label: f.label })).sort(interventionOrder).map(f => f.id);
        expect(await page.$$eval('#trace-select option', options => options.map(o => (o as HTMLOptionElement).value).filter(v => v !== ''))).toEqual(quickPick);
        const legend = await page.textContent('#legend-body');
        expect(legend).toContain('\u25b2KPI should increase');
        expect(legend).toContain('\u25bcKPI should decrease');
    });

    it('keeps the factor the eye is on at its place on screen when the same picture comes back packed anew', async () => {
        const { page, send } = await openSeed();
        await page.fill('#find-input', 'Pakkans');
        await page.press('#find-input', 'Enter');
        const pakkans = page.locator('#stage g.marvel-node[data-id="pakkans"]');
        await page.waitForTimeout(200);
        const before = (await pakkans.boundingBox())!;
        // As after an edit or a panel of another shape: every box elsewhere, the picture wider.
        const scene = seedDiagram.scene!;
        const moved = <P extends { readonly x: number; readonly y: number }>(p: P): P => ({ ...p, x: p.x + 400, y: p.y + 150 });
        const repacked = {
            ...scene,
            width: scene.width + 400,
            height: scene.height + 150,
            nodes: scene.nodes.map(moved),
            categories: scene.categories.map(moved),
            edges: scene.edges.map(edge => ({ ...edge, points: edge.points.map(moved), signAt: moved(edge.signAt) }))
        };
        await send(render({ ...seedDiagram, version: seedDiagram.version + 1, scene: repacked }));
        await page.waitForFunction(() => Number(document.querySelector('#stage svg')?.getAttribute('width')) > 0);
        await page.waitForTimeout(200);
        const after = (await pakkans.boundingBox())!;
        expect(Math.abs(after.x - before.x)).toBeLessThan(1);
        expect(Math.abs(after.y - before.y)).toBeLessThan(1);
    });

    it('keeps what is in view in place when an edit moves only the factor nearest the middle of the view', async () => {
        const { page, send } = await openSeed();
        await showFullView(page);
        // The factors on screen, nearest the middle of the view first.
        const inView = await factorsInView(page);
        expect(inView.length).toBeGreaterThan(2);
        const [nearest, other] = inView;
        const otherBox = page.locator(`#stage g.marvel-node[data-id="${other}"]`);
        const before = (await otherBox.boundingBox())!;
        // As after an edit that lays out the category anew and moves one factor: the rest stay.
        const scene = seedDiagram.scene!;
        const edited = { ...scene, nodes: scene.nodes.map(node => node.id === nearest ? { ...node, x: node.x + 300, y: node.y + 120 } : node) };
        await send(render({ ...seedDiagram, version: seedDiagram.version + 1, scene: edited }));
        await page.waitForFunction(id => document.querySelector(`#stage g.marvel-node[data-id="${id}"]`) !== null, nearest);
        await page.waitForTimeout(200);
        // The view followed the factor nearest its middle and moved everything else 300 px.
        const after = (await otherBox.boundingBox())!;
        expect(Math.abs(after.x - before.x)).toBeLessThan(1);
        expect(Math.abs(after.y - before.y)).toBeLessThan(1);
    });

    it('fits the diagram as the Fit button does after leaving trace mode', async () => {
        const { page, send } = await openSeed();
        await send({ type: 'trace', trace: seed.trace('pilotGemeente') });
        await page.waitForSelector('#trace-panel:not([hidden])');
        await page.click('#trace-leave');
        await page.waitForSelector('#trace-panel', { state: 'hidden' });
        await page.waitForTimeout(200);
        const automatic = await zoomPercent(page);
        await page.click('#zoom-fit');
        expect(await zoomPercent(page)).toBe(automatic);
    });
});
