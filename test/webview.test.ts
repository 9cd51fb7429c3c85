import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { palettes } from '../language/diagram/diagram-style.js';
import type { SourceRange } from '../language/analysis/model-graph.js';
import type { SceneNode } from '../language/diagram/diagram-scene.js';
import type { DiagramView } from '../language/diagram/diagram-view.js';
import type { DiagramResponse } from '../language/protocol/diagram-protocol.js';
import { previewHtml } from '../client/webview/preview-html.js';
import type { PreviewModel } from './support/preview-diagrams.js';
import { folderFiles, previewModel, seedPreviewModel } from './support/preview-diagrams.js';
import { bringIntoView, clickCentre, isInViewport, render, showFullView, shownMiddle, shownZoom, waitForNodes } from './support/preview-page.js';
import type { PreviewPage } from './support/webview-harness.js';
import { chromiumPresent, launchChromium, openPreview } from './support/webview-harness.js';

const projectRoot = fileURLToPath(new URL('..', import.meta.url)).replace(/[\\/]$/, '');
const artifacts = path.join(projectRoot, 'test-artifacts', 'webview');
const hostilePayloads = ['<img src=x onerror=window.__pwned=1>', '<script>window.__pwned=1</script>'];

describe('previewHtml', () => {
    const html = previewHtml({ cspSource: 'https://x.vscode-cdn.net', nonce: 'abc123', scriptUri: 'https://x.vscode-cdn.net/out/webview.js', styleUri: 'https://x.vscode-cdn.net/out/webview.css', state: { uri: 'file:///a"b<c>.marvel', view: {}, locked: false } });

    it('allows only the webview origin and the nonce', () => {
        const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1].replace(/&#39;/g, "'");
        expect(csp).toBe("default-src 'none'; img-src https://x.vscode-cdn.net data: blob:; style-src https://x.vscode-cdn.net 'nonce-abc123'; script-src 'nonce-abc123'; font-src https://x.vscode-cdn.net");
        expect(html).not.toContain('unsafe-inline');
        expect(html).not.toMatch(/\son[a-z]+=/i);
        expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script nonce="abc123" src="https://x.vscode-cdn.net/out/webview.js">']);
        expect(html).not.toMatch(/https?:\/\/(?!x\.vscode-cdn\.net)/);
    });

    it('escapes the state it hands to the script', () => {
        expect(html).toContain('content="{&quot;uri&quot;:&quot;file:///a\\&quot;b&lt;c&gt;.marvel&quot;');
        expect(html).not.toContain('a"b<c>');
    });
});

describe.skipIf(!chromiumPresent('the preview webview tests'))('preview webview in Chromium', () => {
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

    async function open(options: Parameters<typeof openPreview>[2] = {}): Promise<PreviewPage> {
        preview = await openPreview(browser, projectRoot, options);
        return preview;
    }

    /** The seed model drawn and zoomed in around its centre, so that much of it is out of view. */
    async function openSeedZoomedIn(): Promise<PreviewPage> {
        const opened = await open();
        await opened.send(render(seedDiagram));
        await waitForNodes(opened.page, seed.graph.factors.length);
        for (let i = 0; i < 6; i++) {
            await opened.page.click('#zoom-in');
        }
        return opened;
    }

    it('says it is ready, then draws every factor and relation of the seed model (screenshots in light and dark)', async () => {
        const { page, send, posted, setTheme } = await open();
        expect(await posted()).toEqual([{ type: 'ready', aspectRatio: expect.any(Number) }]);
        await send(render(seedDiagram));
        await waitForNodes(page, seed.graph.factors.length);

        const drawn = await page.evaluate(() => ({
            nodes: [...document.querySelectorAll('#stage g.marvel-node')].map(n => n.getAttribute('data-id')),
            edges: [...document.querySelectorAll('#stage g.marvel-edge')].map(e => `${e.getAttribute('data-relation')} ${e.getAttribute('data-source')} ${e.getAttribute('data-target')}`),
            categories: document.querySelectorAll('#stage g.marvel-category').length,
            bannerHidden: document.getElementById('banner')!.hidden,
            description: document.getElementById('view-description')!.textContent
        }));
        expect(seed.graph.factors.length).toBe(134);
        expect(drawn.nodes.sort()).toEqual(seed.graph.factors.map(f => f.id).sort());
        expect(drawn.edges.sort()).toEqual(seed.graph.relations.map(r => `${r.index} ${r.source} ${r.target}`).sort());
        expect(drawn.categories).toBe(seed.graph.categories.length);
        expect(drawn.bannerHidden).toBe(true);
        expect(drawn.description).toBe('\u2068Systeemanalyse Mensenhandel\u2069 \u2014 134 factors, 221 relations');
        expect(await page.locator('#category-select option').count()).toBe(seed.graph.categories.length + 1);
        expect(await page.locator('#find-suggestions option').count()).toBe(seed.graph.factors.length);
        await page.screenshot({ path: path.join(artifacts, 'seed-light.png') });

        await setTheme('vscode-dark');
        await page.waitForFunction(fill => document.querySelector('#stage g.marvel-node.role-factor > rect')?.getAttribute('fill') === fill, palettes.dark.nodeFill.factor);
        await waitForNodes(page, seed.graph.factors.length);
        await page.screenshot({ path: path.join(artifacts, 'seed-dark.png') });

        // A preview beside the editor is narrow: the toolbar wraps, the diagram still fits.
        await page.setViewportSize({ width: 640, height: 900 });
        await page.click('#zoom-fit');
        await page.screenshot({ path: path.join(artifacts, 'seed-narrow-dark.png') });
        expect(await preview!.violations()).toEqual([]);
    });

    it('draws in the palette of the theme class VS Code puts on the body', async () => {
        const { page, send, setTheme } = await open({ theme: 'vscode-high-contrast' });
        await send(render(seedDiagram));
        await waitForNodes(page, seed.graph.factors.length);
        const fill = (): Promise<string | null> => page.locator('#stage g.marvel-node.role-key > rect').first().getAttribute('fill');
        expect(await fill()).toBe(palettes['high-contrast'].nodeFill.key);
        await setTheme('vscode-high-contrast-light');
        await expect.poll(fill).toBe(palettes.light.nodeFill.key);
        await setTheme('vscode-dark');
        await expect.poll(fill).toBe(palettes.dark.nodeFill.key);
    });

    it('reveals a factor\'s declaration and a relation\'s source range on click', async () => {
        const { page, send, posted } = await open();
        await send(render(seedDiagram));
        await waitForNodes(page, seed.graph.factors.length);

        // A factor declared in another file of the model: the reveal names that file.
        const node = seedDiagram.scene!.nodes.find(n => n.id === 'signalering') ?? seedDiagram.scene!.nodes.find(n => n.location.uri !== seed.uri)!;
        expect(node.location.uri).not.toBe(seed.uri);
        // The seed model opens as its overview: zoom in until factors are drawn, and bring this one into view.
        await bringIntoView(preview!, seed.uri, node.id);
        await clickCentre(page, `#stage g.marvel-node[data-id="${node.id}"] > rect`);
        // The keyboard stays with the preview on a click: its keys zoom and pan, and never type into the text.
        expect((await posted()).at(-1)).toEqual({ type: 'reveal', uri: node.location.uri, range: node.location.range, focus: false });
        expect(await page.locator(`#stage g.marvel-node[data-id="${node.id}"]`).getAttribute('class')).toContain('selected');
        expect(await page.textContent('#selection-info')).toBe(`Selected: \u2068${node.label}\u2069`);
        expect(await page.isDisabled('#focus-button')).toBe(false);
        await page.click('#zoom-selection');
        await page.screenshot({ path: path.join(artifacts, 'seed-selected.png') });
        await page.click('#zoom-fit');
        await showFullView(page);

        const relation = await clickableRelation(page);
        await page.mouse.click(relation.x, relation.y);
        const edge = seedDiagram.scene!.edges.find(e => e.relation === relation.index)!;
        expect((await posted()).at(-1)).toEqual({ type: 'reveal', uri: edge.location.uri, range: edge.location.range, focus: false });
        expect(await page.locator(`#stage g.marvel-edge[data-relation="${edge.relation}"]`).getAttribute('class')).toContain('selected');
        // A double-click goes to the text, the editor taking the keyboard.
        await page.mouse.dblclick(relation.x, relation.y);
        expect((await posted()).at(-1)).toEqual({ type: 'reveal', uri: edge.location.uri, range: edge.location.range, focus: true });

        // A drag pans; it is not a click.
        const before = (await posted()).length;
        const box = (await page.locator(`#stage g.marvel-node[data-id="${node.id}"] > rect`).boundingBox())!;
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await page.mouse.down();
        await page.mouse.move(box.x + box.width / 2 + 80, box.y + box.height / 2 + 40, { steps: 5 });
        await page.mouse.up();
        expect((await posted()).length).toBe(before);
        const moved = (await page.locator(`#stage g.marvel-node[data-id="${node.id}"] > rect`).boundingBox())!;
        expect(moved.x - box.x).toBeCloseTo(80, 0);
    });

    it('follows a selected arrow to its start and its end, with its buttons or Home and End, the arrow staying selected', async () => {
        const { page, send } = await open();
        await send(render(seedDiagram));
        await waitForNodes(page, seed.graph.factors.length);
        await showFullView(page);
        expect(await page.isHidden('#arrow-ends')).toBe(true);
        const relation = await clickableRelation(page);
        await page.mouse.click(relation.x, relation.y);
        const edge = seedDiagram.scene!.edges.find(e => e.relation === relation.index)!;
        expect(await page.isVisible('#arrow-ends')).toBe(true);
        expect(await page.getAttribute('#arrow-end', 'title')).toContain(seedDiagram.scene!.nodes.find(n => n.id === edge.target)!.label);
        const centred = (id: string): Promise<boolean> => page.evaluate(factor => {
            const box = document.querySelector(`#stage g.marvel-node[data-id="${factor}"] > rect`)!.getBoundingClientRect();
            const viewport = document.getElementById('viewport')!.getBoundingClientRect();
            return Math.abs(box.x + box.width / 2 - (viewport.x + viewport.width / 2)) < 2 && Math.abs(box.y + box.height / 2 - (viewport.y + viewport.height / 2)) < 2;
        }, id);
        const selected = (): Promise<string | null> => page.getAttribute('#stage g.marvel-edge.selected', 'data-relation');

        await page.click('#arrow-end');
        expect(await centred(edge.target)).toBe(true);
        await page.screenshot({ path: path.join(artifacts, 'arrow-end.png') });
        expect(await selected()).toBe(String(edge.relation));
        await page.focus('#viewport');
        await page.keyboard.press('Home');
        expect(await centred(edge.source)).toBe(true);
        await page.keyboard.press('End');
        expect(await centred(edge.target)).toBe(true);
        expect(await selected()).toBe(String(edge.relation));
        // A factor selected has no ends to go to.
        await clickCentre(page, `#stage g.marvel-node[data-id="${edge.target}"] > rect`);
        expect(await page.isHidden('#arrow-ends')).toBe(true);
    });

    it('keeps the diagram where it is when an arrow with long names is selected in a narrow preview', async () => {
        const { page, send } = await open({ width: 560, height: 800 });
        await send(render(seedDiagram));
        await waitForNodes(page, seed.graph.factors.length);
        await showFullView(page);
        const viewportTop = (): Promise<number> => page.evaluate(() => document.getElementById('viewport')!.getBoundingClientRect().top);
        const before = await viewportTop();
        const relation = await clickableRelation(page);
        await page.mouse.click(relation.x, relation.y);
        const edge = seedDiagram.scene!.edges.find(e => e.relation === relation.index)!;
        expect(await page.getAttribute('#selection-info', 'title')).toContain(seedDiagram.scene!.nodes.find(n => n.id === edge.target)!.label);
        // The selection's line is cut short, not wrapped onto a second line that pushed the diagram down; its buttons stay whole.
        expect(await viewportTop()).toBe(before);
        const room = await page.evaluate(() => ({ line: document.querySelector('.selection')!.getBoundingClientRect().right, end: document.getElementById('arrow-end')!.getBoundingClientRect().right }));
        expect(room.end).toBeLessThanOrEqual(room.line);
        // Both ends of the arrow keep a part of their names on screen, each cut short on its own.
        const names = await page.evaluate(() => [...document.querySelectorAll('#selection-info .selection-end')].map(name => {
            const box = name.getBoundingClientRect();
            const line = document.querySelector('.context-line')!.getBoundingClientRect();
            return box.width >= 24 && box.right <= line.right ? 'shown' : `${box.width} at ${box.right} of ${line.right}`;
        }));
        expect(names).toEqual(['shown', 'shown']);
        // Beside the trace panel the line is narrower still: the view's name gives way first.
        await page.setViewportSize({ width: 420, height: 800 });
        const narrow = await page.evaluate(() => [...document.querySelectorAll('#selection-info .selection-end')].map(name => name.getBoundingClientRect().width));
        expect(narrow.every(width => width >= 24), JSON.stringify(narrow)).toBe(true);
        await page.screenshot({ path: path.join(artifacts, 'selection-narrow.png'), clip: { x: 0, y: 0, width: 420, height: 160 } });
    });

    it('posts setView for a category, a focus, the arrows into a factor and the whole model', async () => {
        const { page, send, posted, savedState } = await open();
        await send(render(seedDiagram));
        await waitForNodes(page, seed.graph.factors.length);

        await page.selectOption('#category-select', 'hulpverlening');
        expect((await posted()).at(-1)).toEqual({ type: 'setView', view: { category: 'hulpverlening' } });
        expect((await savedState())?.view).toEqual({ category: 'hulpverlening' });

        const categoryView: DiagramView = { category: 'hulpverlening' };
        const filtered = await seed.diagram(1, categoryView);
        await send(render(filtered, categoryView));
        await waitForNodes(page, filtered.scene!.nodes.length);
        expect(filtered.scene!.nodes.length).toBeLessThan(seed.graph.factors.length);
        expect(await page.inputValue('#category-select')).toBe('hulpverlening');
        expect(await page.textContent('#view-description')).toContain('Category \u201c\u2068Hulpverlening\u2069\u201d');

        const factor = filtered.scene!.nodes[0];
        await clickCentre(page, `#stage g.marvel-node[data-id="${factor.id}"] > rect`);
        await page.fill('#focus-up', '3');
        await page.fill('#focus-down', '0');
        await page.click('#focus-button');
        expect((await posted()).at(-1)).toEqual({ type: 'setView', view: { focus: { factor: factor.id, up: 3, down: 0 } } });
        await page.click('#into-button');
        expect((await posted()).at(-1)).toEqual({ type: 'setView', view: { into: factor.id } });

        const intoView: DiagramView = { into: factor.id };
        const into = await seed.diagram(1, intoView);
        await send(render(into, intoView));
        await waitForNodes(page, into.scene!.nodes.length);
        // The factor stays selected, so the next view around it is one press away.
        expect(await page.locator(`#stage g.marvel-node[data-id="${factor.id}"]`).getAttribute('class')).toContain('selected');
        await page.focus('#whole-button');
        await page.keyboard.press('Enter');
        expect((await posted()).at(-1)).toEqual({ type: 'setView', view: {} });
        // Disabled once the whole model is back, the button hands the keyboard to the diagram, not to the page.
        await send(render(seedDiagram));
        await waitForNodes(page, seed.graph.factors.length);
        expect(await page.isDisabled('#whole-button')).toBe(true);
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('viewport');
    });

    it('keeps the picture for an edit that changes nothing drawn, and reveals the text where it now is', async () => {
        const { page, send, posted } = await open();
        await send(render({ ...seedDiagram, version: 2 }));
        await waitForNodes(page, seed.graph.factors.length);
        await page.evaluate(() => Object.assign(document.querySelector('#stage svg')!, { marvelDrawnBefore: true }));
        // A comment typed above everything: the same picture, every declaration two lines further down.
        const shifted = (range: SourceRange): SourceRange => ({ start: { ...range.start, line: range.start.line + 2 }, end: { ...range.end, line: range.end.line + 2 } });
        const scene = seedDiagram.scene!;
        const moved = { ...seedDiagram, version: 3, scene: { ...scene, nodes: scene.nodes.map(n => ({ ...n, location: { ...n.location, range: shifted(n.location.range) } })) } };
        await send(render(moved));
        await page.waitForFunction(() => document.getElementById('view-description')!.textContent !== '');
        await page.waitForTimeout(200);
        expect(await page.evaluate(() => 'marvelDrawnBefore' in document.querySelector('#stage svg')!)).toBe(true);
        const node = moved.scene.nodes.find(n => n.id === 'pakkans')!;
        await bringIntoView(preview!, seed.uri, node.id);
        await clickCentre(page, `#stage g.marvel-node[data-id="${node.id}"] > rect`);
        expect((await posted()).at(-1)).toEqual({ type: 'reveal', uri: node.location.uri, range: node.location.range, focus: false });
        // A change that is drawn mounts what it changed, in the picture shown.
        await page.evaluate(() => document.querySelectorAll('#stage g.marvel-node').forEach(n => Object.assign(n, { marvelDrawnBefore: true })));
        await send(render({ ...seedDiagram, version: 4, scene: { ...scene, nodes: scene.nodes.map(n => n.id === 'pakkans' ? { ...n, label: 'Pakkans (nieuw)' } : n) } }));
        await page.waitForFunction(() => !('marvelDrawnBefore' in document.querySelector('#stage g.marvel-node[data-id="pakkans"]')!));
        expect(await page.textContent('#stage g.marvel-node[data-id="pakkans"] > title')).toContain('Pakkans (nieuw)');
        expect(await page.evaluate(() => [...document.querySelectorAll('#stage g.marvel-node')].filter(n => !('marvelDrawnBefore' in n)).map(n => n.getAttribute('data-id')))).toEqual(['pakkans']);
        expect(await page.evaluate(() => 'marvelDrawnBefore' in document.querySelector('#stage svg')!)).toBe(true);
    });

    it('ignores a render older than the one shown and another document\'s render while locked', async () => {
        const { page, send, posted, savedState } = await open();
        await send(render({ ...seedDiagram, version: 5 }));
        await waitForNodes(page, seed.graph.factors.length);

        const smaller = await seed.diagram(4, { category: 'bestuur' });
        await send(render(smaller, { category: 'bestuur' }));
        await page.waitForTimeout(150);
        expect(await countNodes(page)).toBe(seed.graph.factors.length);

        // The same version in another view is not stale.
        const sameVersion = await seed.diagram(5, { category: 'bestuur' });
        await send(render(sameVersion, { category: 'bestuur' }));
        await waitForNodes(page, sameVersion.scene!.nodes.length);

        await page.click('#lock-button');
        expect((await posted()).at(-1)).toEqual({ type: 'setLocked', locked: true });
        expect(await page.getAttribute('#lock-button', 'aria-pressed')).toBe('true');
        expect((await savedState())?.locked).toBe(true);
        // A late answer the host sent while following, before it heard of the lock, is dropped.
        const other = await previewModel(folderFiles(path.join(projectRoot, 'examples')), 'quickstart.marvel');
        const otherDiagram = await other.diagram(1);
        await send(render(otherDiagram, {}, false));
        await page.waitForTimeout(150);
        expect(await countNodes(page)).toBe(sameVersion.scene!.nodes.length);

        // Following the editor again, another document is a new document.
        await page.click('#lock-button');
        expect((await posted()).at(-1)).toEqual({ type: 'setLocked', locked: false });
        await send(render(otherDiagram));
        // Another model's drawing replaces the packing kept of the first.
        await expect.poll(async () => (await savedState())?.packing?.parts.map(part => part.id)).toEqual(otherDiagram.scene!.packing!.parts.map(part => part.id));
        await waitForNodes(page, other.graph.factors.length);
        expect((await savedState())?.uri).toBe(other.uri);

        // Locked again, the preview command on another file moves it there on purpose: the host sends that render locked.
        await page.click('#lock-button');
        await send(render(seedDiagram, {}, true));
        await waitForNodes(page, seed.graph.factors.length);
        expect(await savedState()).toMatchObject({ uri: seed.uri, locked: true });
        expect(await page.getAttribute('#lock-button', 'aria-pressed')).toBe('true');
    });

    it('keeps the last diagram under a banner while the model has a problem', async () => {
        const { page, send } = await open();
        await send(render({ ...seedDiagram, version: 2 }));
        await waitForNodes(page, seed.graph.factors.length);
        const area = (): Promise<{ top: number; height: number }> => page.evaluate(() => (({ top, height }) => ({ top, height }))(document.getElementById('viewport')!.getBoundingClientRect()));
        const before = { area: await area(), zoom: await shownZoom(page) };
        const problem = 'Syntax error in beleid.marvel at line 3: Expecting \'}\'.';
        await send(render({ uri: seed.uri, version: 3, problem, categories: seedDiagram.categories, factors: seedDiagram.factors }));
        await page.waitForSelector('#banner:not([hidden])');
        expect(await page.textContent('#banner')).toBe(`${problem} The diagram shows the last version that parsed.`);
        expect(await countNodes(page)).toBe(seed.graph.factors.length);
        // The banner lies over the diagram's top: the picture does not move or shrink while a line is half typed.
        expect({ area: await area(), zoom: await shownZoom(page) }).toEqual(before);
        await page.screenshot({ path: path.join(artifacts, 'seed-problem.png') });

        await send(render({ ...seedDiagram, version: 4 }));
        await page.waitForSelector('#banner', { state: 'hidden' });
        expect(await countNodes(page)).toBe(seed.graph.factors.length);
    });

    it('says how many errors leave something out of a picture that is drawn, without a banner over it', async () => {
        const { page, send } = await open();
        await send(render({ ...seedDiagram, version: 2, errors: 2 }));
        await waitForNodes(page, seed.graph.factors.length);
        expect(await page.textContent('#model-errors')).toBe('2 errors in the model (see Problems): the diagram shows what resolved');
        expect(await page.isHidden('#banner')).toBe(true);
        await send(render({ ...seedDiagram, version: 3 }));
        await page.waitForSelector('#model-errors', { state: 'hidden' });
    });

    it('shows markup in labels, notes, descriptions and category names as text and runs none of it', async () => {
        const hostile = await previewModel(folderFiles(path.join(projectRoot, 'test', 'fixtures')), 'hostile.marvel');
        const diagram = await hostile.diagram(1);
        const { page, send } = await open();
        await send(render(diagram));
        await waitForNodes(page, 3);
        await clickCentre(page, '#stage g.marvel-node[data-id="b"] > rect');
        await send(render({ uri: hostile.uri, version: 2, problem: `${hostilePayloads[0]} problem`, categories: diagram.categories, factors: diagram.factors }));
        await send({ type: 'exported', path: `/tmp/${hostilePayloads[1]}.svg` });
        await page.waitForSelector('#banner:not([hidden])');
        await page.waitForTimeout(300);

        const seen = await page.evaluate(() => {
            const text = (selector: string): string => document.querySelector(selector)?.textContent ?? '';
            return {
                pwned: (window as unknown as { __pwned?: unknown }).__pwned,
                activeInSvg: document.querySelectorAll('#stage svg img, #stage svg script, #stage svg foreignObject, #stage svg iframe').length,
                images: document.querySelectorAll('img').length,
                scripts: [...document.querySelectorAll('script')].map(s => s.getAttribute('src')),
                bold: document.querySelectorAll('b').length,
                nodeA: text('#stage g.marvel-node[data-id="a"] text'),
                nodeB: text('#stage g.marvel-node[data-id="b"] text'),
                nodeK: text('#stage g.marvel-node[data-id="k"] text'),
                tooltipA: text('#stage g.marvel-node[data-id="a"] > title'),
                categories: [...document.querySelectorAll('#stage .marvel-category-label')].map(c => c.textContent),
                categoryTooltip: text('#stage g.marvel-category[data-category="cat"] > title'),
                notes: [...document.querySelectorAll('#stage g.marvel-edge > title')].map(t => t.textContent).join('\n'),
                options: [...document.querySelectorAll('#category-select option')].map(o => o.textContent),
                suggestions: [...document.querySelectorAll('#find-suggestions option')].map(o => (o as HTMLOptionElement).label),
                description: text('#view-description'),
                selection: text('#selection-info'),
                banner: text('#banner'),
                status: text('#status')
            };
        });
        expect(seen.pwned).toBeUndefined();
        expect(seen.activeInSvg).toBe(0);
        expect(seen.images).toBe(0);
        expect(seen.scripts).toEqual(['https://webview.test/out/webview.js']);
        expect(seen.bold).toBe(0);
        expect(seen.nodeA).toContain('<img src=x');
        expect(seen.nodeA.replace(/\s/g, '')).toBe(hostilePayloads[0].replace(/\s/g, ''));
        expect(seen.nodeB.replace(/\s/g, '')).toBe(hostilePayloads[1].replace(/\s/g, ''));
        expect(seen.nodeK.replace(/\s/g, '')).toBe('KPI&<b>bold</b>"quoted"\'apostrophe\'');
        expect(seen.tooltipA).toContain(`Described as ${hostilePayloads[1]} and ${hostilePayloads[0]}.`);
        expect(seen.categories).toEqual(expect.arrayContaining([`${hostilePayloads[0]} category`, `${hostilePayloads[1]} category`]));
        expect(seen.categoryTooltip).toContain(`A category described with ${hostilePayloads[0]} markup.`);
        expect(seen.notes).toContain(`${hostilePayloads[0]} note`);
        expect(seen.notes).toContain(`${hostilePayloads[1]} note`);
        expect(seen.options).toEqual(expect.arrayContaining([`${hostilePayloads[0]} category`, `${hostilePayloads[1]} category`]));
        expect(seen.suggestions).toEqual(expect.arrayContaining(hostilePayloads));
        expect(seen.description).toContain(`${hostilePayloads[1]} title`);
        expect(seen.selection).toBe(`Selected: \u2068${hostilePayloads[1]}\u2069`);
        expect(seen.banner).toBe(`${hostilePayloads[0]} problem The diagram shows the last version that parsed.`);
        expect(seen.status).toBe(`Saved /tmp/${hostilePayloads[1]}.svg`);
        expect(await preview!.violations()).toEqual([]);

        // Were markup ever to reach the page, the policy still refuses inline handlers and scripts.
        await page.evaluate(payload => document.body.insertAdjacentHTML('beforeend', payload), `<img src="x" onerror="window.__pwned=1">`);
        await page.evaluate(() => {
            const script = document.createElement('script');
            script.textContent = 'window.__pwned = 2';
            document.body.append(script);
        });
        await expect.poll(async () => (await preview!.violations()).length).toBeGreaterThanOrEqual(2);
        expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
        await page.evaluate(() => document.querySelectorAll('body > img').forEach(image => image.remove()));
        await page.screenshot({ path: path.join(artifacts, 'hostile.png') });
    });

    it('marks highlighted factors and relations and pans them into view without zooming', async () => {
        const { page, send } = await openSeedZoomedIn();
        const zoom = await page.textContent('#zoom-level');
        const scene = seedDiagram.scene!;
        // The factor furthest from the centre, which zooming in around the centre pushed out of sight.
        const far = [...scene.nodes].sort((a, b) => distanceFromCentre(b) - distanceFromCentre(a))[0];
        function distanceFromCentre(n: { x: number; y: number }): number {
            return Math.hypot(n.x - scene.width / 2, n.y - scene.height / 2);
        }
        const relation = scene.edges.find(e => e.source === far.id || e.target === far.id)!;
        expect(await isInViewport(page, far.id)).toBe(false);

        await send({ type: 'highlight', uri: 'file:///elsewhere.marvel', factors: [far.id], relations: [] });
        await page.waitForTimeout(100);
        expect(await page.locator('#stage .highlighted').count()).toBe(0);

        await send({ type: 'highlight', uri: seed.uri, factors: [far.id], relations: [relation.relation] });
        await page.waitForSelector(`#stage g.marvel-node[data-id="${far.id}"].highlighted`);
        expect(await page.locator('#stage g.marvel-node.highlighted').count()).toBe(1);
        expect(await page.locator('#stage g.marvel-edge.highlighted').getAttribute('data-relation')).toBe(String(relation.relation));
        expect(await isInViewport(page, far.id)).toBe(true);
        expect(await page.textContent('#zoom-level')).toBe(zoom);
        await page.screenshot({ path: path.join(artifacts, 'seed-highlight.png') });

        // The cursor moving within the same name (typing in it) marks nothing anew and leaves the view where the user took it.
        await page.focus('#viewport');
        for (let step = 0; step < 30; step++) {
            await page.keyboard.press('ArrowRight');
        }
        expect(await isInViewport(page, far.id)).toBe(false);
        const panned = await shownZoom(page);
        await send({ type: 'highlight', uri: seed.uri, factors: [far.id], relations: [relation.relation] });
        await page.waitForTimeout(200);
        expect(await shownZoom(page)).toEqual(panned);

        // A highlight from another file of the same model counts too, and survives a re-render.
        const elsewhere = scene.nodes.find(n => n.location.uri !== seed.uri)!;
        await send({ type: 'highlight', uri: elsewhere.location.uri, factors: [elsewhere.id], relations: [] });
        await page.waitForSelector(`#stage g.marvel-node[data-id="${elsewhere.id}"].highlighted`);
        await send(render({ ...seedDiagram, version: 2 }));
        await page.waitForFunction(() => document.querySelectorAll('#stage g.marvel-node').length > 0);
        expect(await page.locator(`#stage g.marvel-node[data-id="${elsewhere.id}"]`).getAttribute('class')).toContain('highlighted');
        expect(await page.textContent('#zoom-level')).toBe(zoom);
    });

    it('leaves the view where it is when a highlighted factor is already in view, though its relations reach out of it', async () => {
        const { page, send } = await openSeedZoomedIn();
        const scene = seedDiagram.scene!;
        // A factor in view with a relation to one out of view: as when a click in the preview put the editor's cursor on its declaration.
        const inView = await Promise.all(scene.nodes.map(async node => (await isInViewport(page, node.id)) ? node.id : undefined));
        const shown = new Set(inView.filter((id): id is string => id !== undefined));
        const relation = scene.edges.find(e => shown.has(e.source) && !shown.has(e.target))!;
        const before = await shownZoom(page);
        await send({ type: 'highlight', uri: seed.uri, factors: [relation.source], relations: [relation.relation] });
        await page.waitForSelector(`#stage g.marvel-node[data-id="${relation.source}"].highlighted`);
        expect(await shownZoom(page)).toEqual(before);
    });

    it('leaves the view where it is when the highlight is of the arrow just clicked, its source out of view', async () => {
        const { page, send } = await openSeedZoomedIn();
        const scene = seedDiagram.scene!;
        // A point on an arrow whose source is out of view: the click's reveal puts the editor's cursor on the source's name.
        const target = await page.evaluate(() => {
            const viewport = document.getElementById('viewport')!.getBoundingClientRect();
            const inside = (x: number, y: number): boolean => x > viewport.left && x < viewport.right && y > viewport.top && y < viewport.bottom;
            for (const edge of document.querySelectorAll<SVGGElement>('#stage g.marvel-edge')) {
                const source = document.querySelector(`#stage g.marvel-node[data-id="${edge.getAttribute('data-source')}"] > rect`)!.getBoundingClientRect();
                if (inside(source.x + source.width / 2, source.y + source.height / 2)) {
                    continue;
                }
                const line = edge.querySelector<SVGPathElement>('.marvel-edge-line')!;
                for (let k = 1; k < 20; k++) {
                    const point = line.getPointAtLength(line.getTotalLength() * k / 20);
                    const screen = new DOMPoint(point.x, point.y).matrixTransform(line.getScreenCTM()!);
                    if (inside(screen.x, screen.y) && document.elementFromPoint(screen.x, screen.y)?.closest('.marvel-edge') === edge) {
                        return { relation: Number(edge.getAttribute('data-relation')), x: screen.x, y: screen.y };
                    }
                }
            }
            return undefined;
        });
        expect(target).toBeDefined();
        await page.mouse.click(target!.x, target!.y);
        const edge = scene.edges.find(e => e.relation === target!.relation)!;
        expect(await page.getAttribute('#stage g.marvel-edge.selected', 'data-relation')).toBe(String(edge.relation));
        const before = await shownZoom(page);
        await send({ type: 'highlight', uri: seed.uri, factors: [edge.source], relations: [edge.relation] });
        await page.waitForSelector(`#stage g.marvel-node[data-id="${edge.source}"].highlighted`);
        await page.waitForTimeout(200);
        expect(await shownZoom(page)).toEqual(before);
    });

    it('asks for a layout for a new panel shape only when the shape changed a lot, not when the panel under the editor opens', async () => {
        const { page, send, posted } = await open({ width: 1280, height: 860 });
        await send(render(seedDiagram));
        await waitForNodes(page, seed.graph.factors.length);
        const resizes = async (): Promise<unknown[]> => (await posted()).filter(message => message.type === 'resize');
        // The panel under the editor opened: the page is a fifth less high, the diagram's area about a quarter.
        await page.setViewportSize({ width: 1280, height: 700 });
        await page.waitForTimeout(900);
        expect(await resizes()).toEqual([]);
        // Wider by half: still the same picture.
        await page.setViewportSize({ width: 1280, height: 860 });
        await page.setViewportSize({ width: 860, height: 860 });
        await page.waitForTimeout(900);
        expect(await resizes()).toEqual([]);
        // Nor does a change inside the page, however much it moves the diagram's area (here a legend grown to half the page).
        await page.evaluate(() => { document.getElementById('legend')!.style.minHeight = '50vh'; });
        await page.waitForTimeout(900);
        expect(await resizes()).toEqual([]);
        await page.evaluate(() => { document.getElementById('legend')!.style.minHeight = ''; });
        // The preview moved beside the editor: half as wide.
        await page.setViewportSize({ width: 560, height: 860 });
        await expect.poll(resizes, { timeout: 5_000 }).toHaveLength(1);
    });

    it('keeps the packing while zoomed in, however the panel changes, and asks for one for the new shape when Fit is pressed', async () => {
        const { page, send, posted } = await open({ width: 1280, height: 860 });
        await send(render(seedDiagram));
        await waitForNodes(page, seed.graph.factors.length);
        const resizes = async (): Promise<unknown[]> => (await posted()).filter(message => message.type === 'resize');
        await page.click('#zoom-in');
        // Zoomed in, the user knows where things are: the preview moved beside the editor (half as wide) repacks nothing.
        await page.setViewportSize({ width: 560, height: 860 });
        await page.waitForTimeout(900);
        expect(await resizes()).toEqual([]);
        await page.click('#zoom-fit');
        await expect.poll(resizes, { timeout: 5_000 }).toHaveLength(1);
    });

    it('closes up its controls beside the editor: three rows of them at 560 px, four at 460 and 400 px, with a model\'s lists filled', async () => {
        for (const [width, expected] of [[560, 3], [460, 4], [400, 4]] as const) {
            const { page, send } = await open({ width, height: 800 });
            await send(render(seedDiagram));
            await waitForNodes(page, seedDiagram.scene!.nodes.length);
            const toolbar = await page.evaluate(() => {
                const groups = [...document.querySelectorAll<HTMLElement>('.toolbar .group')];
                const controls = [...document.querySelectorAll<HTMLElement>('.toolbar .group > *')].filter(control => control.offsetParent !== null && control.localName !== 'datalist');
                return {
                    // A group that wraps within itself is a row more.
                    rows: new Set(groups.map(group => Math.round(group.getBoundingClientRect().top))).size + groups.filter(group => group.getBoundingClientRect().height > 34).length,
                    // A control's label on one line, and every control within the page's width.
                    tall: controls.filter(control => control.localName === 'button' && control.getBoundingClientRect().height > 32).map(control => control.id),
                    cut: controls.filter(control => control.getBoundingClientRect().right > document.documentElement.clientWidth).map(control => control.id)
                };
            });
            expect(toolbar, `${width} px`).toEqual({ rows: expected, tall: [], cut: [] });
            await page.close();
        }
    });

    it('folds the legend in a short preview, and opens it again when the preview grows back', async () => {
        const short = await open({ width: 560, height: 650 });
        await short.send(render(seedDiagram));
        expect(await short.page.evaluate(() => (document.getElementById('legend') as HTMLDetailsElement).open)).toBe(false);
        await short.page.close();
        const tall = await open({ width: 560, height: 900 });
        const legendOpen = (): Promise<boolean> => tall.page.evaluate(() => (document.getElementById('legend') as HTMLDetailsElement).open);
        expect(await legendOpen()).toBe(true);
        // The panel under the editor opened: folded; closed again: open as it was.
        await tall.page.setViewportSize({ width: 560, height: 500 });
        await expect.poll(legendOpen).toBe(false);
        await tall.page.setViewportSize({ width: 560, height: 900 });
        await expect.poll(legendOpen).toBe(true);
        // Folded by the user, it stays folded whatever the height.
        await tall.page.click('#legend > summary');
        await tall.page.setViewportSize({ width: 560, height: 500 });
        await tall.page.setViewportSize({ width: 560, height: 900 });
        await tall.page.waitForTimeout(200);
        expect(await legendOpen()).toBe(false);
    });

    it('never lets the browser scroll the picture away: only pan and zoom move it', async () => {
        const { page } = await openSeedZoomedIn();
        const before = await shownZoom(page);
        const far = [...seedDiagram.scene!.nodes].sort((a, b) => b.x + b.y - (a.x + a.y))[0];
        const scrolled = await page.evaluate(id => {
            document.querySelector(`#stage g.marvel-node[data-id="${id}"]`)!.scrollIntoView();
            const viewport = document.getElementById('viewport')!;
            return { top: viewport.scrollTop, left: viewport.scrollLeft };
        }, far.id);
        expect(scrolled).toEqual({ top: 0, left: 0 });
        expect(await shownZoom(page)).toEqual(before);
    });

    it('finds a factor by label or name, selects it and centres it', async () => {
        const { page, send } = await open();
        await send(render(seedDiagram));
        await waitForNodes(page, seed.graph.factors.length);
        const target = seed.graph.factor('inBeeld')!;
        await page.fill('#find-input', 'percentage slachtoffers');
        await page.press('#find-input', 'Enter');
        await page.waitForSelector(`#stage g.marvel-node[data-id="${target.id}"].selected`);
        const centre = await page.evaluate(id => {
            const node = document.querySelector(`#stage g.marvel-node[data-id="${id}"] > rect`)!.getBoundingClientRect();
            const viewport = document.getElementById('viewport')!.getBoundingClientRect();
            return { dx: node.x + node.width / 2 - (viewport.x + viewport.width / 2), dy: node.y + node.height / 2 - (viewport.y + viewport.height / 2) };
        }, target.id);
        expect(Math.abs(centre.dx)).toBeLessThan(2);
        expect(Math.abs(centre.dy)).toBeLessThan(2);

        // Zoomed out but still readable, a find keeps the zoom: only a view too small to read zooms in.
        expect((await shownZoom(page)).scale).toBeCloseTo(1, 5);
        await page.click('#zoom-out');
        const readable = (await shownZoom(page)).scale;
        expect(readable).toBeLessThan(1);
        await page.fill('#find-input', 'voedingsbodem');
        await page.press('#find-input', 'Enter');
        await page.waitForSelector('#stage g.marvel-node[data-id="voedingsbodem"].selected');
        expect((await shownZoom(page)).scale).toBeCloseTo(readable, 5);
        // Escape in the find box goes back to the diagram, nothing selected, as Escape in the diagram does.
        await page.press('#find-input', 'Escape');
        expect(await page.locator('#stage g.marvel-node.selected').count()).toBe(0);
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('viewport');
        await page.fill('#find-input', 'no such factor');
        await page.press('#find-input', 'Enter');
        expect(await page.textContent('#status')).toBe('No factor matches \u201cno such factor\u201d.');
    });

    it('saves its state on every change and comes back with it after a reload', async () => {
        const { page, send, posted, savedState } = await open();
        await send(render(seedDiagram));
        await waitForNodes(page, seed.graph.factors.length);
        await page.click('#zoom-in');
        const shown = await page.textContent('#zoom-level');
        // Zoom is saved after a short pause (panning fires many times a second).
        await expect.poll(async () => `${Math.round(((await savedState())?.viewCentre?.scale ?? 0) * 100)}%`).toBe(shown);
        const saved = (await savedState())!;
        expect(saved).toMatchObject({ uri: seed.uri, view: {}, locked: false });
        // The whole model's packing, for the host to ask for again after a window reload.
        expect(saved.packing).toEqual(seedDiagram.scene!.packing);
        expect(saved.packing!.parts.length).toBe(seed.graph.categories.filter(c => c.parent === undefined).length);
        // The point of the diagram at the middle of the view, with the zoom.
        const middle = await shownMiddle(page);
        expect(middle.x).toBeCloseTo(saved.viewCentre!.x, 1);
        expect(middle.y).toBeCloseTo(saved.viewCentre!.y, 1);
        expect((await shownZoom(page)).scale).toBeCloseTo(saved.viewCentre!.scale, 4);
        expect((await posted()).map(m => m.type)).toEqual(['ready']);
        await page.close();

        const restored = await open({ savedState: { uri: seed.uri, view: { category: 'bestuur' }, locked: true, viewCentre: { scale: 0.5, x: 412, y: 334 } } });
        expect((await restored.savedState())?.locked).toBe(true);
        const view: DiagramView = { category: 'bestuur' };
        const diagram = await seed.diagram(1, view);
        await restored.send(render(diagram, view, true));
        await waitForNodes(restored.page, diagram.scene!.nodes.length);
        expect((await shownZoom(restored.page)).scale).toBe(0.5);
        expect(await shownMiddle(restored.page)).toEqual({ x: 412, y: 334 });
        expect(await restored.page.textContent('#zoom-level')).toBe('50%');
        expect(await restored.page.getAttribute('#lock-button', 'aria-pressed')).toBe('true');
        expect(await restored.page.inputValue('#category-select')).toBe('bestuur');
    });

    it('starts from the state the host wrote into the page when nothing was saved', async () => {
        const { page, savedState } = await open({ hostState: { uri: seed.uri, view: {}, locked: true } });
        expect(await page.getAttribute('#lock-button', 'aria-pressed')).toBe('true');
        expect(await savedState()).toBeUndefined();
    });

    it('exports the diagram as standalone SVG and as a PNG at twice the size', async () => {
        const quickstart = await previewModel(folderFiles(path.join(projectRoot, 'examples')), 'quickstart.marvel');
        const diagram = await quickstart.diagram(1);
        const { page, send, posted } = await open();
        await send(render(diagram));
        await waitForNodes(page, quickstart.graph.factors.length);

        await page.click('#export-svg');
        const svg = (await posted()).at(-1);
        expect(svg?.type === 'export' && svg.format).toBe('svg');
        const svgText = svg?.type === 'export' ? svg.data : '';
        expect(svgText).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
        expect(svgText).toContain('class="marvel-legend"');
        expect(svgText).toContain(`fill="${palettes.light.background}"`);
        expect(svgText.match(/class="marvel-node /g)?.length).toBe(quickstart.graph.factors.length);

        await page.click('#export-png');
        await page.waitForFunction(() => (window as unknown as { __posted: Array<{ format?: string }> }).__posted.some(m => m.format === 'png'));
        const png = (await posted()).at(-1);
        const dataUrl = png?.type === 'export' && png.format === 'png' ? png.data : '';
        expect(dataUrl.startsWith('data:image/png;base64,')).toBe(true);
        const bytes = Buffer.from(dataUrl.slice('data:image/png;base64,'.length), 'base64');
        const width = Number(/width="(\d+)"/.exec(svgText)![1]);
        const height = Number(/height="(\d+)"/.exec(svgText)![1]);
        expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([width * 2, height * 2]);
    });

    it('zooms with the wheel and works from the keyboard: named buttons, zoom keys, Enter reveals, Escape clears', async () => {
        const { page, send, posted } = await open();
        await send(render(seedDiagram));
        await waitForNodes(page, seed.graph.factors.length);
        const unnamed = await page.evaluate(() => [...document.querySelectorAll('button')].filter(b => !b.title || b.tabIndex < 0).map(b => b.id));
        expect(unnamed).toEqual([]);

        const atFit = await page.textContent('#zoom-level');
        const viewport = (await page.locator('#viewport').boundingBox())!;
        await page.mouse.move(viewport.x + 200, viewport.y + 200);
        await page.mouse.wheel(0, -300);
        await expect.poll(() => page.textContent('#zoom-level')).not.toBe(atFit);

        await page.focus('#viewport');
        await page.keyboard.press('0');
        const fitted = await page.textContent('#zoom-level');
        expect(fitted).toBe(atFit);
        await page.keyboard.press('+');
        expect(await page.textContent('#zoom-level')).not.toBe(fitted);
        await page.keyboard.press('0');
        expect(await page.textContent('#zoom-level')).toBe(fitted);

        await page.keyboard.press('/');
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('find-input');
        await page.keyboard.type('slachtoffers');
        await page.keyboard.press('Enter');
        await page.waitForSelector('#stage g.marvel-node[data-id="slachtoffers"].selected');
        await page.focus('#viewport');
        await page.keyboard.press('Enter');
        const node = seedDiagram.scene!.nodes.find(n => n.id === 'slachtoffers')!;
        expect((await posted()).at(-1)).toEqual({ type: 'reveal', uri: node.location.uri, range: node.location.range, focus: true });
        await page.keyboard.press('Escape');
        expect(await page.locator('#stage .selected').count()).toBe(0);
        expect(await page.isDisabled('#focus-button')).toBe(true);
    });

    it('selects the line clicked in a band of lines a few pixels apart, not the one whose wide hit path lies on top', async () => {
        const { page, send } = await open();
        await send(render(seedDiagram));
        await waitForNodes(page, seed.graph.factors.length);
        await showFullView(page);
        // A point exactly on one line where another line's hit path, drawn later, is the topmost element.
        const found = await page.evaluate(() => {
            const view = document.getElementById('viewport')!.getBoundingClientRect();
            for (const edge of document.querySelectorAll<SVGGElement>('#stage g.marvel-edge')) {
                const line = edge.querySelector<SVGPathElement>('.marvel-edge-line')!;
                const length = line.getTotalLength();
                for (let at = 20; at < length - 20; at += 4) {
                    // A click lands on a whole pixel: the point on the line is the one the nearest pixel stands for.
                    const onLine = line.getPointAtLength(at);
                    const exact = new DOMPoint(onLine.x, onLine.y).matrixTransform(line.getScreenCTM()!);
                    const screen = new DOMPoint(Math.round(exact.x), Math.round(exact.y));
                    const point = screen.matrixTransform(line.getScreenCTM()!.inverse());
                    if (Math.hypot(point.x - onLine.x, point.y - onLine.y) > 0.5) {
                        continue;
                    }
                    if (screen.x < view.left + 20 || screen.x > view.right - 20 || screen.y < view.top + 20 || screen.y > view.bottom - 20) {
                        continue;
                    }
                    const top = document.elementFromPoint(screen.x, screen.y)?.closest('.marvel-edge');
                    const topLine = top?.querySelector<SVGPathElement>('.marvel-edge-line');
                    // Every other line under the point passes 2 px or more from it (in the diagram's units): the click is meant for this one.
                    const apart = (other: SVGPathElement): number => {
                        let nearest = Infinity;
                        for (let along = 0; along <= other.getTotalLength(); along += 0.5) {
                            const p = other.getPointAtLength(along);
                            nearest = Math.min(nearest, Math.hypot(p.x - point.x, p.y - point.y));
                        }
                        return nearest;
                    };
                    const others = [...new Set(document.elementsFromPoint(screen.x, screen.y).map(element => element.closest('.marvel-edge')).filter(other => other !== null && other !== edge))];
                    const clear = others.every(other => apart(other!.querySelector<SVGPathElement>('.marvel-edge-line')!) >= 2);
                    if (top && topLine && top !== edge && top.getAttribute('data-relation') !== edge.getAttribute('data-relation') && clear) {
                        return { relation: Number(edge.getAttribute('data-relation')), covering: Number(top.getAttribute('data-relation')), x: screen.x, y: screen.y };
                    }
                }
            }
            return undefined;
        });
        expect(found).toBeDefined();
        await page.mouse.click(found!.x, found!.y);
        expect(Number(await page.getAttribute('#stage g.marvel-edge.selected', 'data-relation'))).toBe(found!.relation);
    });

    it('steps from factor to factor with Shift and the arrow keys, showing each in view and in the editor', async () => {
        const { page, send, posted } = await open();
        await send(render(seedDiagram));
        await waitForNodes(page, seed.graph.factors.length);
        await page.focus('#viewport');
        const nodes = seedDiagram.scene!.nodes;
        const selected = async (): Promise<{ node: SceneNode; inView: boolean }> => {
            const { id, inView } = await page.evaluate(() => {
                const element = document.querySelector('#stage g.marvel-node.selected')!;
                const box = element.getBoundingClientRect();
                const view = document.getElementById('viewport')!.getBoundingClientRect();
                return { id: element.getAttribute('data-id')!, inView: box.left >= view.left && box.right <= view.right && box.top >= view.top && box.bottom <= view.bottom };
            });
            return { node: nodes.find(n => n.id === id)!, inView };
        };
        const middle = (node: SceneNode): { x: number; y: number } => ({ x: node.x + node.width / 2, y: node.y + node.height / 2 });

        // The first step selects the factor in the middle of the view, zoomed in until its text reads.
        await page.keyboard.press('Shift+ArrowRight');
        const first = await selected();
        expect(first.inView).toBe(true);
        expect((await shownZoom(page)).scale).toBeGreaterThanOrEqual(1);
        expect((await posted()).at(-1)).toEqual({ type: 'reveal', uri: first.node.location.uri, range: first.node.location.range, focus: false });

        // Each step goes the way its key points, and brings the factor into view.
        for (const [key, moved] of [
            ['Shift+ArrowRight', (from: SceneNode, to: SceneNode) => middle(to).x > middle(from).x],
            ['Shift+ArrowDown', (from: SceneNode, to: SceneNode) => middle(to).y > middle(from).y],
            ['Shift+ArrowLeft', (from: SceneNode, to: SceneNode) => middle(to).x < middle(from).x],
            ['Shift+ArrowUp', (from: SceneNode, to: SceneNode) => middle(to).y < middle(from).y]
        ] as const) {
            const before = await selected();
            await page.keyboard.press(key);
            const after = await selected();
            expect(moved(before.node, after.node), `${key} from ${before.node.id} to ${after.node.id}`).toBe(true);
            expect(after.inView).toBe(true);
        }
        expect(await page.textContent('#selection-info')).toContain('Selected:');

        // Plain arrows still pan, keeping the selection; Enter goes to the selected factor's text.
        const at = await shownZoom(page);
        const last = await selected();
        await page.keyboard.press('ArrowLeft');
        expect((await shownZoom(page)).x).not.toBe(at.x);
        await page.keyboard.press('Enter');
        expect((await posted()).at(-1)).toEqual({ type: 'reveal', uri: last.node.location.uri, range: last.node.location.range, focus: true });
    });

    it('fades the rest round a selected factor while the factor or one of its arrows is in view, not after', async () => {
        const { page } = await openSeedZoomedIn();
        await page.focus('#viewport');
        await page.keyboard.press('Shift+ArrowRight');
        const selected = await page.getAttribute('#stage g.marvel-node.selected', 'data-id');
        /** The opacities of the factors in view other than the selected one and its neighbours. */
        const fadedInView = (): Promise<number[]> => page.evaluate(() => {
            const view = document.getElementById('viewport')!.getBoundingClientRect();
            return [...document.querySelectorAll('#stage g.marvel-node:not(.selected):not(.related)')].filter(node => {
                const box = node.getBoundingClientRect();
                return box.right > view.left && box.left < view.right && box.bottom > view.top && box.top < view.bottom;
            }).map(node => Number(getComputedStyle(node).opacity));
        });
        expect(selected).toBeTruthy();
        expect(new Set(await fadedInView())).toEqual(new Set([0.5]));

        // Panned away: while an arrow of it is still in view it stands out; once nothing of the selection is, the factors there are drawn in full.
        const inView = (): Promise<{ factor: boolean; arrows: boolean }> => page.evaluate(() => {
            const view = document.getElementById('viewport')!.getBoundingClientRect();
            const meets = (element: Element): boolean => {
                const box = element.getBoundingClientRect();
                return box.right > view.left && box.left < view.right && box.bottom > view.top && box.top < view.bottom;
            };
            return { factor: meets(document.querySelector('#stage g.marvel-node.selected')!), arrows: [...document.querySelectorAll('#stage g.marvel-edge.related .marvel-edge-line')].some(meets) };
        });
        let steps = 0;
        let sawArrowAlone = false;
        for (let seen = await inView(); (seen.factor || seen.arrows) && steps < 400; seen = await inView()) {
            if (!seen.factor && seen.arrows && !sawArrowAlone && await page.evaluate(() => document.querySelector('#stage svg')!.classList.contains('selection-in-view'))) {
                sawArrowAlone = true;
            }
            await page.keyboard.press('ArrowRight');
            steps++;
        }
        expect(sawArrowAlone).toBe(true);
        await page.waitForFunction(() => document.querySelector('#stage svg')!.classList.contains('selection-in-view') === false);
        const shown = await fadedInView();
        expect(shown.length).toBeGreaterThan(0);
        expect(new Set(shown)).toEqual(new Set([1]));
        for (let k = 0; k < steps; k++) {
            await page.keyboard.press('ArrowLeft');
        }
        await page.waitForFunction(() => document.querySelector('#stage svg')!.classList.contains('selection-in-view'));
        expect(new Set(await fadedInView())).toEqual(new Set([0.5]));
    });

    it('keeps the middle of a zoomed view in the middle when the panel grows or shrinks', async () => {
        const { page } = await openSeedZoomedIn();
        const middle = async (): Promise<{ x: number; y: number }> => {
            const { x, y } = await shownMiddle(page);
            return { x: Math.round(x), y: Math.round(y) };
        };
        const before = await middle();
        const viewport = page.viewportSize()!;
        for (const height of [viewport.height + 300, viewport.height - 200]) {
            const shown = await page.evaluate(() => document.getElementById('viewport')!.clientHeight);
            await page.setViewportSize({ width: viewport.width, height });
            await page.waitForFunction(was => document.getElementById('viewport')!.clientHeight !== was, shown);
            await page.waitForTimeout(100);
            expect(await middle()).toEqual(before);
        }
    });
});

function countNodes(page: Page): Promise<number> {
    return page.evaluate(() => document.querySelectorAll('#stage g.marvel-node').length);
}

/** A point on screen where a relation's line is the topmost thing, and that relation. */
async function clickableRelation(page: Page): Promise<{ index: number; x: number; y: number }> {
    const found = await page.evaluate(() => {
        for (const edge of document.querySelectorAll<SVGGElement>('#stage g.marvel-edge')) {
            const line = edge.querySelector<SVGPathElement>('.marvel-edge-line')!;
            const point = line.getPointAtLength(line.getTotalLength() * 0.4);
            const screen = new DOMPoint(point.x, point.y).matrixTransform(line.getScreenCTM()!);
            if (document.elementFromPoint(screen.x, screen.y)?.closest('.marvel-edge') === edge) {
                return { index: Number(edge.getAttribute('data-relation')), x: screen.x, y: screen.y };
            }
        }
        return undefined;
    });
    if (!found) {
        throw new Error('no relation can be clicked');
    }
    return found;
}

