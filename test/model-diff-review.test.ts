import { describe, expect, it } from 'vitest';
import { diffSummary } from '../language/analysis/diff/diff-summary.js';
import { diffModels } from '../language/analysis/diff/model-diff.js';
import { diffBaseModel } from './support/diff-models.js';
import { graphOf } from './support/workspace.js';

/** With a loop (daders → pakkans → daders) whose kind a change can turn. */
const base = `${diffBaseModel}daders -> +pakkans\n`;

/** Replaces an identifier everywhere it stands as a word. */
function renamed(text: string, from: string, to: string): string {
    return text.replace(new RegExp(`\\b${from}\\b`, 'g'), to);
}

describe('model diff for review: renames', () => {
    it('reports a factor whose identifier changed, and nothing else, as one rename', async () => {
        const diff = diffModels(await graphOf(base), await graphOf(renamed(base, 'daders', 'aantalDaders')));
        expect(diff.factors.renamed).toEqual([{ from: 'daders', to: 'aantalDaders', label: 'Daders' }]);
        expect(diff.factors).toMatchObject({ added: [], removed: [], changed: [] });
        expect(diff.relations).toEqual({ added: [], removed: [], changed: [] });
        expect(diff.loops).toMatchObject({ added: [], removed: [], changed: [] });
        expect(diff.effects).toEqual([]);
        expect(diffSummary(diff)).toBe('1 factor renamed');
    });

    it('follows two renamed factors that are linked to each other', async () => {
        const after = renamed(renamed(base, 'daders', 'aantalDaders'), 'pakkans', 'pakkansPolitie');
        const diff = diffModels(await graphOf(base), await graphOf(after));
        expect(diff.factors.renamed.map(r => `${r.from}>${r.to}`).sort()).toEqual(['daders>aantalDaders', 'pakkans>pakkansPolitie']);
        expect(diff.relations).toEqual({ added: [], removed: [], changed: [] });
    });

    it('reports a labelled factor renamed in the change that also changed its relations as a rename, and the relations as changed', async () => {
        // Renamed, one of its relations flipped and one added to it: it was a factor, its relations and its loops removed and added.
        const after = `${renamed(base, 'daders', 'aantalDaders').replace('oud -> +aantalDaders', 'oud -> -aantalDaders')}pilot -> +aantalDaders\n`;
        const diff = diffModels(await graphOf(base), await graphOf(after));
        expect(diff.factors.renamed).toEqual([{ from: 'daders', to: 'aantalDaders', label: 'Daders' }]);
        expect(diff.factors).toMatchObject({ added: [], removed: [] });
        expect(diff.relations.added.map(r => `${r.source}>${r.target}`)).toEqual(['pilot>aantalDaders']);
        expect(diff.relations.removed).toEqual([]);
        expect(diff.relations.changed.map(r => `${r.source}>${r.target}`)).toEqual(['oud>aantalDaders']);
        // The loop through the renamed factor is the same loop.
        expect(diff.loops.added).toEqual([]);
        expect(diff.loops.removed).toEqual([]);
    });

    it('keeps an unlabelled factor whose identifier and relations both changed as a removal and an addition', async () => {
        const unlabelled = base.replace('factor oud "Oud"', 'factor oud');
        const after = renamed(unlabelled, 'oud', 'nieuw').replace('nieuw -> +daders', 'nieuw -> -daders');
        const diff = diffModels(await graphOf(unlabelled), await graphOf(after));
        expect(diff.factors.renamed).toEqual([]);
        expect(diff.factors.added.map(f => f.id)).toEqual(['nieuw']);
        expect(diff.factors.removed.map(f => f.id)).toEqual(['oud']);
    });

    it('reports a changed label with the same identifier as a change, not a rename', async () => {
        const diff = diffModels(await graphOf(base), await graphOf(base.replace('"Daders"', '"Aantal daders"')));
        expect(diff.factors.renamed).toEqual([]);
        expect(diff.factors.changed).toEqual([{ id: 'daders', label: 'Aantal daders', changes: [{ field: 'label', before: 'Daders', after: 'Aantal daders' }] }]);
    });

    it('does not take two unrelated, unlabelled factors for a rename', async () => {
        const diff = diffModels(await graphOf(`${base}factor los\n`), await graphOf(`${base}factor anders\n`));
        expect(diff.factors.renamed).toEqual([]);
        expect(diff.factors.added.map(f => f.id)).toEqual(['anders']);
    });
});

describe('model diff for review: verdicts and the summary line', () => {
    it('says what a changed effect means for the KPI', async () => {
        const diff = diffModels(await graphOf(base), await graphOf(base.replace('pakkans -> -daders', 'pakkans -> +daders')));
        expect(diff.effects).toEqual([{ intervention: 'pilot', kpi: 'slachtoffers', before: '-', after: '+', beforeVerdict: 'desired', afterVerdict: 'undesired', beforeDominant: '-', afterDominant: '+', beforeVerdictWords: 'desired', afterVerdictWords: 'undesired' }]);
        expect(diffSummary(diff)).toBe('1 sign flipped, 1 loop changed kind, 1 verdict changed');
    });

    it('reports a verdict that changes with the KPI\'s direction, the effect staying', async () => {
        const diff = diffModels(await graphOf(base), await graphOf(base.replace('decrease', 'increase')));
        expect(diff.effects).toEqual([{ intervention: 'pilot', kpi: 'slachtoffers', before: '-', after: '-', beforeVerdict: 'desired', afterVerdict: 'undesired', beforeDominant: '-', afterDominant: '-', beforeVerdictWords: 'desired', afterVerdictWords: 'undesired' }]);
    });

    it('counts every kind of change in one line', async () => {
        const after = base.replace('factor oud "Oud"\n', '').replace('oud -> +daders\n', 'factor nieuw "Nieuw"\nnieuw -> +daders\ndaders -> -nieuw\n')
            .replace('pakkans -> -daders', 'pakkans -> -daders (strength: strong)');
        expect(diffSummary(diffModels(await graphOf(base), await graphOf(after)))).toBe('1 factor added, 1 factor removed, 2 relations added, 1 relation removed, 1 relation changed, 1 loop appeared');
        expect(diffSummary(diffModels(await graphOf(base), await graphOf(base)))).toBe('no changes');
    });
});
