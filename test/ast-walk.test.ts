/**
 * The grammar-shaped walks of marvel-ast-walk.ts must see exactly what Langium's generic
 * streams see, on well-formed files and on broken ones that error recovery leaves half-built.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AstNode } from 'langium';
import { AstUtils, EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import { generateModel } from '../bench/generate-model.js';
import type { MarvelFile } from '../language/generated/ast.js';
import { forEachNode, forEachReference, forEachStatement } from '../language/model/marvel-ast-walk.js';
import { createMarvelServices } from '../language/marvel-module.js';
import { exampleFiles, repositoryRoot } from './support/example-files.js';
import { grammarSentences } from './support/grammar-sentences.js';

const services = createMarvelServices(EmptyFileSystem).Marvel;
const parser = services.parser.LangiumParser;
const statementTypes = new Set(['Category', 'Factor', 'Relation', 'Scenario']);

function expectSameWalks(text: string): void {
    const root = parser.parse<MarvelFile>(text).value;
    const nodes: AstNode[] = [];
    forEachNode(root, node => nodes.push(node));
    expectSameNodes(nodes, AstUtils.streamAst(root).toArray());
    const statements: AstNode[] = [];
    forEachStatement(root, statement => statements.push(statement));
    expectSameNodes(statements, AstUtils.streamAllContents(root).filter(node => statementTypes.has(node.$type)).toArray());
    const references: unknown[] = [];
    forEachReference(root, info => references.push(info));
    const expected = AstUtils.streamAst(root).flatMap(node => AstUtils.streamReferences(node)).toArray()
        .map(({ reference, container, property }) => ({ reference, container, property }));
    expect(references.length).toBe(expected.length);
    expect(references).toEqual(expected);
}

/** The same node objects in the same order (deep equality could mistake two alike nodes for each other). */
function expectSameNodes(actual: readonly AstNode[], expected: readonly AstNode[]): void {
    expect(actual.map(node => node.$type)).toEqual(expected.map(node => node.$type));
    expect(actual.every((node, i) => node === expected[i])).toBe(true);
}

describe('walks along the grammar', () => {
    it.each(exampleFiles())('sees every node, statement and reference of %s', file => {
        expectSameWalks(readFileSync(join(repositoryRoot, file), 'utf8'));
    });

    it('sees every statement and reference of a generated model', () => {
        for (const file of generateModel(300, 3).files) {
            expectSameWalks(file.text);
        }
    });

    it('sees every node, statement and reference of texts derived from every rule of the grammar', () => {
        const { texts, unused } = grammarSentences(services.Grammar, 300, 20261129);
        expect(unused, 'grammar elements no derived text used').toEqual([]);
        const parsedCleanly = texts.filter(text => parser.parse(text).parserErrors.length === 0).length;
        // Derived texts are mostly well-formed; the rest exercise error recovery, which the walks must survive too.
        expect(parsedCleanly).toBeGreaterThan(texts.length / 2);
        for (const text of texts) {
            expectSameWalks(text);
        }
    });

    it.each([
        ['a relation cut off after its arrow', 'factor a "A"\nfactor b "B"\na ->\nb -> +a (strength:\n'],
        ['an unclosed category with a scenario inside', 'category c "C" {\n  factor a "A"\n  scenario s "S" { set a to\n'],
        ['a factor in a missing category', 'factor a "A" in\nkey factor b "B" in nowhere initial\n'],
        ['nested categories with relations at every level', 'category a {\n category b {\n  factor x\n  x -> +y\n  category c { factor y y -> -x, +x }\n }\n}\n']
    ])('sees what error recovery leaves of %s', (_name, text) => {
        expectSameWalks(text);
    });
});
