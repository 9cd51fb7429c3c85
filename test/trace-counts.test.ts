import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { pathText, targetText } from '../client/tracing/effects-text.js';
import { pathCounts, verdictWords } from '../client/webview/trace/text.js';
import { boundWords, pathCountWords, pathTallyWords, tallyPaths, verdictPhrase } from '../language/analysis/tracing/effect-words.js';
import { lensPart, mixedEffectMessage } from '../language/text/effect-text.js';
import type { TraceView } from '../language/protocol/trace-protocol.js';
import { runMarvel } from './support/marvel-cli.js';
import type { PreviewModel } from './support/preview-diagrams.js';
import { folderFiles, previewModel } from './support/preview-diagrams.js';
import { createWorkspace } from './support/workspace.js';

const projectRoot = fileURLToPath(new URL('..', import.meta.url)).replace(/[\\/]$/, '');
const seedFolder = path.join(projectRoot, 'examples', 'mensenhandel');

describe('the words of a count', () => {
    it('counts paths once and words them as verdicts for a KPI, as raise and lower otherwise', () => {
        const tally = tallyPaths([{ sign: '+' }, { sign: '-' }, { sign: '-' }, { sign: '?' }], ['count']);
        expect(pathCountWords(tally)).toBe('4+ paths');
        expect(pathTallyWords(tally, 'decrease')).toBe('4+ paths: 2 desired, 1 undesired, 1 unknown');
        expect(pathTallyWords(tally, null)).toBe('4+ paths: 1 raise it, 2 lower it, 1 unknown');
        expect(pathCountWords(tallyPaths([{ sign: '+' }], []))).toBe('1 path');
        expect(pathCountWords(tallyPaths([], []))).toBe('no path');
        expect(boundWords(['length', 'count', 'steps'], { maxLength: 10, maxPaths: 200 }))
            .toBe('paths longer than 10 relations are not followed; only the 200 shortest paths are counted; the search stopped at its work limit');
    });

    it('gives a KPI a verdict in words, never a sign', () => {
        expect(verdictPhrase('mixed', 'mixed', '-', 'decrease')).toBe('mixed, mostly desired');
        expect(verdictPhrase('mixed', 'mixed', '-', 'increase')).toBe('mixed, mostly undesired');
        expect(verdictPhrase('mixed', 'mixed', 'mixed', 'increase')).toBe('mixed, evenly balanced');
        expect(verdictPhrase('-', 'desired', '-', 'decrease')).toBe('desired');
        expect(verdictPhrase('none', 'none', 'none', 'decrease')).toBe('not reached');
        expect(verdictPhrase('mixed', 'none', '+', null)).toBe('both ways, mostly raising it');
    });
});

/**
 * One trace of the seed (pilotGemeente to the KPI slachtoffers), as the code lens, the Effects
 * view, the preview's side panel and `marvel trace` show it: the same numbers in the same words.
 */
describe('one trace, one set of numbers, on the seed example', () => {
    let seed: PreviewModel;
    let trace: TraceView;
    let lens: string;
    let hint: string;
    let cli: string;

    beforeAll(async () => {
        const files = folderFiles(seedFolder);
        seed = await previewModel(files, 'mensenhandel.marvel');
        trace = seed.trace('pilotGemeente');
        const workspace = await createWorkspace(files);
        const model = workspace.services.workspace.ModelProvider.getModel(workspace.documents['mensenhandel.marvel']);
        const effect = model.effects.get('pilotGemeente')!.find(e => e.kpi === 'slachtoffers')!;
        lens = lensPart(model.graph, effect);
        hint = mixedEffectMessage(model.graph, 'pilotGemeente', effect);
        cli = (await runMarvel(['trace', path.join(seedFolder, 'mensenhandel.marvel'), '--from', 'pilotGemeente', '--to', 'slachtoffers'])).stdout;
    });

    it('counts the same paths in the lens, the Effects view, the side panel and the command line', () => {
        const target = trace.targets.find(t => t.target === 'slachtoffers')!;
        const count = '200+ paths';
        const split = '182 desired, 16 undesired, 2 unknown';
        expect(lens).toBe(`Aantal slachtoffers mensenhandel: mixed, mostly desired · ${count}`);
        expect(hint).toContain(`${count}: ${split} (paths longer than 10 relations are not followed; only the 200 shortest paths are counted)`);
        const effects = targetText(target, trace);
        expect(effects.label).toBe('Aantal slachtoffers mensenhandel: mixed, mostly desired');
        expect(effects.description).toBe(`${count}: ${split}`);
        expect(effects.tooltip).toContain('only the 200 shortest paths are counted');
        expect(verdictWords(target)).toBe('mixed, mostly desired');
        expect(pathCounts(target, trace.pathBounds)).toBe(`${count}: ${split} (paths longer than 10 relations are not followed; only the 200 shortest paths are counted). The 25 strongest are listed.`);
        expect(cli).toContain('  verdict: mixed, mostly desired');
        expect(cli).toContain(`  ${count}: ${split}\n`);
        expect(cli).toContain('truncated: paths longer than 10 relations are not followed; only the 200 shortest paths are counted');
    });

    it('counts the loops a path touches the same in the Effects view and the command line', () => {
        const strongest = trace.targets.find(t => t.target === 'slachtoffers')!.paths[0];
        const touches = pathText(strongest).description!;
        // The loops along it first: every path of a dense model touches about as many, so "touches 292" led and told nothing.
        expect(touches).toMatch(/^\d+ of \d+ feedback loops along it$/);
        expect(strongest.loopCount).toBeGreaterThan(strongest.loops.length);
        expect(cli).toContain(`1. ${strongest.reading}`);
        expect(cli.split('\n').find(line => line.includes('1. '))).toContain(`${touches}: `);
    });

    it('tells paths apart by the loops that run along them, where every path touches about as many', () => {
        const paths = trace.targets.find(t => t.target === 'slachtoffers')!.paths;
        const loopsOf = new Map(trace.loops.map(loop => [loop.id, loop]));
        for (const path of paths) {
            expect(path.loopsAlong).toBeLessThanOrEqual(path.loopCount);
            // Those along it come first: each shares a relation (a step from one factor to the next) with the path.
            const steps = new Set(path.nodes.slice(1).map((id, k) => `${path.nodes[k]}>${id}`));
            for (const [k, id] of path.loops.entries()) {
                const loop = loopsOf.get(id)!;
                const shares = loop.nodes.some((node, at) => steps.has(`${node}>${loop.nodes[(at + 1) % loop.nodes.length]}`));
                expect(shares, `${id} on path ${path.reading}`).toBe(k < path.loopsAlong);
            }
        }
        expect(new Set(paths.map(path => path.loopsAlong)).size).toBeGreaterThan(new Set(paths.map(path => path.loopCount)).size);
    });
});
