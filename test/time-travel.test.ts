import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeShades } from '../language/analysis/dynamics/change-shading.js';
import { simulate } from '../language/analysis/dynamics/simulate.js';
import { repositoryRoot } from './support/example-files.js';
import type { PreviewModel } from './support/preview-diagrams.js';
import { folderFiles, previewModel } from './support/preview-diagrams.js';
import { render, waitForNodes } from './support/preview-page.js';
import { seedFolder, seedMain } from './support/seed-model.js';
import { chromiumPresent, launchChromium, openPreview } from './support/webview-harness.js';
import { graphOf } from './support/workspace.js';

describe('change shading', () => {
    it('colours each factor by its change since t = 0, relative to the run\'s largest change', async () => {
        const graph = await graphOf(`intervention a "A"
factor fast "Fast"
factor slow "Slow"
factor still "Still"
a -> +fast (speed: very high)
a -> -slow (speed: low)
scenario push "Push" {
    set a to 0.8 over 1
}
`);
        const result = simulate(graph, ['push']);
        expect(changeShades(result, 0).size).toBe(0);
        const early = changeShades(result, 4);
        expect(early.get('fast')?.direction).toBe('up');
        expect(early.get('slow')?.direction).toBe('down');
        // The slow relation lags: at t = 1 its target has moved much less than the fast one's.
        expect(early.get('slow')!.strength).toBeLessThan(early.get('fast')!.strength / 2);
        expect(early.has('still')).toBe(false);
        const end = changeShades(result, result.times.length - 1);
        expect(end.get('a')!.strength).toBeCloseTo(1, 6);
        expect([...end.values()].every(shade => shade.strength > 0 && shade.strength <= 1)).toBe(true);
        expect(changeShades(simulate(graph), 10).size).toBe(0);
    });
});

describe.skipIf(!chromiumPresent('the preview-over-time tests'))('the preview over time, in Chromium', () => {
    let browser: Browser;
    let seed: PreviewModel;
    const artifacts = path.join(repositoryRoot, 'test-artifacts', 'simulation');

    beforeAll(async () => {
        mkdirSync(artifacts, { recursive: true });
        browser = await launchChromium();
        seed = await previewModel(folderFiles(seedFolder), seedMain);
    }, 120_000);

    afterAll(async () => {
        await browser?.close();
    });

    it('asks for the model near the time slider, then colours the factors a scenario moved, more as time goes on', async () => {
        const { page, send, posted, violations } = await openPreview(browser, repositoryRoot);
        await send(render(await seed.diagram(1)));
        await waitForNodes(page, seed.graph.factors.length);
        await page.hover('.time-travel');
        await expect.poll(async () => (await posted()).at(-1)).toEqual({ type: 'simulationModel', uri: seed.uri });
        await send({ type: 'simulationModel', model: { uri: seed.uri, version: 1, graph: seed.graph.data } });
        await page.waitForSelector('.time-travel select option[value="pilot"]', { state: 'attached' });
        // The seed model opens as its overview, which has no factors to colour: over time they are drawn.
        expect(await page.evaluate(() => document.getElementById('viewport')!.dataset.detail)).toBe('overview');
        const factorsShown = (): Promise<boolean> => page.locator('#stage g.marvel-node[data-id="pilotGemeente"]').isVisible();
        expect(await factorsShown()).toBe(false);
        // Off, the bar holds only its choice: the slider and its key come with a scenario.
        const barShows = (): Promise<boolean[]> => Promise.all(['button', 'input[type="range"]', '.time-legend'].map(part => page.locator(`.time-travel ${part}`).isVisible()));
        expect(await barShows()).toEqual([false, false, false]);
        await page.selectOption('.time-travel select', 'pilot');
        expect(await barShows()).toEqual([true, true, true]);
        expect(await factorsShown()).toBe(true);
        expect(await page.locator('#stage g.marvel-overview').isVisible()).toBe(false);
        const coloured = (): Promise<Record<string, string>> => page.evaluate(() => Object.fromEntries([...document.querySelectorAll<SVGGElement>('#stage g.marvel-node')]
            .map(node => [node.dataset.id!, node.classList.contains('time-up') ? 'up' : node.classList.contains('time-down') ? 'down' : ''])
            .filter(([, direction]) => direction !== '')));
        expect(await coloured()).toEqual({});
        const setTime = (index: number): Promise<void> => page.evaluate(i => {
            const slider = document.querySelector<HTMLInputElement>('.time-travel input[type="range"]')!;
            slider.value = String(i);
            slider.dispatchEvent(new Event('input'));
        }, index);
        await setTime(4);
        const early = await coloured();
        expect(early.pilotGemeente).toBe('up');
        await setTime(40);
        const late = await coloured();
        expect(late).toMatchObject({ pilotGemeente: 'up', slachtoffers: 'down', inBeeld: 'up' });
        expect(Object.keys(late).length).toBeGreaterThan(Object.keys(early).length);
        expect(await page.textContent('.time-clock')).toBe('t = 10');
        const fill = await page.evaluate(() => document.querySelector<SVGRectElement>('#stage g.marvel-node[data-id="pilotGemeente"] > rect:not([class])')!.style.fill);
        expect(fill).not.toBe('');
        expect(await violations()).toEqual([]);
        await page.screenshot({ path: path.join(artifacts, 'preview-over-time.png') });
        await page.selectOption('.time-travel select', '');
        expect(await coloured()).toEqual({});
        expect(await factorsShown()).toBe(false);
        expect(await page.locator('#stage g.marvel-overview').isVisible()).toBe(true);
        expect(await barShows()).toEqual([false, false, false]);
        await page.close();
    });
});
