import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import { afterAll, describe, expect, it } from 'vitest';
import { generateModel } from '../bench/generate-model.js';
import { diffModels, isEmptyDiff } from '../language/analysis/diff/model-diff.js';
import type { ModelGraph } from '../language/analysis/model-graph.js';
import type { ImportFormat } from '../language/exchange/formats.js';
import { exportModel, importModel } from '../language/exchange/formats.js';
import { marvelText } from '../language/exchange/marvel-text.js';
import { MarvelFormatter } from '../language/lsp/marvel-formatter.js';
import { createMarvelServices } from '../language/marvel-module.js';
import { loadAnalysedModel } from '../server/cli/trace-command.js';
import { repositoryRoot } from './support/example-files.js';
import { graphOf } from './support/workspace.js';

const roundTripFormats = ['kumu', 'csv', 'graphml'] as const satisfies readonly ImportFormat[];
const work = mkdtempSync(path.join(tmpdir(), 'marvel-exchange-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const models: Record<string, string> = {
    'the seed model': 'examples/mensenhandel/mensenhandel.marvel',
    'the quickstart': 'examples/quickstart.marvel',
    'the care quickstart': 'examples/quickstart-care.marvel',
    'a model with every attribute': 'test/fixtures/exchange/every-attribute.marvel'
};

/** Exports, imports the result, writes it as formatted MARVEL text and builds that text again. */
async function roundTrip(graph: ModelGraph, format: ImportFormat): Promise<{ graph: ModelGraph; text: string; warnings: readonly string[] }> {
    const result = importModel(exportModel(graph, format), format);
    const formatter = new MarvelFormatter(createMarvelServices(EmptyFileSystem).Marvel);
    const text = formatter.formatText(marvelText(result.model));
    expect(text, 'the imported text parses').toBeDefined();
    return { graph: await graphOf(text!), text: text!, warnings: result.warnings.map(w => `${w.place}: ${w.message}`) };
}

/** What `marvel diff` does not compare: the categories with their nesting, colours and descriptions. */
function categories(graph: ModelGraph): unknown[] {
    return graph.categories.map(c => ({ id: c.id, label: c.label, color: c.color, parent: c.parent, description: c.description })).sort((a, b) => a.id.localeCompare(b.id));
}

function expectSameModel(before: ModelGraph, after: ModelGraph): void {
    const diff = diffModels(before, after);
    expect(diff.factors).toEqual({ added: [], removed: [], changed: [] });
    expect(diff.relations).toEqual({ added: [], removed: [], changed: [] });
    expect(isEmptyDiff(diff)).toBe(true);
    expect(categories(after)).toEqual(categories(before));
    expect(after.factors.map(f => [f.id, f.key])).toEqual(expect.arrayContaining(before.factors.map(f => [f.id, f.key])));
}

describe.each(Object.entries(models))('round trip of %s', (_name, file) => {
    it.each(roundTripFormats)('through %s reports no difference', async format => {
        const before = (await loadAnalysedModel(path.join(repositoryRoot, file))).graph;
        const after = await roundTrip(before, format);
        expectSameModel(before, after.graph);
        expect(after.warnings).toEqual([]);
    });
});

describe('round trip of generated models', () => {
    it.each([[120, 1], [400, 7]])('of %i factors (seed %i) through kumu, csv and graphml reports no difference', async (factorCount, seed) => {
        const model = generateModel(factorCount, seed);
        const folder = path.join(work, `generated-${factorCount}-${seed}`);
        for (const file of model.files) {
            mkdirSync(path.dirname(path.join(folder, file.path)), { recursive: true });
            writeFileSync(path.join(folder, file.path), file.text);
        }
        const before = (await loadAnalysedModel(path.join(folder, model.files[0].path))).graph;
        expect(before.factors.length).toBeGreaterThan(factorCount * 0.9);
        for (const format of roundTripFormats) {
            expectSameModel(before, (await roundTrip(before, format)).graph);
        }
    });
});

describe('GraphML keeps the model header', () => {
    it('name and title come back', async () => {
        const before = (await loadAnalysedModel(path.join(repositoryRoot, models['a model with every attribute']))).graph;
        const after = await roundTrip(before, 'graphml');
        expect([after.graph.data.name, after.graph.data.title]).toEqual([before.data.name, before.data.title]);
    });
});
