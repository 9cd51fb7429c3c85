import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffMermaid } from '../language/analysis/diff/diff-mermaid.js';
import { diffUnion } from '../language/analysis/diff/diff-union.js';
import { diffModels } from '../language/analysis/diff/model-diff.js';
import { repositoryRoot } from './support/example-files.js';
import { chromiumPresent, launchChromium } from './support/webview-harness.js';
import { diffBaseModel } from './support/diff-models.js';
import { graphOf } from './support/workspace.js';

const base = diffBaseModel;

/** Each kind of change a reviewer meets, as the new text of the base model. */
const changes: Record<string, string> = {
    'added factor and relation': base.replace('oud -> +daders', 'oud -> +daders\nfactor nieuw "Nieuw"\nnieuw -> -slachtoffers'),
    'removed factor and relation': base.replace('factor oud "Oud"\n', '').replace('oud -> +daders\n', ''),
    'sign flip': base.replace('pakkans -> -daders', 'pakkans -> +daders'),
    'strength change': base.replace('pakkans -> -daders', 'pakkans -> -daders (strength: strong)'),
    'label change': base.replace('"Daders"', '"Aantal daders"'),
    'rename': base.replace(/\bdaders\b/g, 'aantalDaders'),
    'loop appearing': `${base}daders -> +pakkans\n`,
    'text that could break out': base.replace('"Oud"', '"Oud \\"quoted\\" #1 <b>bold</b> [x] {y} (z) | a --> b; `code` &amp;"')
};

async function mermaidOf(after: string): Promise<string> {
    const before = await graphOf(base);
    const graph = await graphOf(after);
    return diffMermaid(diffUnion(before, graph, diffModels(before, graph))).text;
}

describe('the Mermaid picture of a change', () => {
    it('colours each kind of change by its class and dashes removed relations', async () => {
        expect(await mermaidOf(changes['added factor and relation'])).toMatch(/class [n\d,]*\bn\d+\b[n\d,]* added/);
        const removed = await mermaidOf(changes['removed factor and relation']);
        expect(removed).toMatch(/n\d+ -\.->\|"\+"\| n\d+/);
        expect(removed).toMatch(/ removed$/m);
        expect(await mermaidOf(changes['sign flip'])).toContain('|"sign - → +"|');
        expect(await mermaidOf(changes['strength change'])).toContain('|"strength average → strong"|');
        expect(await mermaidOf(changes['label change'])).toContain(`["Aantal daders · label 'Daders' → 'Aantal daders'"]`);
        expect(await mermaidOf(changes.rename)).toContain('["Daders · renamed daders → aantalDaders"]');
    });

    it('escapes model text so that it stays inside its label', async () => {
        const text = await mermaidOf(changes['text that could break out']);
        const label = /^ {4}n\d+\["(.*quoted.*)"\]$/m.exec(text)?.[1];
        expect(label).toBeDefined();
        expect(label).not.toMatch(/[<>[\]{}()|`&"]/);
        expect(label).toContain('#34;quoted#34;');
    });

    it('draws no more factors than the cap and counts the changes left out', async () => {
        const many = Array.from({ length: 40 }, (_, i) => `factor f${i} "F ${i}"\nf${i} -> +daders`).join('\n');
        const before = await graphOf(base);
        const after = await graphOf(`${base}${many}\n`);
        const picture = diffMermaid(diffUnion(before, after, diffModels(before, after)), 10);
        expect(picture.text.split('\n').filter(line => /^ {4}n\d+[[({]/.test(line))).toHaveLength(10);
        expect(picture.omittedChanges).toBeGreaterThan(40);
    });
});

describe.skipIf(!chromiumPresent('the Mermaid diff tests'))('the Mermaid picture in the real mermaid package, in Chromium', () => {
    let browser: Browser;
    let page: Page;

    beforeAll(async () => {
        browser = await launchChromium();
        page = await browser.newPage();
        await page.setContent('<!doctype html><html><body></body></html>');
        await page.addScriptTag({ path: path.join(repositoryRoot, 'node_modules', 'mermaid', 'dist', 'mermaid.min.js') });
        await page.evaluate(() => (window as unknown as { mermaid: { initialize(config: object): void } }).mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' }));
    }, 60_000);

    afterAll(async () => {
        await browser?.close();
    });

    /** Parses and renders the text with mermaid, puts the SVG in the page and reads what it drew. */
    async function draw(text: string, id: string): Promise<{ nodes: Record<string, string[]>; edges: Array<{ stroke: string; dash: string }>; labels: string[] }> {
        return page.evaluate(async ({ text, id }) => {
            interface Mermaid { parse(text: string): Promise<unknown>; render(id: string, text: string): Promise<{ svg: string }> }
            const mermaid = (window as unknown as { mermaid: Mermaid }).mermaid;
            await mermaid.parse(text);
            const { svg } = await mermaid.render(id, text);
            const holder = document.createElement('div');
            holder.innerHTML = svg;
            document.body.append(holder);
            const nodes: Record<string, string[]> = {};
            for (const node of holder.querySelectorAll('g.node')) {
                const shape = node.querySelector('rect, path, polygon')!;
                const style = getComputedStyle(shape);
                const kind = ['added', 'removed', 'changed', 'context'].find(c => node.classList.contains(c)) ?? 'none';
                nodes[kind] = [...nodes[kind] ?? [], `${style.fill} ${style.strokeDasharray}`];
            }
            const edges = [...holder.querySelectorAll<SVGPathElement>('.edgePaths path')].map(edge => ({
                stroke: getComputedStyle(edge).stroke, dash: getComputedStyle(edge).strokeDasharray
            }));
            const labels = [...holder.querySelectorAll('.nodeLabel, .edgeLabel')].map(label => label.textContent ?? '');
            return { nodes, edges, labels };
        }, { text, id });
    }

    it('parses and renders every kind of change, with the added, removed and changed styles', async () => {
        let n = 0;
        for (const [kind, after] of Object.entries(changes)) {
            const drawn = await draw(await mermaidOf(after), `diff${n++}`);
            expect(drawn.labels.length, kind).toBeGreaterThan(0);
        }
        const added = await draw(await mermaidOf(changes['added factor and relation']), 'added');
        expect(added.nodes.added).toEqual(['rgb(218, 251, 225) none']);
        expect(added.edges.map(e => e.stroke)).toContain('rgb(26, 127, 55)');
        const removed = await draw(await mermaidOf(changes['removed factor and relation']), 'removed');
        expect(removed.nodes.removed).toEqual(['rgb(255, 235, 233) 5px, 4px']);
        expect(removed.edges).toContainEqual({ stroke: 'rgb(207, 34, 46)', dash: '5px, 4px' });
        const flipped = await draw(await mermaidOf(changes['sign flip']), 'flipped');
        expect(flipped.edges.map(e => e.stroke)).toContain('rgb(191, 135, 0)');
        const renamed = await draw(await mermaidOf(changes.rename), 'renamed');
        expect(renamed.nodes.changed).toEqual(['rgb(255, 248, 197) none']);
        expect(renamed.labels).toContain('Daders · renamed daders → aantalDaders');
    }, 120_000);

    it('shows model text as it was written, and no markup of it', async () => {
        const drawn = await draw(await mermaidOf(changes['text that could break out']), 'escaped');
        const written = 'Oud "quoted" #1 <b>bold</b> [x] {y} (z) | a --> b; `code` &amp;';
        expect(drawn.labels).toContain(`${written} · label 'Oud' → '${written}'`);
        expect(await page.evaluate(() => document.querySelectorAll('svg b').length)).toBe(0);
    }, 60_000);
});
