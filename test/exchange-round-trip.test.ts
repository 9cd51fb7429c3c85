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

const formatter = new MarvelFormatter(createMarvelServices(EmptyFileSystem).Marvel);

/** Exports, imports the result as MARVEL text (which must be in the formatter's layout already) and builds that text again. */
async function roundTrip(graph: ModelGraph, format: ImportFormat): Promise<{ graph: ModelGraph; text: string; warnings: readonly string[] }> {
    const result = importModel(exportModel(graph, format), format);
    const text = marvelText(result.model);
    expect(formatter.formatText(text), 'the imported text is formatted canonically').toBe(text);
    return { graph: await graphOf(text), text, warnings: result.warnings.map(w => `${w.place}: ${w.message}`) };
}

/** What `marvel diff` does not compare: the categories with their nesting, colours and descriptions. */
function categories(graph: ModelGraph): unknown[] {
    return graph.categories.map(c => ({ id: c.id, label: c.label, color: c.color, parent: c.parent, description: c.description })).sort((a, b) => a.id.localeCompare(b.id));
}

function expectSameModel(before: ModelGraph, after: ModelGraph): void {
    const diff = diffModels(before, after);
    expect(diff.factors).toEqual({ added: [], removed: [], changed: [], renamed: [] });
    expect(diff.relations).toEqual({ added: [], removed: [], changed: [] });
    expect(isEmptyDiff(diff)).toBe(true);
    expect(categories(after)).toEqual(categories(before));
    expect(after.factors.map(f => [f.id, f.key])).toEqual(expect.arrayContaining(before.factors.map(f => [f.id, f.key])));
}

describe.each(Object.entries(models))('round trip of %s', (_name, file) => {
    it.each(roundTripFormats)('through %s reports no difference', async format => {
        const before = (await loadAnalysedModel(file, repositoryRoot)).graph;
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
        const before = (await loadAnalysedModel(model.files[0].path, folder)).graph;
        expect(before.factors.length).toBeGreaterThan(factorCount * 0.9);
        for (const format of roundTripFormats) {
            expectSameModel(before, (await roundTrip(before, format)).graph);
        }
    });
});

describe.each(Object.entries(models))('the import of %s from a dynamics format', (_name, file) => {
    it.each(['mdl', 'xmile'] as const)('through %s is formatted canonically', async format => {
        const graph = (await loadAnalysedModel(file, repositoryRoot)).graph;
        const text = marvelText(importModel(exportModel(graph, format), format).model);
        expect(formatter.formatText(text)).toBe(text);
    });
});

describe('GraphML keeps the model header', () => {
    it('a model name from another tool that is no identifier becomes one, with a warning', () => {
        const result = importModel('<graphml><graph edgedefault="directed"><data key="name">Mijn model</data><node id="a"/></graph></graphml>', 'graphml');
        expect(result.model.name).toBe('mijnModel');
        expect(result.warnings.map(w => w.message)).toContain("'Mijn model' is not a valid model name; named 'mijnModel'");
    });

    it('name and title come back', async () => {
        const before = (await loadAnalysedModel(models['a model with every attribute'], repositoryRoot)).graph;
        const after = await roundTrip(before, 'graphml');
        expect([after.graph.data.name, after.graph.data.title]).toEqual([before.data.name, before.data.title]);
    });
});
