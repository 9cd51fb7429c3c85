import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelGraph } from '../language/analysis/model-graph.js';
import { exportModel } from '../language/exchange/formats.js';
import { loadAnalysedModel } from '../server/cli/trace-command.js';
import { repositoryRoot } from './support/example-files.js';
import { chromiumPresent, launchChromium } from './support/webview-harness.js';
import { onPath, toolPresent } from './support/required-tools.js';

/**
 * Each export read by the program that really reads its format: Graphviz renders the DOT,
 * xmllint validates the GraphML against the GraphML schema, Mermaid renders the flowchart
 * in Chromium.
 */
const models = ['examples/mensenhandel/mensenhandel.marvel', 'examples/quickstart.marvel', 'examples/quickstart-care.marvel', 'test/fixtures/exchange/every-attribute.marvel'];
const graphs = new Map<string, ModelGraph>();
const work = mkdtempSync(path.join(tmpdir(), 'marvel-exchange-readers-'));

beforeAll(async () => {
    for (const file of models) {
        graphs.set(file, (await loadAnalysedModel(file, repositoryRoot)).graph);
    }
});
afterAll(() => rmSync(work, { recursive: true, force: true }));


describe.skipIf(!toolPresent('the Graphviz tests', 'dot', onPath('dot'), 'apt-get install -y graphviz'))('Graphviz reads the DOT export', () => {
    it.each(models)('dot -Tsvg renders %s without a warning, every factor and relation drawn', file => {
        const graph = graphs.get(file)!;
        const run = spawnSync('dot', ['-Tsvg'], { input: exportModel(graph, 'dot'), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        expect(run.stdout.match(/class="node"/g)?.length).toBe(graph.factors.length);
        expect(run.stdout.match(/class="edge"/g)?.length ?? 0).toBe(graph.relations.length);
        expect(run.stdout.match(/class="cluster"/g)?.length ?? 0).toBe(graph.categories.length);
    });
});

describe.skipIf(!toolPresent('the GraphML schema tests', 'xmllint', onPath('xmllint'), 'apt-get install -y libxml2-utils'))('the GraphML export is valid GraphML', () => {
    it.each(models)('%s validates against the GraphML schema', file => {
        const exported = path.join(work, `${path.basename(file)}.graphml`);
        writeFileSync(exported, exportModel(graphs.get(file)!, 'graphml'));
        const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', path.join(repositoryRoot, 'test/support/graphml.xsd'), exported], { encoding: 'utf8' });
        expect(run.stderr.trim()).toBe(`${exported} validates`);
        expect(run.status).toBe(0);
    });

    it('the schema does catch an edge to an unknown node', () => {
        const broken = path.join(work, 'broken.graphml');
        writeFileSync(broken, exportModel(graphs.get(models[3])!, 'graphml').replace('target="daders"', 'target="nobody"'));
        const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', path.join(repositoryRoot, 'test/support/graphml.xsd'), broken], { encoding: 'utf8' });
        expect(run.status).not.toBe(0);
        expect(run.stderr).toContain("No match found for key-sequence ['nobody']");
    });
});


describe.skipIf(!chromiumPresent('the Mermaid tests'))('Mermaid renders the Mermaid export in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
        browser = await launchChromium();
    });
    afterAll(async () => {
        await browser?.close();
    });

    it.each(models)('%s renders without error, every factor drawn', async file => {
        const graph = graphs.get(file)!;
        const page = await browser.newPage();
        const pageErrors: string[] = [];
        page.on('pageerror', error => pageErrors.push(error.message));
        await page.setContent('<!DOCTYPE html><html><body></body></html>');
        await page.addScriptTag({ path: path.join(repositoryRoot, 'node_modules/mermaid/dist/mermaid.min.js') });
        const outcome = await page.evaluate(async (text: string) => {
            const mermaid = (window as unknown as { mermaid: { initialize(config: object): void; render(id: string, text: string): Promise<{ svg: string }> } }).mermaid;
            mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
            try {
                const { svg } = await mermaid.render('exported', text);
                return { svg };
            } catch (error) {
                return { error: error instanceof Error ? error.message : String(error) };
            }
        }, exportModel(graph, 'mermaid'));
        await page.close();
        expect(outcome.error).toBeUndefined();
        expect(pageErrors).toEqual([]);
        expect(outcome.svg?.match(/class="node /g)?.length).toBe(graph.factors.length);
        expect(outcome.svg).toContain(graph.factors[0].label.replace(/&/g, '&amp;').slice(0, 8));
    });
});
