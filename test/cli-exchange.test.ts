import { execFileSync, spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from './support/example-files.js';
import type { CliRun } from './support/marvel-cli.js';
import { runMarvel } from './support/marvel-cli.js';
import { graphOf } from './support/workspace.js';

const seed = path.join(repositoryRoot, 'examples/mensenhandel/mensenhandel.marvel');
let work: string;

beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'marvel-cli-exchange-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function marvel(...args: string[]): Promise<CliRun> {
    return runMarvel(args, work);
}

function file(name: string, content: string | Buffer): string {
    writeFileSync(path.join(work, name), content);
    return name;
}

describe('marvel export', () => {
    it.each(['dot', 'mermaid', 'graphml', 'kumu', 'csv', 'xmile', 'mdl'])('--to %s writes to stdout without -o', async format => {
        const run = await marvel('export', seed, '--to', format);
        expect(run.status).toBe(0);
        expect(run.stderr).toBe('');
        expect(run.stdout).toContain('Pakkans');
    });

    it('-o writes the file, the format taken from its extension', async () => {
        const run = await marvel('export', seed, '-o', 'seed.graphml');
        expect(run.status).toBe(0);
        expect(run.stdout).toBe('seed.graphml: graphml, 134 factors, 221 relations\n');
        expect(readFileSync(path.join(work, 'seed.graphml'), 'utf8')).toContain('<graphml');
    });

    it('-o keeps a symbolic link a link, and writes through a named pipe as a shell would', async () => {
        file('real.graphml', 'old');
        symlinkSync('real.graphml', path.join(work, 'link.graphml'));
        expect((await marvel('export', seed, '-o', 'link.graphml')).status).toBe(0);
        expect(lstatSync(path.join(work, 'link.graphml')).isSymbolicLink()).toBe(true);
        expect(readFileSync(path.join(work, 'real.graphml'), 'utf8')).toContain('<graphml');

        const pipe = path.join(work, 'pipe.dot');
        execFileSync('mkfifo', [pipe]);
        const reader = spawn('cat', [pipe]);
        let received = '';
        reader.stdout.on('data', (chunk: Buffer) => { received += chunk.toString('utf8'); });
        const closed = new Promise(resolve => reader.on('close', resolve));
        expect((await marvel('export', seed, '-o', 'pipe.dot')).status).toBe(0);
        await closed;
        expect(received).toMatch(/^digraph "Systeemanalyse Mensenhandel"/);
        expect(lstatSync(pipe).isFIFO()).toBe(true);
        expect(await marvel('export', seed, '--to', 'dot', '-o', '.')).toMatchObject({ status: 2, stderr: "marvel: cannot write '.': it is a folder\n" });
    });

    it('--scenario makes the scenario active in the dynamics formats, and is refused for the others', async () => {
        const run = await marvel('export', seed, '--to', 'mdl', '--scenario', 'pilot', '--delay-order', '2');
        expect(run.status).toBe(0);
        expect(run.stdout).toMatch(/^adjust_pilotGemeente = INTEG\(\(0\.8 - pilotGemeente\) \/ 1, 0\)$/m);
        expect(run.stdout).toMatch(/^pakkans_to_aantrekkelijkheidDelict_2 = INTEG/m);
        expect(await marvel('export', seed, '--to', 'xmile', '--scenario', 'pilto')).toMatchObject({ status: 2, stderr: expect.stringContaining("--scenario 'pilto' is not a scenario of the model") });
        expect(await marvel('export', seed, '--to', 'dot', '--scenario', 'pilot')).toMatchObject({ status: 2, stderr: expect.stringContaining('--scenario is for the formats that carry the dynamics') });
    });

    it('refuses an unknown format and a missing one, and sends a picture to render', async () => {
        expect(await marvel('export', seed, '--to', 'visio')).toMatchObject({ status: 2, stderr: expect.stringContaining("option '--to' must be one of dot, mermaid") });
        expect(await marvel('export', seed, '-o', 'out.txt')).toMatchObject({ status: 2, stderr: expect.stringContaining('say which format with --to') });
        // A picture is render's.
        expect(await marvel('export', seed, '-o', 'model.svg')).toMatchObject({ status: 2, stderr: `marvel: 'model.svg' is a picture, which marvel render draws: marvel render ${seed} -o model.svg\n` });
    });
});

describe('marvel import', () => {
    it('round trip: export to Kumu JSON, import, diff reports nothing', async () => {
        expect((await marvel('export', seed, '--to', 'kumu', '-o', 'seed.json')).status).toBe(0);
        const run = await marvel('import', 'seed.json', '-o', 'seed.marvel');
        expect(run).toMatchObject({ status: 0, stdout: 'seed.marvel: imported from kumu\n', stderr: '' });
        expect(await marvel('diff', seed, 'seed.marvel')).toMatchObject({ status: 0, stdout: expect.stringContaining('No changes') });
        expect((await marvel('format', '--check', 'seed.marvel')).status).toBe(0);
        // Named after the format rather than Kumu's own extension, it is read as what it is called.
        expect((await marvel('export', seed, '--to', 'kumu', '-o', 'seed.kumu')).status).toBe(0);
        expect(await marvel('import', 'seed.kumu', '-o', 'again.marvel')).toMatchObject({ status: 0, stdout: 'again.marvel: imported from kumu\n' });
    });

    it('a relations table alone (a Kumu connections sheet) becomes a model, identifiers made from labels', async () => {
        file('relations.csv', 'From,To,Type\nAantal daders,Aantal slachtoffers,+\nPakkans,Aantal daders,-\n"Pakkans","Model",?\n');
        const run = await marvel('import', 'relations.csv');
        expect(run.status).toBe(0);
        const graph = await graphOf(run.stdout);
        expect(graph.factors.map(f => [f.id, f.label])).toEqual([['aantalDaders', 'Aantal daders'], ['aantalSlachtoffers', 'Aantal slachtoffers'], ['pakkans', 'Pakkans'], ['model_', 'Model']]);
        expect(graph.relations.map(r => `${r.source} ${r.sign} ${r.target}`)).toEqual(['aantalDaders + aantalSlachtoffers', 'pakkans - aantalDaders', 'pakkans ? model_']);
    });

    it('a Kumu map of another tool: unknown fields kept in the description, with a warning', async () => {
        file('foreign.json', JSON.stringify({
            elements: [{ label: 'Werkdruk', type: 'Person', tags: ['politie', 'OM'] }, { label: 'Kwaliteit', attributes: { 'element type': 'kpi', 'Desired direction': 'increase' } }],
            connections: [{ from: 'Werkdruk', to: 'Kwaliteit', type: 'negative', direction: 'mutual', strength: 'strong' }]
        }));
        const run = await marvel('import', 'foreign.json');
        expect(run.status).toBe(0);
        expect(run.stderr).toContain("marvel: warning: foreign.json: elements[0]: kept 'tags', 'Type' in the description");
        expect(run.stderr).toContain("connections[0]: kept 'Direction' in the description");
        const graph = await graphOf(run.stdout);
        expect(graph.factor('werkdruk')).toMatchObject({ kind: 'factor', description: 'tags: politie, OM\nType: Person' });
        expect(graph.factor('kwaliteit')).toMatchObject({ kind: 'kpi', direction: 'increase' });
        expect(graph.relations[0]).toMatchObject({ sign: '-', strengthClass: 'strong', note: 'Direction: mutual' });
    });

    it('GraphML from yEd (labels in the graphics, groups, signs on edge labels) and Gephi (weights)', async () => {
        file('yed.graphml', `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
  <key for="node" id="d6" yfiles.type="nodegraphics"/>
  <key for="edge" id="d10" yfiles.type="edgegraphics"/>
  <graph edgedefault="directed" id="G">
    <node id="n0" yfiles.foldertype="group">
      <data key="d6"><y:ProxyAutoBoundsNode><y:Realizers><y:GroupNode><y:NodeLabel>Keten</y:NodeLabel></y:GroupNode></y:Realizers></y:ProxyAutoBoundsNode></data>
      <graph edgedefault="directed" id="n0:">
        <node id="n0::n0"><data key="d6"><y:ShapeNode><y:NodeLabel>Pakkans</y:NodeLabel></y:ShapeNode></data></node>
      </graph>
    </node>
    <node id="n1"><data key="d6"><y:ShapeNode><y:NodeLabel>Daders</y:NodeLabel></y:ShapeNode></data></node>
    <edge id="e0" source="n0::n0" target="n1"><data key="d10"><y:PolyLineEdge><y:EdgeLabel>-</y:EdgeLabel></y:PolyLineEdge></data></edge>
  </graph>
</graphml>`);
        const yed = await graphOf((await marvel('import', 'yed.graphml')).stdout);
        expect(yed.categories.map(c => [c.id, c.label])).toEqual([['keten', 'Keten']]);
        expect(yed.factors.map(f => [f.id, f.category])).toEqual([['pakkans', 'keten'], ['daders', undefined]]);
        expect(yed.relations.map(r => [r.source, r.sign, r.target])).toEqual([['pakkans', '-', 'daders']]);

        file('gephi.graphml', `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key attr.name="label" attr.type="string" for="node" id="label"/>
  <key attr.name="weight" attr.type="double" for="edge" id="weight"/>
  <graph defaultedgetype="directed" edgedefault="directed">
    <node id="0"><data key="label">Meldingen</data></node>
    <node id="1"><data key="label">Zichtbaarheid</data></node>
    <edge source="0" target="1"><data key="weight">0.7</data></edge>
    <edge source="1" target="0"><data key="weight">-1.0</data></edge>
  </graph>
</graphml>`);
        const gephi = await graphOf((await marvel('import', 'gephi.graphml')).stdout);
        expect(gephi.relations.map(r => [r.source, r.sign, r.strength])).toEqual([['meldingen', '?', 0.7], ['zichtbaarheid', '-', 1]]);
    });

    const badInputs: Array<[string, string, string | Buffer, string]> = [
        ['malformed JSON', 'broken.json', '{"elements": [{"label": "A"},\n  {"label": "B"]\n}', "cannot import 'broken.json' as kumu: line 2, column 16: not valid JSON"],
        ['JSON that is no blueprint', 'list.json', '[1, 2]', "the top level: not a Kumu blueprint"],
        ['a CSV quote left open', 'open.csv', 'From,To\nA,"B\nC,D\n', "cannot import 'open.csv' as csv: line 2: a quoted field is not closed"],
        ['a CSV row longer than its header', 'long.csv', 'From,To\nA,B,C\n', 'line 2: 3 fields, but the header on line 1 names 2'],
        ['a CSV without a known header', 'header.csv', 'a,b\n1,2\n', "line 1: the header names neither 'Label' or 'ID'"],
        ['malformed XML', 'broken.graphml', '<graphml><graph edgedefault="directed">\n<node id="a">\n</graph></graphml>', 'line 3, column 9: not well-formed XML'],
        ['a GraphML edge to an unknown node', 'dangling.graphml', '<graphml><graph edgedefault="directed">\n<node id="a"/>\n<edge source="a" target="zz"/></graph></graphml>', "<edge> on line 3: the edge's target 'zz' is not a node of the file"],
        ['an external entity', 'entity.graphml', '<?xml version="1.0"?>\n<!DOCTYPE g [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<graphml><graph><node id="&x;"/></graph></graphml>', 'line 2: a document type declaration (<!DOCTYPE …>) is not accepted'],
        ['a Vensim model without a sketch', 'equations.mdl', '{UTF-8}\na = 1 ~~|\n', "cannot import 'equations.mdl' as mdl: the whole file: no sketch"],
        ['an XMILE file that is something else', 'other.xmile', '<svg/>', 'line 1: not XMILE: the root element is <svg>'],
        ['a Graphviz file, which export writes', 'model.dot', 'digraph { a -> b }', "'model.dot' is a dot file, which marvel export writes but import does not read; import reads kumu, csv, graphml, mdl, xmile"],
        ['a binary file', 'binary.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), "cannot read 'binary.csv': it is a binary file"]
    ];

    it.each(badInputs)('%s: a message naming the place, exit 2, no output file, no stack trace', async (_what, name, content, message) => {
        file(name, content);
        const output = path.join(work, `${name}.marvel`);
        const run = await marvel('import', name, '-o', output);
        expect(run.stderr).toContain(message);
        expect(run.status).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr).not.toMatch(/\n\s+at /);
        expect(existsSync(output)).toBe(false);
    });

    it('a 100 MB file is refused before it is read', async () => {
        const big = path.join(work, 'big.csv');
        writeFileSync(big, '');
        execFileSync('truncate', ['-s', '100M', big]);
        const run = await marvel('import', 'big.csv', '-o', 'big.marvel');
        expect(run).toMatchObject({ status: 2, stderr: "marvel: 'big.csv' is 100 MB; the import reads files up to 64 MB\n" });
        expect(existsSync(path.join(work, 'big.marvel'))).toBe(false);
        rmSync(big);
    });

    it('a failed import leaves an existing output file as it was', async () => {
        file('kept.marvel', 'factor kept\n');
        expect((await marvel('import', 'open.csv', '-o', 'kept.marvel')).status).toBe(2);
        expect(readFileSync(path.join(work, 'kept.marvel'), 'utf8')).toBe('factor kept\n');
    });

    it('cannot tell a format from an unknown extension', async () => {
        file('model.txt', 'x');
        expect(await marvel('import', 'model.txt')).toMatchObject({ status: 2, stderr: expect.stringContaining("cannot tell the format of 'model.txt': name it with --from") });
    });
});
