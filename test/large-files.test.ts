import type { AstNodeDescription, CstNode, LangiumDocument } from 'langium';
import { CstUtils, DefaultAstNodeDescriptionProvider, EmptyFileSystem, isCompositeCstNode, URI, ValueConverter } from 'langium';
import { describe, expect, it } from 'vitest';
import { groupBy } from '../language/analysis/grouping.js';
import { summarizeInterventionEffects } from '../language/analysis/tracing/effect-summary.js';
import { createMarvelServices } from '../language/marvel-module.js';
import type { MarvelFile } from '../language/generated/ast.js';
import { assembleModelGraphData, buildGraphFragment } from '../language/model/graph-builder.js';
import { generateSameFileImports } from '../bench/generate-large-file.js';
import { createWorkspace, graphOf } from './support/workspace.js';

function parsed(text: string): { document: LangiumDocument; parser: object } {
    const { shared, Marvel } = createMarvelServices(EmptyFileSystem);
    const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse('file:///large/model.marvel'));
    return { document, parser: Marvel.parser.LangiumParser };
}

describe('parsing a large file stays lean', () => {
    it('gives every token the range the editor computes from its offsets, across every kind of line break', () => {
        const text = 'model m "M"\r\n/* a comment\r\nover lines */ factor a "Ä 😀 label"\rfactor b\n\tkey factor c "C" // note\r\n\r\na -> +b (strength: weak), -c "n"\n\nb -> ?c';
        const { document } = parsed(text);
        const leaves: CstNode[] = [...CstUtils.streamCst(document.parseResult.value.$cstNode!)].filter(node => !('content' in node));
        expect(leaves.length).toBeGreaterThan(20);
        for (const leaf of leaves) {
            expect(leaf.range, `'${leaf.text}' at ${leaf.offset}`).toEqual({ start: document.textDocument.positionAt(leaf.offset), end: document.textDocument.positionAt(leaf.end) });
        }
    });

    it('gives every rule\'s node the range of its tokens, computed from their offsets', () => {
        const text = 'model m "M"\r\n/* a comment\r\nover lines */ factor a "Ä 😀 label"\rfactor b\n\tkey factor c "C" // note\r\n\r\na -> +b (strength: weak), -c "n"\n\nb -> ?c';
        const { document } = parsed(text);
        const rules = [...CstUtils.streamCst(document.parseResult.value.$cstNode!)].filter(node => 'content' in node && node !== node.root);
        expect(rules.length).toBeGreaterThan(10);
        for (const rule of rules) {
            expect(rule.range, `'${rule.text}' at ${rule.offset}`).toEqual({ start: document.textDocument.positionAt(rule.offset), end: document.textDocument.positionAt(rule.end) });
        }
    });

    it('gives every node its tree\'s root and marks exactly the comments hidden, though no node stores either', () => {
        const text = '/* lead */ model m "M"\nfactor a "A" // note\nfactor b\na -> +b (strength: very strong), -a "n" /* trail */\n';
        const { document } = parsed(text);
        const root = document.parseResult.value.$cstNode!.root;
        const nodes = [...CstUtils.streamCst(root)].filter(node => node !== root);
        expect(nodes.every(node => node.root === root)).toBe(true);
        expect(nodes.filter(node => node.hidden).map(node => node.text)).toEqual(['/* lead */', '// note', '/* trail */']);
        // A rule of one token (a name, a sign) answers its child as Langium would, however it keeps it.
        const source = (document.parseResult.value as unknown as { elements: Array<{ source?: { $refNode?: CstNode } }> }).elements[2].source!.$refNode!;
        expect(isCompositeCstNode(source) && source.content.map(child => child.text)).toEqual(['a']);
    });

    it('gives every string the value Langium gives it, escapes and a missing closing quote included', () => {
        const labels = ['plain', 'with \\"quotes\\" inside', 'tab\\there', 'a backslash \\\\ here', 'Ä 😀 ünïcode', ''];
        const { document } = parsed(labels.map((label, i) => `factor f${i} "${label}"`).join('\n') + '\nfactor open "no closing quote\n');
        const values = (document.parseResult.value as unknown as { elements: Array<{ label?: string }> }).elements.map(factor => factor.label);
        expect(values).toEqual([...labels.map(label => ValueConverter.convertString(`"${label}"`)), 'no closing quote']);
    });

    it('lets go of the tokens of the last file it parsed', () => {
        const { parser } = parsed('factor a "A"\nfactor b "B"\na -> +b\n');
        const wrapper = Reflect.get(parser, 'wrapper') as { input: unknown[] };
        expect(wrapper.input).toEqual([]);
    });

    it('summarizes many interventions the same way however often the shared search marks are reused', async () => {
        // A ladder: every intervention reaches the KPI along both a rising and a falling path.
        const lines = ['kpi goal "Goal" increase', 'factor up "Up"', 'factor down "Down"', 'up -> +goal', 'down -> -goal'];
        for (let i = 0; i < 40; i++) {
            lines.push(`intervention i${i} "I${i}"`, `i${i} -> +up, +down`);
        }
        const graph = await graphOf(lines.join('\n'));
        const first = summarizeInterventionEffects(graph);
        const again = summarizeInterventionEffects(graph);
        expect([...first.values()].map(effects => effects[0].effect)).toEqual(Array(40).fill('mixed'));
        expect(again).toEqual(first);
    });

    it('describes every declaration for the index as Langium would, path and segments included', async () => {
        const ws = await createWorkspace({ 'model.marvel': 'model m "M"\ncategory c "C" {\n    factor a "A"\n    category d { key factor b }\n}\nkpi k "K" increase\nscenario s "S" { set a to 1 }\na -> +b\n' });
        const document = ws.documents['model.marvel'];
        const langiumDescriptions = new DefaultAstNodeDescriptionProvider(ws.services);
        const exported = [...ws.services.shared.workspace.IndexManager.allElements()];
        expect(exported.map(d => d.name)).toEqual(['c', 'a', 'd', 'b', 'k', 's']);
        for (const description of exported) {
            const expected = langiumDescriptions.createDescription(description.node!, description.name, document);
            const fields = (d: AstNodeDescription) => ({ name: d.name, type: d.type, path: d.path, uri: d.documentUri.toString(), nameSegment: d.nameSegment, selectionSegment: d.selectionSegment });
            expect(fields(description)).toEqual(fields(expected));
        }
    });

    it('keeps each relation once: the graph\'s edges are the clauses of the files where they keep their place', async () => {
        const ws = await createWorkspace({
            'main.marvel': 'import "more.marvel"\nfactor a "A"\nfactor b "B"\na -> +b, -nowhere, +c\nb -> -a (strength: strong)\n',
            'more.marvel': 'factor c "C"\nfactor d "D"\nc -> +d, ?d\n'
        });
        const comments = ws.services.documentation.CommentProvider;
        const [main, more] = [ws.documents['main.marvel'], ws.documents['more.marvel']].map(d => buildGraphFragment(d as LangiumDocument<MarvelFile>, comments));
        const data = assembleModelGraphData([main, more]);
        expect(data.relations.map(r => `${r.index} ${r.source} ${r.sign} ${r.target}`)).toEqual(['0 a + b', '1 a + c', '2 b - a', '3 c + d', '4 c ? d']);
        // The first file's clauses are its edges; the second file's start elsewhere in the model, so they are copies, equal but for the index.
        expect(data.relations.slice(0, 3)).toEqual(main.relations.filter(r => r.index >= 0));
        data.relations.slice(0, 3).forEach((edge, i) => expect(edge).toBe(main.relations.filter(r => r.index >= 0)[i]));
        expect(data.relations[3]).not.toBe(more.relations[0]);
        expect(data.relations.slice(3)).toEqual(more.relations.map(r => ({ ...r, index: r.index + 3 })));
        expect(data.incompleteRelations?.map(r => `${r.source} -> ${r.target}`)).toEqual(['a -> undefined']);
    });

    it('groups items in their order, groups in the order their keys first appear, from any iterable', () => {
        function* words(): Generator<string> {
            yield* ['pear', 'apple', 'plum', 'avocado', 'peach', 'banana', 'apricot'];
        }
        const groups = groupBy(words(), word => word[0]);
        expect([...groups]).toEqual([['p', ['pear', 'plum', 'peach']], ['a', ['apple', 'avocado', 'apricot']], ['b', ['banana']]]);
    });

    it('reads a file imported 5,000 times under different spellings once, as one file of the model', async () => {
        const { root, imported } = generateSameFileImports(5000);
        const ws = await createWorkspace({ 'main.marvel': root, 'b.marvel': imported });
        const main = ws.documents['main.marvel'];
        expect((main.diagnostics ?? []).filter(d => d.severity === 1)).toEqual([]);
        const model = ws.services.workspace.ModelProvider.getModel(main);
        expect(model.documentUris).toEqual([ws.uri('b.marvel'), ws.uri('main.marvel')]);
        expect(model.graph.relations.map(r => `${r.source} ${r.sign} ${r.target}`)).toEqual(['a + b']);
    });
});
