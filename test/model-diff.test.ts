import { describe, expect, it } from 'vitest';
import { diffModels, isEmptyDiff } from '../language/analysis/diff/model-diff.js';
import { diffSummary } from '../language/analysis/diff/diff-summary.js';
import { diffBaseModel } from './support/diff-models.js';
import { graphOf } from './support/workspace.js';

const base = diffBaseModel;

describe('model diff', () => {
    it('finds nothing between a model and itself', async () => {
        expect(isEmptyDiff(diffModels(await graphOf(base), await graphOf(base)))).toBe(true);
    });

    it('reports factors added, removed and changed, field by field', async () => {
        const after = base.replace('factor oud "Oud"\n', 'key factor nieuw "Nieuw"\n').replace('oud -> +daders', 'nieuw -> +daders')
            .replace('factor pakkans "Pakkans"', 'factor pakkans "Pakkans (politie)" initial 0.3');
        const diff = diffModels(await graphOf(base), await graphOf(after));
        expect(diff.factors.added).toEqual([{ id: 'nieuw', label: 'Nieuw', kind: 'factor', role: 'key' }]);
        expect(diff.factors.removed).toEqual([{ id: 'oud', label: 'Oud', kind: 'factor', role: 'factor' }]);
        expect(diff.factors.changed).toEqual([{ id: 'pakkans', label: 'Pakkans (politie)', changes: [
            { field: 'label', before: 'Pakkans', after: 'Pakkans (politie)' },
            { field: 'initial', before: 0.5, after: 0.3 }
        ] }]);
        expect(diff.relations.added).toEqual([{ source: 'nieuw', target: 'daders', sign: '+' }]);
        expect(diff.relations.removed).toEqual([{ source: 'oud', target: 'daders', sign: '+' }]);
    });

    it('reports a relation whose sign or attributes changed, and the effects that changed with it', async () => {
        const after = base.replace('pakkans -> -daders', 'pakkans -> +daders (strength: strong, speed: low)');
        const diff = diffModels(await graphOf(base), await graphOf(after));
        expect(diff.relations.changed).toEqual([{ source: 'pakkans', target: 'daders', changes: [
            { field: 'sign', before: '-', after: '+' },
            { field: 'strength', before: 0.5, after: 1 },
            { field: 'strengthClass', before: 'average', after: 'strong' },
            { field: 'speedClass', before: 'average', after: 'low' },
            { field: 'delay', before: 1, after: 3 }
        ] }]);
        expect(diff.effects).toEqual([{ intervention: 'pilot', kpi: 'slachtoffers', before: '-', after: '+', beforeVerdict: 'desired', afterVerdict: 'undesired', beforeDominant: '-', afterDominant: '+', beforeVerdictWords: 'desired', afterVerdictWords: 'undesired' }]);
    });

    it('reports a mixed effect that now leans the other way as a changed verdict', async () => {
        const leaning = (desired: string, undesired: string): string => `intervention pilot "Pilot"
kpi slachtoffers "Slachtoffers" decrease
factor opvang "Opvang"
factor meldingen "Meldingen"
pilot -> +opvang, +meldingen
opvang -> -slachtoffers (strength: ${desired})
meldingen -> +slachtoffers (strength: ${undesired})
`;
        const diff = diffModels(await graphOf(leaning('strong', 'weak')), await graphOf(leaning('weak', 'strong')));
        expect(diff.effects).toEqual([{
            intervention: 'pilot', kpi: 'slachtoffers', before: 'mixed', after: 'mixed', beforeVerdict: 'mixed', afterVerdict: 'mixed',
            beforeDominant: '-', afterDominant: '+', beforeVerdictWords: 'mixed, mostly desired', afterVerdictWords: 'mixed, mostly undesired'
        }]);
        expect(diffSummary(diff)).toBe('2 relations changed, 1 verdict changed');
    });

    it('reports loops that appear, vanish and change kind', async () => {
        const withLoop = `${base}daders -> +pakkans\n`;
        const appeared = diffModels(await graphOf(base), await graphOf(withLoop));
        expect(appeared.loops.added).toEqual([{ nodes: ['daders', 'pakkans'], kind: 'balancing', delayed: false }]);
        const flipped = diffModels(await graphOf(withLoop), await graphOf(withLoop.replace('daders -> +pakkans', 'daders -> -pakkans (speed: low)')));
        expect(flipped.loops.changed).toEqual([{ nodes: ['daders', 'pakkans'], kind: 'reinforcing', changes: [
            { field: 'kind', before: 'balancing', after: 'reinforcing' },
            { field: 'delayed', before: false, after: true }
        ] }]);
        expect(diffModels(await graphOf(withLoop), await graphOf(base)).loops.removed).toHaveLength(1);
    });

    it('compares a pair stated twice statement by statement', async () => {
        const twice = `${base}pakkans -> -daders "again"\n`;
        const diff = diffModels(await graphOf(base), await graphOf(twice));
        expect(diff.relations.added).toEqual([{ source: 'pakkans', target: 'daders', sign: '-' }]);
        expect(diffModels(await graphOf(twice), await graphOf(base)).relations.removed).toEqual([{ source: 'pakkans', target: 'daders', sign: '-' }]);
    });
});
