import { describe, expect, it } from 'vitest';
import type { ModelGraph } from '../language/analysis/model-graph.js';
import { ExchangeInputError } from '../language/exchange/exchange-model.js';
import { exportModel, importModel } from '../language/exchange/formats.js';
import { marvelText } from '../language/exchange/marvel-text.js';
import { loadAnalysedModel } from '../server/cli/trace-command.js';
import { repositoryRoot } from './support/example-files.js';
import { graphOf } from './support/workspace.js';

async function imported(text: string, format: 'mdl' | 'xmile'): Promise<ModelGraph> {
    return graphOf(marvelText(importModel(text, format).model));
}

function signedRelations(graph: ModelGraph, label: (id: string) => string): string[] {
    return graph.relations.map(r => `${label(r.source)} ${r.sign} ${label(r.target)}`).sort();
}

describe.each(['mdl', 'xmile'] as const)('importing MARVEL\'s own %s export', format => {
    it('gives back every factor, every relation with its sign, and the categories as views', async () => {
        const before = (await loadAnalysedModel('examples/quickstart.marvel', repositoryRoot)).graph;
        const after = await imported(exportModel(before, format), format);
        expect(after.factors.length).toBe(before.factors.length);
        // The variables are named by identifier; their labels say it with spaces.
        const key = (graph: ModelGraph) => (id: string): string => graph.factor(id)!.label.replace(/\s/g, '').toLowerCase();
        expect(signedRelations(after, key(after))).toEqual(signedRelations(before, id => id.toLowerCase()));
        if (format === 'mdl') {
            expect(after.categories.map(c => c.label)).toEqual(['Municipal approach to loneliness', 'Community', 'Community - Volunteer network', 'Care and health']);
        }
    });
});

describe('importing the seed example\'s mdl export', () => {
    it('puts every factor in the category of the view that defines it, not of one that shows a shadow of it', async () => {
        const before = (await loadAnalysedModel('examples/mensenhandel/mensenhandel.marvel', repositoryRoot)).graph;
        const after = await imported(exportModel(before, 'mdl'), 'mdl');
        const sizes = (graph: ModelGraph): Record<string, number> => {
            const counted: Record<string, number> = {};
            for (const factor of graph.factors) {
                // The export writes a space for a comma in a view's name.
                const label = graph.categoryPath(factor.category!).map(c => c.label).join(' - ').replace(/,/g, ' ');
                counted[label] = (counted[label] ?? 0) + 1;
            }
            return counted;
        };
        expect(sizes(after)).toEqual(sizes(before));
    });
});

describe('a Vensim causal-loop diagram', () => {
    const mdl = `{UTF-8}
"Aantal daders, totaal" = Pakkans * 2 ~~|
Slachtoffers = "Aantal daders, totaal" - Opvang ~ people ~ Victims of trafficking. |
Pakkans = 0.3 ~~|
Opvang = 1 ~~|
\\\\\\---/// Sketch information - do not modify anything except names
V300  Do not put anything below this section - it will be ignored
*Strafrecht
$192-192-192,0,Times New Roman|12||0-0-0|0-0-0|0-0-255|-1--1--1|-1--1--1|96,96,100,0
10,1,Pakkans,100,100,40,20,8,3,0,0,0,0,0,0
10,2,"Aantal daders, totaal",300,100,40,20,8,3,0,0,0,0,0,0
1,3,1,2,0,0,79,0,0,64,0,-1--1--1,,1|(0,0)|
11,4,0,200,200,6,8,34,3,0,0,1,0,0,0
*Hulp
$192-192-192,0,Times New Roman|12||0-0-0|0-0-0|0-0-255|-1--1--1|-1--1--1|96,96,100,0
10,1,Slachtoffers,100,100,40,20,8,3,0,0,0,0,0,0
10,2,"Aantal daders, totaal",300,100,40,20,8,2,0,3,-1,0,0,0,128-128-128,0-0-0,|12||128-128-128
10,3,Opvang,300,300,40,20,8,3,0,0,0,0,0,0
1,5,2,1,0,0,0,0,0,64,0,-1--1--1,,1|(0,0)|
1,6,3,1,0,0,0,0,0,64,0,-1--1--1,,1|(0,0)|
1,7,4,1,0,0,43,0,0,64,0,-1--1--1,,1|(0,0)|
///---\\\\\\
`;

    it('reads variables once, arrows with S/O and explicit equation signs, views as categories', async () => {
        const result = importModel(mdl, 'mdl');
        const graph = await graphOf(marvelText(result.model));
        expect(graph.factors.map(f => [f.id, f.label, f.category])).toEqual([
            ['pakkans', 'Pakkans', 'strafrecht'], ['aantalDadersTotaal', 'Aantal daders, totaal', 'strafrecht'],
            ['slachtoffers', 'Slachtoffers', 'hulp'], ['opvang', 'Opvang', 'hulp']
        ]);
        expect(graph.factor('slachtoffers')!.description).toBe('Victims of trafficking.');
        expect(signedRelations(graph, id => id)).toEqual(['aantalDadersTotaal + slachtoffers', 'opvang - slachtoffers', 'pakkans - aantalDadersTotaal']);
        // Said once: what such a file cannot carry, so the import is no copy of a MARVEL model.
        expect(result.warnings.map(w => `${w.place}: ${w.message}`)).toEqual([
            'the whole file: a Vensim sketch holds nothing MARVEL reads as roles, KPI directions, strengths, delays or notes: every variable becomes a plain factor and every relation keeps only its sign; mark the interventions and KPIs in the imported model'
        ]);
    });

    it('without a sketch is refused, saying so', () => {
        expect(() => importModel('{UTF-8}\na = 1 ~~|\n', 'mdl')).toThrow(ExchangeInputError);
        expect(() => importModel('{UTF-8}\na = 1 ~~|\n', 'mdl')).toThrow('the whole file: no sketch');
    });
});

describe('an XMILE model from another tool', () => {
    it('reads the drawn variables and the connectors with their polarity; a connector without one is ? with a warning', async () => {
        const xmile = `<?xml version="1.0" encoding="utf-8"?>
<xmile version="1.0" xmlns="http://docs.oasis-open.org/xmile/ns/XMILE/v1.0">
  <header><vendor>isee systems</vendor></header>
  <sim_specs><start>0</start><stop>10</stop></sim_specs>
  <model>
    <variables>
      <stock name="Victims"><eqn>10</eqn><inflow>recruitment</inflow><doc>People exploited</doc></stock>
      <flow name="recruitment"><eqn>Offenders * 0.1</eqn></flow>
      <aux name="Offenders"><eqn>5</eqn></aux>
      <aux name="Arrest\\nrate"><eqn>0.2</eqn></aux>
    </variables>
    <views>
      <view>
        <stock name="Victims" x="100" y="100"/>
        <aux name="Offenders" x="200" y="100"/>
        <aux name="Arrest\\nrate" x="300" y="100"/>
        <flow name="recruitment" x="50" y="100"/>
        <connector uid="1" polarity="+"><from>Offenders</from><to>recruitment</to></connector>
        <connector uid="2" polarity="-"><from>Arrest_rate</from><to>Offenders</to></connector>
        <connector uid="3"><from>Victims</from><to>Offenders</to></connector>
      </view>
    </views>
  </model>
</xmile>`;
        const result = importModel(xmile, 'xmile');
        const graph = await graphOf(marvelText(result.model));
        expect(graph.factors.map(f => [f.id, f.label])).toEqual([['victims', 'Victims'], ['offenders', 'Offenders'], ['arrestRate', 'Arrest rate'], ['recruitment', 'recruitment']]);
        expect(graph.factor('victims')!.description).toBe('People exploited');
        expect(signedRelations(graph, id => id)).toEqual(['arrestRate - offenders', 'offenders + recruitment', 'victims ? offenders']);
        expect(result.warnings.map(w => w.place)).toEqual(['the whole file', '<connector> on line 20']);
        expect(result.warnings[0].message).toMatch(/^an XMILE model holds nothing MARVEL reads as roles/);
    });

    it('malformed XML names its line', () => {
        expect(() => importModel('<xmile>\n<model>\n</xmile>', 'xmile')).toThrow(/^line 3, column \d+: not well-formed XML/);
    });
});
