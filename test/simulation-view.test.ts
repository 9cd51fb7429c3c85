import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { simulationHtml } from '../client/simulation-webview/simulation-html.js';
import { appendedBlock, scenarioBlock } from '../language/analysis/dynamics/scenario-text.js';
import { simulate, simulateSettings } from '../language/analysis/dynamics/simulate.js';
import type { ModelGraph } from '../language/analysis/model-graph.js';
import { MarvelFormatter } from '../language/lsp/marvel-formatter.js';
import { createMarvelServices } from '../language/marvel-module.js';
import { EmptyFileSystem } from 'langium';
import type { InterventionSetting } from '../language/analysis/dynamics/simulate.js';
import { repositoryRoot } from './support/example-files.js';
import { folderFiles } from './support/preview-diagrams.js';
import { seedFolder, seedGraph, seedMain } from './support/seed-model.js';
import type { SimulationViewState } from '../client/simulation/messages.js';
import type { SimulationPage } from './support/simulation-page.js';
import { openSimulationPage } from './support/simulation-page.js';
import { chromiumPresent, launchChromium } from './support/webview-harness.js';
import { createWorkspace } from './support/workspace.js';

const artifacts = path.join(repositoryRoot, 'test-artifacts', 'simulation');

describe('simulationHtml', () => {
    it('allows only the webview origin and the nonce, like the preview', () => {
        const html = simulationHtml({ cspSource: 'https://x.vscode-cdn.net', nonce: 'abc123', scriptUri: 'https://x.vscode-cdn.net/out/simulation.js', styleUri: 'https://x.vscode-cdn.net/out/simulation.css' });
        const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1].replace(/&#39;/g, "'");
        expect(csp).toBe("default-src 'none'; img-src https://x.vscode-cdn.net data: blob:; style-src https://x.vscode-cdn.net 'nonce-abc123'; script-src 'nonce-abc123'; font-src https://x.vscode-cdn.net");
        expect(html).not.toMatch(/\son[a-z]+=/i);
        expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script nonce="abc123" src="https://x.vscode-cdn.net/out/simulation.js">']);
    });
});

describe('saving a what-if as a scenario', () => {
    it('writes a block the formatter leaves alone, which simulates to the what-if\'s curves', async () => {
        const files = folderFiles(seedFolder);
        const graph = await seedGraph();
        const settings: InterventionSetting[] = [{ factor: 'pilotGemeente', target: 0.65, over: 2.5 }, { factor: 'verstevigenRiec', target: 0.9, over: 1 }];
        const block = scenarioBlock(graph, settings, 'What-if: "pilot" and RIEC');
        expect(block.id).toBe('whatIf');
        expect(block.text).toBe('scenario whatIf "What-if: pilot and RIEC" {\n    set pilotGemeente to 0.65 over 2.5\n    set verstevigenRiec to 0.9 over 1\n}\n');
        const text = files[seedMain] + appendedBlock(files[seedMain], block.text);
        expect(new MarvelFormatter(createMarvelServices(EmptyFileSystem).Marvel).formatText(text)).toBe(text);
        const saved = await graphOf({ ...files, [seedMain]: text });
        expect(scenarioBlock(saved, settings, 'again').id).toBe('whatIf2');
        expect(simulate(saved, ['whatIf']).series).toEqual(simulateSettings(graph, settings).series);
    });
});

async function graphOf(files: Record<string, string>): Promise<ModelGraph> {
    const workspace = await createWorkspace(files);
    return workspace.services.workspace.ModelProvider.getModel(workspace.documents[seedMain]).graph;
}

describe.skipIf(!chromiumPresent('the Simulation view tests'))('Simulation view in Chromium', () => {
    let browser: Browser;
    let graph: ModelGraph;
    let view: SimulationPage | undefined;

    beforeAll(async () => {
        mkdirSync(artifacts, { recursive: true });
        browser = await launchChromium();
        graph = await seedGraph();
    }, 120_000);

    afterAll(async () => {
        await browser?.close();
    });

    afterEach(async () => {
        await view?.page.close();
        view = undefined;
    });

    async function open(savedState?: SimulationViewState, width?: number): Promise<SimulationPage> {
        view = await openSimulationPage(browser, repositoryRoot, savedState, width);
        await view.send({ type: 'model', model: { uri: 'file:///seed/mensenhandel.marvel', version: 1, graph: graph.data }, fileName: seedMain });
        await view.page.waitForSelector('svg.marvel-chart');
        return view;
    }

    /** The `d` of a run's curve in a factor's panel, or null when it is not drawn. */
    function curve(page: SimulationPage, run: string, factor: string): Promise<string | null> {
        return page.page.evaluate(([r, f]) => document.querySelector(`path.chart-series[data-run="${r}"][data-factor="${f}"]`)?.getAttribute('d') ?? null, [run, factor]);
    }

    async function moveSlider(page: SimulationPage, name: string, value: number): Promise<void> {
        await page.page.evaluate(([n, v]) => {
            const input = document.querySelector<HTMLInputElement>(`input[name="${n}"]`)!;
            input.value = String(v);
            input.dispatchEvent(new Event('input', { bubbles: true }));
        }, [name, value] as const);
    }

    /** The curves the view shows, as its CSV export holds them: column name → values. */
    async function exportedCsv(page: SimulationPage): Promise<Map<string, number[]>> {
        const before = (await page.posted()).length;
        await page.page.click('#export-csv');
        await page.page.waitForFunction(count => (window as unknown as { __posted: unknown[] }).__posted.length > count, before);
        const message = (await page.posted()).at(-1)!;
        expect(message).toMatchObject({ type: 'export', format: 'csv' });
        const [header, ...rows] = (message as { data: string }).data.trimEnd().split('\n');
        const names = header.split(',');
        return new Map(names.map((name, column) => [name, rows.map(row => Number(row.split(',')[column]))]));
    }

    it('draws each KPI with the resting model as baseline and a chosen scenario, as simulate computes them, within its policy', async () => {
        const page = await open();
        expect(await page.page.$$eval('g.chart-panel', panels => panels.map(p => p.getAttribute('data-factor')))).toEqual(['slachtoffers', 'inBeeld']);
        expect(await curve(page, 'rest', 'slachtoffers')).not.toBeNull();
        await page.page.check('#scenario-list input[value="pilot"]');
        await page.page.waitForSelector('path.chart-series[data-run="pilot"]');
        const csv = await exportedCsv(page);
        expect(csv.get('pilot:slachtoffers')).toEqual(simulate(graph, ['pilot']).series.get('slachtoffers')!.map(v => Number(v.toPrecision(9))));
        expect(await page.page.textContent('g.chart-panel[data-factor="slachtoffers"] .chart-panel-subtitle')).toBe('KPI, should decrease');
        expect(await page.violations()).toEqual([]);
        await page.page.screenshot({ path: path.join(artifacts, 'simulation-view.png') });
    });

    it('opens beside the editor at its chart, above the controls, not scrolled to the controls\' end', async () => {
        const page = await open(undefined, 600);
        const layout = await page.page.evaluate(() => ({
            chartTop: document.querySelector('svg.marvel-chart')!.getBoundingClientRect().top,
            controlsTop: document.querySelector('.controls')!.getBoundingClientRect().top,
            shown: window.innerHeight
        }));
        expect(layout.chartTop).toBeGreaterThanOrEqual(0);
        expect(layout.chartTop).toBeLessThan(layout.shown);
        expect(layout.chartTop).toBeLessThan(layout.controlsTop);
    });

    it('moves the what-if curves with a slider, and saves exactly the settings it shows', async () => {
        const page = await open();
        expect(await curve(page, 'what-if', 'slachtoffers')).toBeNull();
        // Each slider says what it sets.
        expect(await page.page.getAttribute('label.slider-row:has(input[name="over-pilotGemeente"])', 'title')).toMatch(/^The adjustment time: how long Pilot .* takes to reach its level, in the model's time unit$/);
        await moveSlider(page, 'level-pilotGemeente', 0.9);
        const first = await curve(page, 'what-if', 'slachtoffers');
        expect(first).not.toBeNull();
        await moveSlider(page, 'over-pilotGemeente', 3);
        const second = await curve(page, 'what-if', 'slachtoffers');
        expect(second).not.toBe(first);
        await page.page.click('#save-scenario');
        const saved = (await page.posted()).find(message => message.type === 'saveScenario');
        expect(saved).toEqual({ type: 'saveScenario', settings: [{ factor: 'pilotGemeente', target: 0.9, over: 3 }] });
        const csv = await exportedCsv(page);
        const expected = simulateSettings(graph, [{ factor: 'pilotGemeente', target: 0.9, over: 3 }]).series.get('inBeeld')!;
        expect(csv.get('what-if:inBeeld')).toEqual(expected.map(v => Number(v.toPrecision(9))));
        // Saved, then undone in the editor: the notice goes with the scenario.
        const files = folderFiles(seedFolder);
        const block = scenarioBlock(graph, [{ factor: 'pilotGemeente', target: 0.9, over: 3 }], 'What-if');
        const withScenario = await graphOf({ ...files, [seedMain]: files[seedMain] + appendedBlock(files[seedMain], block.text) });
        await page.send({ type: 'saved', scenario: block.id });
        await page.send({ type: 'model', model: { uri: 'file:///seed/mensenhandel.marvel', version: 2, graph: withScenario.data }, fileName: seedMain });
        expect(await page.page.textContent('#status')).toBe("Saved as scenario 'whatIf'");
        await page.send({ type: 'model', model: { uri: 'file:///seed/mensenhandel.marvel', version: 3, graph: graph.data }, fileName: seedMain });
        await page.page.waitForFunction(() => document.getElementById('status')!.textContent === '');
    });

    it('reads values under the mouse, adds a factor\'s curve, draws bands, and exports SVG and PNG files', async () => {
        const page = await open();
        await page.page.check('#scenario-list input[value="pilot"]');
        await page.page.selectOption('#factor-picker', 'pakkans');
        await page.page.waitForSelector('g.chart-panel[data-factor="pakkans"]');
        await page.page.check('#samples');
        await page.page.waitForSelector('path.chart-band[data-run="pilot"]');
        expect(await page.page.textContent('.chart-reading')).toMatch(/; bands: 5–95 % of the robustness samples$/);
        const plot = (await page.page.$('g.chart-panel[data-factor="slachtoffers"] rect.chart-plot'))!;
        const box = (await plot.boundingBox())!;
        await page.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await page.page.waitForSelector('#hover-box:not([hidden])');
        expect(await page.page.textContent('#hover-box')).toMatch(/^Aantal slachtoffers mensenhandel, t = 5Resting model: 0\.5Pilot mensenhandelvrije gemeente: 0\.\d+/);
        await page.page.screenshot({ path: path.join(artifacts, 'simulation-view-hover.png') });
        // Beside the editor, near the right end, the box turns to the left of the rule, whole within the view.
        const narrow = await open(undefined, 780);
        await narrow.page.check('#scenario-list input[value="pilot"]');
        const narrowPlot = (await (await narrow.page.$('g.chart-panel[data-factor="slachtoffers"] rect.chart-plot'))!.boundingBox())!;
        await narrow.page.mouse.move(narrowPlot.x + narrowPlot.width - 2, narrowPlot.y + narrowPlot.height / 2);
        await narrow.page.waitForFunction(() => document.getElementById('hover-box')!.textContent!.includes('t = 10'));
        const placed = await narrow.page.evaluate(() => {
            const column = document.getElementById('chart')!.parentElement!;
            return {
                box: document.getElementById('hover-box')!.getBoundingClientRect().right,
                rule: document.getElementById('hover-rule')!.getBoundingClientRect().left,
                visible: column.getBoundingClientRect().left + column.clientWidth,
                scrolls: column.scrollWidth > column.clientWidth
            };
        });
        expect(placed.box).toBeLessThanOrEqual(placed.rule);
        expect(placed.box).toBeLessThanOrEqual(placed.visible);
        expect(placed.scrolls).toBe(false);
        await narrow.page.close();
        for (const format of ['svg', 'png'] as const) {
            const before = (await page.posted()).length;
            await page.page.click(`#export-${format}`);
            await page.page.waitForFunction(count => (window as unknown as { __posted: unknown[] }).__posted.length > count, before);
            const message = (await page.posted()).at(-1) as { type: string; format: string; data: string };
            expect(message).toMatchObject({ type: 'export', format });
            const file = path.join(artifacts, `exported.${format}`);
            writeFileSync(file, format === 'svg' ? message.data : Buffer.from(message.data.replace(/^data:image\/png;base64,/, ''), 'base64'));
            if (format === 'svg') {
                expect(message.data).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="marvel-chart"/);
                expect(message.data).toContain('class="chart-band"');
            } else {
                expect(message.data).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
            }
        }
    });

    it('says what to do for a model without KPIs, and draws an added factor', async () => {
        view = await openSimulationPage(browser, repositoryRoot);
        const plain = await graphOf({ [seedMain]: 'intervention a "A"\nfactor b "B"\na -> +b\n' });
        await view.send({ type: 'model', model: { uri: 'file:///plain.marvel', version: 1, graph: plain.data }, fileName: seedMain });
        await view.page.waitForSelector('#chart .empty');
        expect(await view.page.textContent('#chart')).toBe('The model declares no KPI: add a factor\'s curve with Add curve.');
        await view.page.selectOption('#factor-picker', 'b');
        await view.page.waitForSelector('g.chart-panel[data-factor="b"]');
    });

    it('saves its choices on every change and comes back with them after a window reload', async () => {
        const page = await open();
        await page.page.check('#scenario-list input[value="pilot"]');
        await page.page.selectOption('#factor-picker', 'pakkans');
        await moveSlider(page, 'level-verstevigenRiec', 0.9);
        await page.page.check('#samples');
        await page.page.waitForSelector('path.chart-band[data-run="pilot"]');
        const saved = await page.savedState();
        expect(saved).toEqual({
            uri: 'file:///seed/mensenhandel.marvel', scenarios: ['pilot'], factors: ['pakkans'],
            whatIf: [{ factor: 'verstevigenRiec', target: 0.9, over: 1 }], bands: true
        });
        const whatIf = await curve(page, 'what-if', 'slachtoffers');
        await page.page.close();

        const reloaded = await open(saved);
        expect(await reloaded.page.isChecked('#scenario-list input[value="pilot"]')).toBe(true);
        expect(await reloaded.page.isChecked('#samples')).toBe(true);
        await reloaded.page.waitForSelector('g.chart-panel[data-factor="pakkans"]');
        await reloaded.page.waitForSelector('path.chart-band[data-run="pilot"]');
        expect(await curve(reloaded, 'what-if', 'slachtoffers')).toBe(whatIf);
        expect(await reloaded.page.$$eval('.slider.is-set', sliders => sliders.map(s => s.getAttribute('data-factor')))).toEqual(['verstevigenRiec']);
        expect(await reloaded.savedState()).toEqual(saved);
    });

    it('shows the intervention matrix, sortable, and opens a row\'s curves', async () => {
        const page = await open(undefined, 780);
        await page.page.click('#tab-matrix');
        await page.page.waitForSelector('#matrix-table tbody tr');
        // The runs and what-if controls are the curves': the matrix gets their room, its first KPI's numbers in view.
        expect(await page.page.isHidden('#runs')).toBe(true);
        const effect = (await page.page.locator('#matrix-table tbody tr:first-child td:nth-child(2)').boundingBox())!;
        expect(effect.x + effect.width).toBeLessThanOrEqual(780);
        const rows = await page.page.$$eval('#matrix-table tbody tr', trs => trs.map(tr => tr.getAttribute('data-units')));
        const count = graph.interventions().length;
        expect(rows).toHaveLength(count + count * (count - 1) / 2);
        // Sorted by the first KPI's effect, best first: the pilot with RIEC lowers the victims most.
        expect(rows[0]).toBe('pilotGemeente+verstevigenRiec');
        await page.page.click('#matrix-table tbody tr:first-child');
        await page.page.waitForSelector('path.chart-series[data-run="what-if"]');
        expect(await page.page.isVisible('#curves')).toBe(true);
        expect(await page.page.isVisible('#runs')).toBe(true);
        expect(await page.page.$$eval('.slider.is-set', sliders => sliders.map(s => s.getAttribute('data-factor')))).toEqual(['verstevigenRiec', 'pilotGemeente'].filter(id => graph.interventions().some(f => f.id === id)).sort((a, b) => graph.interventions().findIndex(f => f.id === a) - graph.interventions().findIndex(f => f.id === b)));
    });
});
