import { readFileSync } from 'node:fs';
import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import { MarvelFormatter } from '../language/lsp/marvel-formatter.js';
import { createMarvelServices } from '../language/marvel-module.js';
import { exampleFiles as findExampleFiles } from './support/example-files.js';
import { folderFiles } from './support/preview-diagrams.js';
import { seedFolder, seedMain } from './support/seed-model.js';
import { createWorkspace, TestWorkspace } from './support/workspace.js';

const exampleFiles = findExampleFiles();

describe('examples', () => {
    test('exist: the quickstart and the complete seed model', () => {
        expect(exampleFiles).toContain('examples/quickstart.marvel');
        expect(exampleFiles).toContain('examples/mensenhandel/mensenhandel.marvel');
    });

    test.each(exampleFiles)('%s is in the formatter\'s canonical layout', file => {
        const formatter = new MarvelFormatter(createMarvelServices(EmptyFileSystem).Marvel);
        const text = readFileSync(file, 'utf8');
        expect(formatter.formatText(text)).toBe(text);
    });

    test('the seed model has all six domains, both central KPIs with their directions, and every role', async () => {
        const files = Object.fromEntries(exampleFiles.filter(f => f.includes('mensenhandel/')).map(f => [f.split('/').pop()!, readFileSync(f, 'utf8')]));
        const ws = await createWorkspace(files);
        const graph = ws.services.workspace.ModelProvider.getModel(ws.documents['mensenhandel.marvel']).graph;
        expect(graph.categories.map(c => c.id)).toEqual(expect.arrayContaining(['beleid', 'bestuur', 'bewustwording', 'informatie', 'hulpverlening', 'strafrechtketen']));
        expect(graph.kpis().map(k => [k.id, k.direction])).toEqual([['slachtoffers', 'decrease'], ['inBeeld', 'increase']]);
        expect(new Set(graph.factors.map(f => f.role))).toEqual(new Set(['factor', 'key', 'indicator', 'intervention', 'kpi']));
        expect(graph.relations.every(r => r.note !== undefined && /§\s?\d/.test(r.note))).toBe(true);
        const errors = Object.values(ws.documents).flatMap(d => d.diagnostics ?? []).filter(d => d.severity === 1);
        expect(errors).toEqual([]);
    });
});

describe('the seed example, whose files import each other in a ring', () => {
    test('gives one graph, in one order, whichever file is read first', async () => {
        const orderFrom = async (first: string): Promise<string[]> => {
            // Not validated, so that nothing asks for the model before `first` does.
            const services = createMarvelServices(EmptyFileSystem);
            services.shared.workspace.DocumentBuilder.updateBuildOptions = { validation: false };
            const workspace = new TestWorkspace(services);
            await workspace.open(folderFiles(seedFolder));
            const graph = workspace.services.workspace.ModelProvider.getModel(workspace.documents[first]).graph;
            return [...graph.factors.map(f => f.id), ...graph.relations.map(r => `${r.source} ${r.sign} ${r.target}`)];
        };
        const fromMain = await orderFrom(seedMain);
        expect(fromMain.length).toBeGreaterThan(300);
        for (const first of ['hulpverlening.marvel', 'strafrechtketen.marvel']) {
            expect(await orderFrom(first), first).toEqual(fromMain);
        }
    });
});
