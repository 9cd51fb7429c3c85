import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DiagramResponse } from '../language/protocol/diagram-protocol.js';
import type { TraceView } from '../language/protocol/trace-protocol.js';
import { palettes } from '../language/diagram/diagram-style.js';
import type { PreviewModel } from './support/preview-diagrams.js';
import { folderFiles, previewModel, seedPreviewModel } from './support/preview-diagrams.js';
import { bringIntoView, clickCentre, factorsInView, isInViewport, render, showFullView, shownZoom, traceMarks, waitForNodes } from './support/preview-page.js';
import { boxesScale, legibleScale } from '../client/webview/semantic-zoom.js';
import { lightingOf } from '../language/diagram/trace-lighting.js';
import type { PreviewPage } from './support/webview-harness.js';
import { chromiumPresent, launchChromium, openPreview } from './support/webview-harness.js';

const projectRoot = fileURLToPath(new URL('..', import.meta.url)).replace(/[\\/]$/, '');
const artifacts = path.join(projectRoot, 'test-artifacts', 'webview');
const seedFolder = path.join(projectRoot, 'examples', 'mensenhandel');

describe.skipIf(!chromiumPresent('the preview trace-mode tests'))('preview trace mode in Chromium', () => {
    let browser: Browser;
    let seed: PreviewModel;
    let seedDiagram: DiagramResponse;
    /** pilotGemeente traced by the real pipeline, as the host would send it. */
    let pilot: TraceView;
    let preview: PreviewPage | undefined;

    beforeAll(async () => {
        mkdirSync(artifacts, { recursive: true });
        browser = await launchChromium();
        seed = await seedPreviewModel();
        seedDiagram = await seed.diagram(1);
        pilot = seed.trace('pilotGemeente');
    });

    afterAll(async () => {
        await browser?.close();
    });

    afterEach(async () => {
        await preview?.page.close();
        preview = undefined;
    });

    async function open(options: Parameters<typeof openPreview>[2] = {}): Promise<PreviewPage> {
        preview = await openPreview(browser, projectRoot, options);
        return preview;
    }

    /** The seed model drawn, with pilotGemeente traced. */
    async function tracedSeed(options: Parameters<typeof openPreview>[2] = {}): Promise<PreviewPage> {
        const opened = await open(options);
        await opened.send(render(seedDiagram));
        await waitForNodes(opened.page, seed.graph.factors.length);
        await opened.send({ type: 'trace', trace: pilot });
        await opened.page.waitForSelector('#trace-panel:not([hidden])');
        return opened;
    }

    const verdictRelations = (trace: TraceView): number[] => Object.keys(trace.relationVerdicts).map(Number).sort((a, b) => a - b);

    it('lights up pilotGemeente\'s paths to both KPIs with their verdicts, and dims the rest (light and dark)', async () => {
        const { page, send, posted, savedState, setTheme } = await open();
        await send(render(seedDiagram));
        await waitForNodes(page, seed.graph.factors.length);

        // The list offers every intervention of the model; picking one asks the host for its trace.
        const interventions = seed.graph.factors.filter(f => f.role === 'intervention');
        expect(await page.locator('#trace-select option').count()).toBe(interventions.length + 1);
        expect(await page.textContent('#trace-select option:first-child')).toBe('\u2014 no trace \u2014');
        await page.selectOption('#trace-select', 'pilotGemeente');
        expect((await posted()).at(-1)).toEqual({ type: 'trace', from: 'pilotGemeente' });
        expect(await page.textContent('#status')).toBe(`Tracing \u201c${seed.graph.labelOf('pilotGemeente')}\u201d\u2026`);

        await send({ type: 'trace', trace: pilot });
        await page.waitForSelector('#trace-panel:not([hidden])');
        expect(await page.textContent('#status')).toBe('');

        // The panel: both KPIs, each with the core's verdict, the leaning in words, the counts and the readings strongest first.
        expect(pilot.targets.map(t => t.target)).toEqual(['slachtoffers', 'inBeeld']);
        expect(pilot.targets.map(t => [t.verdict, t.dominant])).toEqual([['mixed', '-'], ['mixed', '+']]);
        const panel = await page.evaluate(() => [...document.querySelectorAll('#trace-body .trace-target')].map(section => ({
            target: (section as HTMLElement).dataset.target,
            label: section.querySelector('.trace-kpi-label')?.textContent,
            direction: section.querySelector('.trace-direction')?.textContent,
            badge: section.querySelector('.verdict-badge')?.textContent,
            words: section.querySelector('.trace-verdict-words')?.textContent,
            counts: section.querySelector('.trace-counts')?.textContent,
            readings: [...section.querySelectorAll('.trace-path .trace-reading')].map(r => r.textContent)
        })));
        expect(panel.map(p => p.target)).toEqual(['slachtoffers', 'inBeeld']);
        for (const [index, target] of pilot.targets.entries()) {
            // The whole search's count, as the code lens and `marvel trace` give it, then what the list shows.
            const desired = target.tally.bySign[target.direction === 'increase' ? '+' : '-'];
            const undesired = target.tally.bySign[target.direction === 'increase' ? '-' : '+'];
            expect(panel[index]).toMatchObject({ label: target.label, direction: `should ${target.direction}`, badge: target.verdict, words: 'mixed, mostly desired' });
            expect(panel[index].counts).toContain(`200+ paths: ${desired} desired, ${undesired} undesired`);
            expect(panel[index].counts).toContain(`The ${target.paths.length} strongest are listed.`);
            expect(panel[index].readings).toEqual(target.paths.map(p => p.reading));
        }
        expect(panel[1].counts).toMatch(/[1-9]\d* undesired/);
        expect(await page.textContent('#trace-title')).toBe(`${pilot.fromLabel} \u2191`);
        // Every control of the panel is named and reachable by keyboard.
        expect(await page.evaluate(() => [...document.querySelectorAll('button')].filter(b => !b.title || b.tabIndex < 0).map(b => b.id || b.className))).toEqual([]);

        // The diagram: every relation on a shown path lit in its verdict colour, everything else dimmed.
        const marks = await traceMarks(page);
        expect(marks.traceMode).toBe(true);
        expect(marks.litRelations).toEqual(verdictRelations(pilot));
        for (const [relation, verdict] of Object.entries(pilot.relationVerdicts)) {
            expect(marks.verdicts[Number(relation)], `relation ${relation}`).toBe(verdict);
        }
        expect(new Set(Object.values(marks.verdicts))).toEqual(new Set(['desired', 'undesired', 'mixed', 'unknown']));
        expect(marks.dimRelations.length).toBe(seed.graph.relations.length - marks.litRelations.length);
        expect(marks.dimRelations.length).toBeGreaterThan(0);
        const unrelated = seed.graph.relations.find(r => !(r.index in pilot.relationVerdicts))!;
        expect(marks.dimRelations).toContain(unrelated.index);
        expect(marks.litNodes).toEqual([...new Set(pilot.targets.flatMap(t => t.paths.flatMap(p => p.nodes)))].sort());
        expect(marks.dimNodes.length).toBe(seed.graph.factors.length - marks.litNodes.length);
        expect(marks.origin).toEqual(['pilotGemeente']);
        // The verdict arrowheads exist and a lit relation points at the one of its colour.
        const arrowhead = await page.evaluate(relation => getComputedStyle(document.querySelector(`#stage g.marvel-edge[data-relation="${relation}"] .marvel-edge-line`)!).markerEnd, verdictRelations(pilot)[0]);
        expect(arrowhead).toMatch(/#marvel-trace-arrow-(desired|undesired|mixed|unknown)/);
        expect(await page.locator('#stage marker.marvel-trace-arrow').count()).toBe(4);

        expect(await page.isHidden('#trace-legend')).toBe(false);
        expect(await page.textContent('#trace-legend')).toContain('undesired');
        expect((await savedState())?.trace).toBe('pilotGemeente');
        expect(await page.inputValue('#trace-select')).toBe('pilotGemeente');
        await page.screenshot({ path: path.join(artifacts, 'trace-light.png') });
        // Close up: the emphasised intervention and its arrows in the verdict colours.
        await page.fill('#find-input', 'pilotGemeente');
        await page.press('#find-input', 'Enter');
        await page.waitForSelector('#stage g.marvel-node[data-id="pilotGemeente"].selected.trace-origin');
        await page.screenshot({ path: path.join(artifacts, 'trace-close-light.png') });

        // A theme change redraws the diagram; trace mode's marks come back on the new one.
        await setTheme('vscode-dark');
        await page.waitForFunction(() => document.querySelector('#stage g.marvel-node.role-factor > rect')?.getAttribute('fill') === '#2d2d2d');
        expect((await traceMarks(page)).litRelations).toEqual(verdictRelations(pilot));
        await page.screenshot({ path: path.join(artifacts, 'trace-close-dark.png') });
        await page.click('#zoom-fit');
        await page.screenshot({ path: path.join(artifacts, 'trace-dark.png') });
        await page.setViewportSize({ width: 640, height: 900 });
        await page.click('#zoom-fit');
        await page.screenshot({ path: path.join(artifacts, 'trace-narrow-dark.png') });
        expect(await preview!.violations()).toEqual([]);
    });

    it('keeps the model packed as it was when its panel opens beside the diagram of a narrow preview', async () => {
        const { page, send, posted } = await open({ width: 640, height: 900 });
        await send(render(seedDiagram));
        await waitForNodes(page, seed.graph.factors.length);
        await send({ type: 'trace', trace: pilot });
        await page.waitForSelector('#trace-panel:not([hidden])');
        // The panel takes half the room; the preview's shape is the same, so no layout is asked for it.
        await page.waitForTimeout(900);
        expect((await posted()).filter(message => message.type === 'resize')).toEqual([]);
    });

    it('shows the lit paths within the room beside its panel when a trace starts zoomed in, however narrow the preview', async () => {
        for (const width of [670, 1000]) {
            const { page, send } = await open({ width, height: 800 });
            await send(render(seedDiagram));
            await waitForNodes(page, seed.graph.factors.length);
            await showFullView(page);
            await send({ type: 'trace', trace: pilot });
            await page.waitForSelector('#trace-panel:not([hidden])');
            await page.waitForTimeout(500);
            const { lit, view } = await page.evaluate(() => {
                const boxes = [...document.querySelectorAll('#stage g.marvel-node.trace-on')].map(node => node.getBoundingClientRect());
                const viewport = document.getElementById('viewport')!.getBoundingClientRect();
                return {
                    lit: { left: Math.min(...boxes.map(b => b.left)), right: Math.max(...boxes.map(b => b.right)), top: Math.min(...boxes.map(b => b.top)), bottom: Math.max(...boxes.map(b => b.bottom)) },
                    view: { left: viewport.left, right: viewport.right, top: viewport.top, bottom: viewport.bottom }
                };
            });
            expect(lit.left, `${width} px`).toBeGreaterThanOrEqual(view.left - 1);
            expect(lit.right, `${width} px`).toBeLessThanOrEqual(view.right + 1);
            expect(lit.top, `${width} px`).toBeGreaterThanOrEqual(view.top - 1);
            expect(lit.bottom, `${width} px`).toBeLessThanOrEqual(view.bottom + 1);
            await preview?.page.close();
            preview = undefined;
        }
    });

    it('shows one path alone on a click, one loop alone on a click, and everything again on a second click', async () => {
        const { page, setTheme } = await tracedSeed();
        // An undesired path to "in beeld": its arrows alone, all orange.
        const target = pilot.targets.findIndex(t => t.target === 'inBeeld');
        const index = pilot.targets[target].paths.findIndex(p => p.verdict === 'undesired');
        const shown = pilot.targets[target].paths[index];
        const pathButton = `#trace-body button[data-path="${target}:${index}"]`;
        const before = await shownZoom(page);
        await page.click(pathButton);
        // A path picked is zoomed in on as far as it fits, whole and in view.
        expect((await shownZoom(page)).scale).toBeGreaterThan(before.scale);
        for (const id of shown.nodes) {
            expect(await isInViewport(page, id), id).toBe(true);
        }
        let marks = await traceMarks(page);
        const pathRelations = shown.steps.flatMap(s => s.relations).sort((a, b) => a - b);
        expect(marks.litRelations).toEqual(pathRelations);
        expect(pathRelations.map(r => marks.verdicts[r])).toEqual(pathRelations.map(() => 'undesired'));
        expect(marks.dimRelations.length).toBe(seed.graph.relations.length - pathRelations.length);
        expect(marks.litNodes).toEqual([...shown.nodes].sort());
        expect(await page.getAttribute(pathButton, 'aria-pressed')).toBe('true');
        expect(await page.isVisible('#trace-all')).toBe(true);
        await page.screenshot({ path: path.join(artifacts, 'trace-path-light.png') });

        await page.click(pathButton);
        marks = await traceMarks(page);
        expect(marks.litRelations).toEqual(verdictRelations(pilot));
        expect(await page.getAttribute(pathButton, 'aria-pressed')).toBe('false');

        // The first loop listed: only its relations and factors bright (the memo's figure 10).
        const firstLoop = await page.getAttribute('#trace-body button.trace-loop', 'data-loop');
        const loop = pilot.loops.find(l => l.id === firstLoop)!;
        expect(await page.textContent('#trace-body button.trace-loop .trace-reading')).toBe(loop.reading);
        expect(await page.textContent('#trace-body button.trace-loop .loop-kind')).toBe(`${loop.kind}${loop.delayed ? ', delayed' : ''}`);
        await page.click('#trace-body button.trace-loop');
        marks = await traceMarks(page);
        expect(marks.litRelations).toEqual([...loop.relations].sort((a, b) => a - b));
        expect(Object.values(marks.verdicts)).toEqual(loop.relations.map(() => 'loop'));
        expect(marks.litNodes).toEqual([...loop.nodes].sort());
        expect(marks.dimRelations.length).toBe(seed.graph.relations.length - loop.relations.length);
        await page.screenshot({ path: path.join(artifacts, 'trace-loop-light.png') });
        await setTheme('vscode-dark');
        await page.waitForFunction(() => document.querySelector('#stage g.marvel-node.role-factor > rect')?.getAttribute('fill') === '#2d2d2d');
        expect((await traceMarks(page)).litRelations).toEqual([...loop.relations].sort((a, b) => a - b));
        await page.screenshot({ path: path.join(artifacts, 'trace-loop-dark.png') });

        await page.click('#trace-all');
        expect((await traceMarks(page)).litRelations).toEqual(verdictRelations(pilot));

        // Loop ids under a path show that loop too, those running along the path marked; hundreds of loops are listed on request only.
        const firstPath = pilot.targets.find(t => t.paths.length > 0)!.paths[0];
        const chips = page.locator('#trace-body .trace-path-item').first().locator('.loop-chip');
        expect(await chips.evaluateAll(elements => elements.map(chip => chip.classList.contains('along'))))
            .toEqual(firstPath.loops.slice(0, await chips.count()).map((_, k) => k < firstPath.loopsAlong));
        expect(await page.locator('#trace-body .trace-path-item').first().locator('.loop-more').getAttribute('title')).toContain('more loops touch this path');
        const chip = page.locator('#trace-body .loop-chip').first();
        const chipId = (await chip.getAttribute('data-loop'))!;
        await chip.click();
        expect((await traceMarks(page)).litRelations).toEqual([...pilot.loops.find(l => l.id === chipId)!.relations].sort((a, b) => a - b));
        expect(pilot.loops.length).toBeGreaterThan(8);
        expect(await page.locator('#trace-body .trace-loop-list li:not([hidden])').count()).toBe(8);
        await page.click('#trace-body .trace-more-loops');
        expect(await page.locator('#trace-body .trace-loop-list li:not([hidden])').count()).toBe(pilot.loops.length);
    });

    it('draws the lit part alone, legible in a narrow preview, and the diagram as before when asked again or on leaving', async () => {
        const { page, send, posted } = await tracedSeed({ width: 640, height: 900 });
        const setViews = async (): Promise<unknown[]> => (await posted()).filter(message => message.type === 'setView');
        const target = pilot.targets.findIndex(t => t.target === 'slachtoffers');
        const shown = pilot.targets[target].paths[0];
        await page.click(`#trace-body button[data-path="${target}:0"]`);
        expect(await page.getAttribute('#trace-alone', 'aria-pressed')).toBe('false');

        await page.click('#trace-alone');
        const pathAlone = { factors: [...shown.nodes].sort(), flow: true };
        // Packed for the room beside the trace panel, where it is seen, not for the whole panel's shape.
        const beside = await page.evaluate(() => {
            const { width, height } = document.getElementById('viewport')!.getBoundingClientRect();
            const whole = document.getElementById('workspace')!.getBoundingClientRect();
            return { viewport: width / height, workspace: whole.width / whole.height };
        });
        expect(beside.viewport).toBeLessThan(beside.workspace * 0.8);
        expect((await setViews()).at(-1)).toEqual({ type: 'setView', view: pathAlone, aspectRatio: beside.viewport });
        expect(await page.getAttribute('#trace-alone', 'aria-pressed')).toBe('true');
        // Under the mouse that pressed it, it looks pressed, not like a disabled button.
        expect(await page.$eval('#trace-alone', button => {
            const probe = document.body.appendChild(document.createElement('div'));
            probe.style.background = 'var(--pressed-bg)';
            const pressed = getComputedStyle(probe).backgroundColor;
            probe.remove();
            return getComputedStyle(button).backgroundColor === pressed;
        })).toBe(true);
        await send(render(await seed.diagram(2, pathAlone, { aspectRatio: beside.viewport }), pathAlone));
        await waitForNodes(page, shown.nodes.length);
        const marks = await traceMarks(page);
        expect(marks.litNodes).toEqual(pathAlone.factors);
        expect(marks.dimNodes).toEqual([]);
        expect((await shownZoom(page)).scale).toBeGreaterThanOrEqual(legibleScale);
        expect(await page.textContent('#view-description')).toMatch(/^Only what the trace lights up — \d+ factors/);
        await page.screenshot({ path: path.join(artifacts, 'trace-alone-narrow.png') });

        // Another path, or all of them: drawn alone in turn.
        await page.click('#trace-all');
        const allAlone = { factors: [...lightingOf(pilot, { kind: 'all' }).nodes].sort(), flow: true };
        expect((await setViews()).at(-1)).toEqual({ type: 'setView', view: allAlone, aspectRatio: beside.viewport });
        await send(render(await seed.diagram(3, allAlone, { aspectRatio: beside.viewport }), allAlone));
        await waitForNodes(page, allAlone.factors.length);
        expect(allAlone.factors.length).toBeLessThan(seed.graph.factors.length);

        // Pressed again: the view before, in trace mode still.
        await page.click('#trace-alone');
        expect((await setViews()).at(-1)).toEqual({ type: 'setView', view: {} });
        expect(await page.getAttribute('#trace-alone', 'aria-pressed')).toBe('false');
        await send(render(await seed.diagram(4)));
        await waitForNodes(page, seed.graph.factors.length);
        expect(await page.isVisible('#trace-panel')).toBe(true);

        // Leaving trace mode while alone goes back to the view the trace was drawn alone from.
        await page.selectOption('#category-select', 'hulpverlening');
        const category = { category: 'hulpverlening' };
        await send(render(await seed.diagram(5, category), category));
        await page.click('#trace-alone');
        expect((await setViews()).at(-1)).toMatchObject({ type: 'setView', view: allAlone });
        await page.click('#trace-leave');
        expect((await setViews()).at(-1)).toEqual({ type: 'setView', view: category });
        expect((await posted()).at(-1)).toEqual({ type: 'clearTrace' });
    });

    it('shows a loop the host sends alone, inside a trace and without one', async () => {
        const { page, send } = await tracedSeed();
        // A loop far down the list: picking it from outside brings it into the panel's view.
        const loop = pilot.loops[pilot.loops.length - 1];
        await send({ type: 'showLoop', uri: seed.uri, relations: [...loop.relations].reverse(), nodes: loop.nodes });
        await page.waitForSelector(`#trace-body button.trace-loop[data-loop="${loop.id}"][aria-pressed="true"]`);
        expect(pilot.loops.indexOf(loop)).toBeGreaterThanOrEqual(0);
        expect((await traceMarks(page)).litRelations).toEqual([...loop.relations].sort((a, b) => a - b));
        await page.close();

        const alone = await open();
        await alone.send(render(seedDiagram));
        await waitForNodes(alone.page, seed.graph.factors.length);
        await alone.send({ type: 'showLoop', uri: 'file:///elsewhere.marvel', relations: loop.relations, nodes: loop.nodes });
        await alone.page.waitForTimeout(100);
        expect((await traceMarks(alone.page)).traceMode).toBe(false);
        await alone.send({ type: 'showLoop', uri: seed.uri, relations: loop.relations, nodes: loop.nodes });
        await alone.page.waitForSelector('#trace-panel:not([hidden])');
        const marks = await traceMarks(alone.page);
        expect(marks.litRelations).toEqual([...loop.relations].sort((a, b) => a - b));
        expect(marks.litNodes).toEqual([...loop.nodes].sort());
        expect(await alone.page.textContent('#trace-title')).toBe('one feedback loop');
        const labels = [...loop.nodes, loop.nodes[0]].map(id => seed.graph.labelOf(id));
        expect(await alone.page.textContent('#trace-body .trace-loop-alone')).toBe(labels.join(' \u2192 '));
        expect(await alone.page.textContent('#trace-body .trace-heading')).toBe(loop.kind === 'reinforcing' ? 'Reinforcing loop' : 'Balancing loop');
        await alone.page.focus('#viewport');
        await alone.page.keyboard.press('Escape');
        expect((await alone.posted()).at(-1)).toEqual({ type: 'clearTrace' });
        expect((await traceMarks(alone.page)).traceMode).toBe(false);
    });

    it('draws the traced factors however far out it is zoomed: their boxes, never the categories alone', async () => {
        const { page, send } = await tracedSeed({ width: 640, height: 700 });
        // All of the pilot's paths drawn alone: a part of the model, which has no overview to fall back on.
        const allAlone = { factors: [...lightingOf(pilot, { kind: 'all' }).nodes].sort(), flow: true };
        await send(render(await seed.diagram(2, allAlone), allAlone));
        await waitForNodes(page, allAlone.factors.length);
        await page.focus('#viewport');
        for (let step = 0; step < 12 && (await shownZoom(page)).scale >= boxesScale / 2; step++) {
            await page.keyboard.press('-');
        }
        expect((await shownZoom(page)).scale).toBeLessThan(boxesScale);
        await page.waitForTimeout(300);
        expect(await page.evaluate(() => document.getElementById('viewport')!.dataset.detail)).toBe('boxes');
        expect(await page.evaluate(() => getComputedStyle(document.querySelector('#stage .marvel-nodes')!).display)).not.toBe('none');
        expect((await traceMarks(page)).traceMode).toBe(true);
    });

    it('traces an intervention on Alt and click, and the selected one with "Trace selected"', async () => {
        const { page, send, posted } = await open();
        await send(render(seedDiagram));
        await waitForNodes(page, seed.graph.factors.length);
        expect(await page.isDisabled('#trace-this')).toBe(true);
        expect(await page.getAttribute('#trace-this', 'title')).toMatch(/^Click an intervention in the diagram/);

        // The seed model opens as its overview: its factors are clicked once zoomed in.
        await bringIntoView(preview!, seed.uri, 'pilotGemeente');
        await clickCentre(page, '#stage g.marvel-node[data-id="pilotGemeente"] > rect', ['Alt']);
        expect((await posted()).at(-1)).toEqual({ type: 'trace', from: 'pilotGemeente' });
        expect((await posted()).filter(m => m.type === 'reveal')).toEqual([]);

        const other = seed.graph.factors.find(f => f.role === 'intervention' && f.id !== 'pilotGemeente')!;
        await bringIntoView(preview!, seed.uri, other.id);
        await clickCentre(page, `#stage g.marvel-node[data-id="${other.id}"] > rect`);
        expect((await posted()).at(-1)?.type).toBe('reveal');
        expect(await page.isDisabled('#trace-this')).toBe(false);
        expect(await page.getAttribute('#trace-this', 'title')).toMatch(/^Trace the selected intervention/);
        await page.click('#trace-this');
        expect((await posted()).at(-1)).toEqual({ type: 'trace', from: other.id });

        // Alt and a click on a factor that is not an intervention is an ordinary click.
        await bringIntoView(preview!, seed.uri, 'slachtoffers');
        await clickCentre(page, '#stage g.marvel-node[data-id="slachtoffers"] > rect:first-of-type', ['Alt']);
        expect((await posted()).at(-1)?.type).toBe('reveal');
        expect(await page.isDisabled('#trace-this')).toBe(true);
    });

    it('leaves trace mode on Escape, "Leave trace", "no trace" and the host\'s clearTrace', async () => {
        const { page, send, posted, savedState } = await tracedSeed();
        const expectNormal = async (): Promise<void> => {
            const marks = await traceMarks(page);
            expect(marks).toMatchObject({ traceMode: false, litRelations: [], dimRelations: [], litNodes: [], dimNodes: [], origin: [] });
            expect(await page.locator('#stage .trace-on, #stage .trace-dim, #stage [class*="verdict-"]').count()).toBe(0);
            expect(await page.isHidden('#trace-panel')).toBe(true);
            expect(await page.isHidden('#trace-legend')).toBe(true);
            expect(await page.inputValue('#trace-select')).toBe('');
            expect((await savedState())?.trace).toBeUndefined();
        };

        await page.focus('#viewport');
        await page.keyboard.press('Escape');
        expect((await posted()).at(-1)).toEqual({ type: 'clearTrace' });
        await expectNormal();
        await page.screenshot({ path: path.join(artifacts, 'trace-left.png') });

        await send({ type: 'trace', trace: pilot });
        await page.waitForSelector('#trace-panel:not([hidden])');
        await page.click('#trace-leave');
        expect((await posted()).at(-1)).toEqual({ type: 'clearTrace' });
        await expectNormal();

        await send({ type: 'trace', trace: pilot });
        await page.waitForSelector('#trace-panel:not([hidden])');
        await page.selectOption('#trace-select', '');
        expect((await posted()).at(-1)).toEqual({ type: 'clearTrace' });
        await expectNormal();

        // Arrow keys move through the list: the intervention it rests on is traced, not every one passed.
        const options = await page.locator('#trace-select option').evaluateAll(elements => elements.map(o => (o as HTMLOptionElement).value));
        const sent = (await posted()).length;
        await page.focus('#trace-select');
        for (let step = 0; step < 3; step++) {
            await page.keyboard.press('ArrowDown');
        }
        await expect.poll(async () => (await posted()).slice(sent).filter(m => m.type === 'trace'), { timeout: 5_000 }).toEqual([{ type: 'trace', from: options[3] }]);
        await page.waitForTimeout(600);
        expect((await posted()).slice(sent).filter(m => m.type === 'trace')).toHaveLength(1);
        await page.selectOption('#trace-select', '');

        // The host's clearTrace needs no answer.
        await send({ type: 'trace', trace: pilot });
        await page.waitForSelector('#trace-panel:not([hidden])');
        const before = (await posted()).length;
        await send({ type: 'clearTrace' });
        await page.waitForSelector('#trace-panel', { state: 'hidden' });
        await expectNormal();
        expect((await posted()).length).toBe(before);

        // Escape from the panel too, after clicking in it.
        await send({ type: 'trace', trace: pilot });
        await page.waitForSelector('#trace-panel:not([hidden])');
        await page.click('#trace-body button[data-path="0:0"]');
        await page.keyboard.press('Escape');
        expect((await posted()).at(-1)).toEqual({ type: 'clearTrace' });
        await expectNormal();
    });

    it('keeps trace mode across re-renders, waits for a fresh trace after an edit, ends it for another document', async () => {
        const { page, send, posted } = await tracedSeed();
        await send(render({ ...seedDiagram, version: 2 }));
        await page.waitForFunction(() => document.querySelectorAll('#stage g.marvel-node').length > 0);
        expect((await traceMarks(page)).litRelations).toEqual(verdictRelations(pilot));

        // An edit that shifts every relation index after the first: the old trace would light the wrong arrows.
        const files = folderFiles(seedFolder);
        const first = seed.graph.relations[0];
        const file = path.basename(new URL(first.location.uri).pathname);
        const lines = files[file].split('\n');
        lines.splice(first.location.range.start.line, 0, `    ${first.source} -> -${first.target}`);
        const edited = await previewModel({ ...files, [file]: lines.join('\n') }, 'mensenhandel.marvel');
        expect(edited.graph.relations.length).toBe(seed.graph.relations.length + 1);
        const editedDiagram = { ...(await edited.diagram(3)), uri: seed.uri };
        await send(render(editedDiagram));
        await page.waitForFunction(n => document.querySelectorAll('#stage g.marvel-edge').length === n, edited.graph.relations.length);
        expect(await traceMarks(page)).toMatchObject({ traceMode: false, litRelations: [], dimRelations: [] });
        expect(await page.textContent('#trace-note')).toBe('The model changed; the trace is being updated.');
        expect(await page.isHidden('#trace-panel')).toBe(false);

        const fresh = { ...edited.trace('pilotGemeente'), uri: seed.uri };
        await send({ type: 'trace', trace: fresh });
        await page.waitForSelector('#trace-note', { state: 'hidden' });
        expect((await traceMarks(page)).litRelations).toEqual(verdictRelations(fresh));

        // Another document (the preview follows the editor): its diagram comes without the trace, and the host is told.
        const other = await previewModel(folderFiles(path.join(projectRoot, 'examples')), 'quickstart.marvel');
        await send(render(await other.diagram(1)));
        await waitForNodes(page, other.graph.factors.length);
        expect((await posted()).at(-1)).toEqual({ type: 'clearTrace' });
        expect((await traceMarks(page)).traceMode).toBe(false);
        expect(await page.isHidden('#trace-panel')).toBe(true);
        // A late trace of the old document is dropped.
        await send({ type: 'trace', trace: pilot });
        await page.waitForTimeout(100);
        expect(await page.isHidden('#trace-panel')).toBe(true);
    });

    it('leaves what is on screen where it is when a trace is left while zoomed in', async () => {
        const { page, send } = await open();
        await send(render(seedDiagram));
        await waitForNodes(page, seed.graph.factors.length);
        // Zoomed in before the trace: a view fitted before it is fitted again after it.
        await showFullView(page);
        await send({ type: 'trace', trace: pilot });
        await page.waitForSelector('#trace-panel:not([hidden])');
        await page.waitForTimeout(200);
        const [inView] = await factorsInView(page);
        expect(inView).toBeDefined();
        const factor = page.locator(`#stage g.marvel-node[data-id="${inView}"]`);
        const before = (await factor.boundingBox())!;
        await page.keyboard.press('Escape');
        await page.waitForSelector('#trace-panel', { state: 'hidden' });
        await page.waitForTimeout(200);
        // The room beside the panel widened and the view kept its middle: the factor slid half the panel's width.
        const after = (await factor.boundingBox())!;
        expect(Math.abs(after.x - before.x)).toBeLessThan(1);
        expect(Math.abs(after.y - before.y)).toBeLessThan(1);
    });

    it('comes back after a reload where the user left the view, not on the lit paths of the restored trace', async () => {
        const lit = lightingOf(pilot, { kind: 'all' }).nodes;
        // A factor the trace does not light, read at 100 %: the view the user left.
        const unlit = seedDiagram.scene!.nodes.find(node => !lit.has(node.id))!;
        const viewCentre = { scale: 1, x: unlit.x + unlit.width / 2, y: unlit.y + unlit.height / 2 };
        const { page, send } = await open({ savedState: { uri: seed.uri, view: {}, locked: false, trace: 'pilotGemeente', viewCentre } });
        await send(render(seedDiagram));
        await waitForNodes(page, seed.graph.factors.length);
        expect(await isInViewport(page, unlit.id)).toBe(true);
        const restored = await shownZoom(page);
        await send({ type: 'trace', trace: pilot });
        await page.waitForSelector('#trace-panel:not([hidden])');
        await page.waitForTimeout(300);
        // The restored trace zoomed out to all its lit paths, away from where the user was.
        expect((await shownZoom(page)).scale).toBeCloseTo(restored.scale, 4);
        expect(await isInViewport(page, unlit.id)).toBe(true);
    });

    it('asks for the saved trace again after a reload, and shows a trace\'s problem in the banner', async () => {
        const { page, send, posted } = await open({ savedState: { uri: seed.uri, view: {}, locked: false, trace: 'pilotGemeente' } });
        await send(render(seedDiagram));
        await waitForNodes(page, seed.graph.factors.length);
        expect((await posted()).filter(m => m.type === 'trace')).toEqual([{ type: 'trace', from: 'pilotGemeente' }]);
        await send({ type: 'trace', trace: pilot });
        await page.waitForSelector('#trace-panel:not([hidden])');
        await send(render({ ...seedDiagram, version: 2 }));
        await page.waitForTimeout(100);
        expect((await posted()).filter(m => m.type === 'trace').length).toBe(1);

        const problem = 'Syntax error in beleid.marvel at line 3: the trace shows the last version that parsed.';
        await send({ type: 'trace', trace: { ...pilot, problem } });
        await page.waitForSelector('#banner:not([hidden])');
        expect(await page.textContent('#banner')).toBe(problem);
        await send({ type: 'trace', trace: pilot });
        await page.waitForSelector('#banner', { state: 'hidden' });
        await send({ type: 'trace', trace: { uri: seed.uri, files: [seed.uri], from: 'nope', fromLabel: 'nope', targets: [], pathBounds: pilot.pathBounds, loops: [], relationVerdicts: {}, problem: 'No factor \u201cnope\u201d in this model.' } });
        await page.waitForSelector('#banner:not([hidden])');
        expect(await page.textContent('#banner')).toBe('No factor \u201cnope\u201d in this model.');
        await page.click('#trace-leave');
        await page.waitForSelector('#banner', { state: 'hidden' });

        // A malformed trace is refused whole.
        await send({ type: 'trace', trace: { ...pilot, targets: [{ label: 1 }] } as unknown as TraceView });
        await page.waitForTimeout(100);
        expect(await page.isHidden('#trace-panel')).toBe(true);
    });

    it('shows hostile labels in readings as text and runs none of them', async () => {
        const hostile = await previewModel(folderFiles(path.join(projectRoot, 'test', 'fixtures')), 'hostile.marvel');
        const trace = hostile.trace('a');
        expect(trace.fromLabel).toContain('<img');
        const { page, send } = await open({ theme: 'vscode-dark' });
        await send(render(await hostile.diagram(1)));
        await waitForNodes(page, 3);
        await send({ type: 'trace', trace: { ...trace, problem: `${trace.fromLabel} problem` } });
        await page.waitForSelector('#trace-panel:not([hidden])');
        await page.waitForTimeout(200);
        const seen = await page.evaluate(() => ({
            pwned: (window as unknown as { __pwned?: unknown }).__pwned,
            images: document.querySelectorAll('img').length,
            scripts: document.querySelectorAll('script').length,
            bold: document.querySelectorAll('b').length,
            title: document.getElementById('trace-title')?.textContent,
            labels: [...document.querySelectorAll('#trace-body .trace-kpi-label')].map(l => l.textContent),
            readings: [...document.querySelectorAll('#trace-body .trace-reading')].map(r => r.textContent),
            banner: document.getElementById('banner')?.textContent
        }));
        expect(seen.pwned).toBeUndefined();
        expect(seen.images).toBe(0);
        expect(seen.scripts).toBe(1);
        expect(seen.bold).toBe(0);
        expect(seen.title).toBe(`${trace.fromLabel} \u2191`);
        expect(seen.labels).toEqual(trace.targets.map(t => t.label));
        expect(seen.labels[0]).toContain('<b>bold</b>');
        const readings = trace.targets.flatMap(t => t.paths.map(p => p.reading));
        expect(readings.length).toBeGreaterThan(0);
        expect(seen.readings).toEqual(readings);
        expect(readings.some(r => r.includes('<img src=x onerror=window.__pwned=1>'))).toBe(true);
        expect(seen.banner).toBe(`${trace.fromLabel} problem`);
        expect(await page.evaluate(() => (document.getElementById('trace-select') as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe(trace.fromLabel);
        expect((await traceMarks(page)).origin).toEqual(['a']);
        expect(await preview!.violations()).toEqual([]);
        await page.screenshot({ path: path.join(artifacts, 'trace-hostile-dark.png') });
    });

    it('collapses and resizes the panel without losing the trace', async () => {
        const { page } = await tracedSeed({ width: 1000, height: 700 });
        const width = async (): Promise<number> => (await page.locator('#trace-panel').boundingBox())!.width;
        const start = await width();
        const handle = (await page.locator('#trace-resizer').boundingBox())!;
        await page.mouse.move(handle.x + handle.width / 2, handle.y + 100);
        await page.mouse.down();
        await page.mouse.move(handle.x - 120, handle.y + 100, { steps: 4 });
        await page.mouse.up();
        expect(await width()).toBeCloseTo(start + 120 + handle.width / 2, -1);

        await page.click('#trace-collapse');
        expect(await page.getAttribute('#trace-collapse', 'aria-expanded')).toBe('false');
        expect(await width()).toBeLessThan(60);
        expect(await page.isHidden('#trace-body')).toBe(true);
        expect((await traceMarks(page)).litRelations).toEqual(verdictRelations(pilot));
        await page.screenshot({ path: path.join(artifacts, 'trace-collapsed-light.png') });
        await page.click('#trace-collapse');
        expect(await page.isVisible('#trace-body')).toBe(true);
    });

    it('exports the picture it shows: the traced paths in their verdict colours, the rest faded', async () => {
        const { page, posted } = await tracedSeed();
        await page.click('#export-svg');
        const message = (await posted()).at(-1);
        const svg = message?.type === 'export' ? message.data : '';
        const lit = [...svg.matchAll(/<g class="marvel-edge [^"]*trace-lit[^"]*" data-relation="(\d+)"/g)].map(m => Number(m[1])).sort((a, b) => a - b);
        expect(lit).toEqual(verdictRelations(pilot));
        for (const [relation, verdict] of Object.entries(pilot.relationVerdicts)) {
            // Up to the end of the relation's group; a note may span lines.
            expect(svg).toMatch(new RegExp(`data-relation="${relation}"[^>]*>(?:(?!</g>)[\\s\\S])*stroke="${palettes.light.verdict[verdict]}"`));
        }
        expect(svg).toContain(`data-id="pilotGemeente">`);
        expect(svg).toMatch(/class="marvel-trace-origin"/);
        expect(svg).toContain(`opacity="${palettes.light.dimmedOpacity}"`);
        expect(svg).toContain('class="marvel-legend marvel-trace-legend"');

        await page.keyboard.press('Escape');
        await page.waitForSelector('#trace-panel', { state: 'hidden' });
        await page.click('#export-svg');
        const plain = (await posted()).at(-1);
        expect(plain?.type === 'export' ? plain.data : '').not.toContain('trace-lit');
    });
});
