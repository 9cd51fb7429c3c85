/**
 * After an edit, a file that imports the edited one is relinked only where needed (see
 * MarvelLinker). These tests hold every incremental state against a fresh build of the same
 * texts: the same diagnostics, every reference resolving to the same declaration in the
 * current tree, the same references in the index.
 */
import type { AstNode } from 'langium';
import { AstUtils, isReference } from 'langium';
import { describe, expect, it } from 'vitest';
import { generateModel } from '../bench/generate-model.js';
import { Prng } from '../language/analysis/prng.js';
import type { TestWorkspace } from './support/workspace.js';
import { createWorkspace } from './support/workspace.js';

/** How many times the linker has linked a file: unchanged when an edit elsewhere left its references alone. */
function linkGeneration(workspace: TestWorkspace, name: string): number {
    return workspace.services.references.Linker.linkGeneration(workspace.document(name));
}

/** Everything a build decides about the files, in a form two builds can be compared by. */
function describeState(workspace: TestWorkspace): string[] {
    const { shared, Marvel } = workspace.serviceSet;
    const locator = Marvel.workspace.AstNodeLocator;
    const lines: string[] = [];
    const documents = shared.workspace.LangiumDocuments.all.toArray().sort((a, b) => a.uri.toString().localeCompare(b.uri.toString()));
    for (const document of documents) {
        const file = document.uri.path.split('/').pop();
        for (const diagnostic of [...document.diagnostics ?? []].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.message.localeCompare(b.message))) {
            const { start, end } = diagnostic.range;
            lines.push(`${file} diagnostic ${start.line}:${start.character}-${end.line}:${end.character} ${diagnostic.severity} ${String(diagnostic.code)} ${diagnostic.message}`);
        }
        for (const node of AstUtils.streamAst(document.parseResult.value)) {
            for (const { reference } of AstUtils.streamReferences(node)) {
                const target = isReference(reference) ? reference.ref : undefined;
                const from = `${file} ${locator.getAstNodePath(node)} '${reference.$refText}'`;
                lines.push(target ? `${from} -> ${whereIs(workspace, target, locator.getAstNodePath(target))}` : `${from} unresolved`);
            }
        }
        const declarations = shared.workspace.IndexManager.allElements(undefined, new Set([document.uri.toString()])).toArray();
        for (const declaration of declarations) {
            const users = shared.workspace.IndexManager.findAllReferences(declaration.node!, declaration.path)
                .map(reference => `${reference.sourceUri.path.split('/').pop()}${reference.sourcePath}@${reference.segment.offset}`).toArray().sort();
            lines.push(`${file} ${declaration.name} used by ${users.join(' ')}`);
        }
    }
    return lines;
}

/** Where a reference target lives; marked stale when its tree is no longer its document's. */
function whereIs(workspace: TestWorkspace, target: AstNode, path: string): string {
    const root = AstUtils.findRootNode(target);
    const document = root.$document;
    const current = document !== undefined && document.parseResult.value === root
        && workspace.serviceSet.shared.workspace.LangiumDocuments.getDocument(document.uri) === document;
    return `${document?.uri.path.split('/').pop()}${path}${current ? '' : ' (STALE TREE)'}`;
}

/** Asserts that the workspace holds what a fresh build of its texts holds. */
async function expectSameAsFreshBuild(workspace: TestWorkspace, step: string): Promise<void> {
    const fresh = await createWorkspace(workspace.files);
    expect(describeState(workspace), step).toEqual(describeState(fresh));
}

const smallModel = {
    'root.marvel': `model m "M"
import "./a.marvel"
import "./b.marvel"
kpi k "K" decrease
a1 -> +k
b1 -> -k
`,
    'a.marvel': `import "./c.marvel"
intervention a1 "A1"
factor a2 "A2"
a1 -> +a2
a2 -> +c1
`,
    'b.marvel': `import "./a.marvel"
factor b1 "B1"
b1 -> -a2
a2 -> +b1
c1 -> +b1
c2 -> +b1
`,
    'c.marvel': `factor c1 "C1"
factor c2 "C2"
c1 -> +c2
`,
    'e.marvel': `import "./b.marvel"
factor e1 "E1"
c1 -> +e1
`
};

describe('relinking the files that import an edited file', () => {
    it('re-resolves only what points into the edited file, and keeps the rest of the importer as it was', async () => {
        const workspace = await createWorkspace(smallModel);
        const before = { root: linkGeneration(workspace, 'root.marvel'), b: linkGeneration(workspace, 'b.marvel') };
        await workspace.edit('a.marvel', workspace.text('a.marvel').replace('a1 -> +a2', 'a1 -> -a2'));
        await expectSameAsFreshBuild(workspace, 'sign changed in a.marvel');
        // Every reference resolves as before, so what depends on the importers' links is kept.
        expect(linkGeneration(workspace, 'root.marvel')).toBe(before.root);
        expect(linkGeneration(workspace, 'b.marvel')).toBe(before.b);
        const relation = workspace.document('b.marvel').parseResult.value.elements.find(e => e.$type === 'Relation' && e.source.$refText === 'b1');
        expect(relation?.$type === 'Relation' && relation.targets[0].target.ref?.$container).toBe(workspace.document('a.marvel').parseResult.value);
    });

    it('notices a reference that stops resolving, and one that resolves again', async () => {
        const workspace = await createWorkspace(smallModel);
        const generation = linkGeneration(workspace, 'b.marvel');
        await workspace.edit('a.marvel', workspace.text('a.marvel').replaceAll('a2', 'a3'));
        await expectSameAsFreshBuild(workspace, 'a2 renamed to a3');
        expect(workspace.document('b.marvel').diagnostics?.map(d => d.code)).toContain('unresolved-reference');
        expect(linkGeneration(workspace, 'b.marvel')).not.toBe(generation);
        await workspace.edit('a.marvel', smallModel['a.marvel']);
        await expectSameAsFreshBuild(workspace, 'a3 renamed back to a2');
        expect(workspace.document('b.marvel').diagnostics?.map(d => d.code)).not.toContain('unresolved-reference');
    });

    it('relinks in full when imports change, so that names reached through them appear and disappear', async () => {
        const workspace = await createWorkspace(smallModel);
        await workspace.edit('a.marvel', workspace.text('a.marvel').replace('import "./c.marvel"\n', ''));
        await expectSameAsFreshBuild(workspace, 'a.marvel no longer imports c.marvel');
        expect(workspace.document('b.marvel').diagnostics?.map(d => d.code)).toContain('unresolved-reference');
        // e.marvel sees c.marvel only through b.marvel and a.marvel.
        expect(workspace.document('e.marvel').diagnostics?.map(d => d.code)).toContain('unresolved-reference');
        await workspace.edit('a.marvel', smallModel['a.marvel']);
        await expectSameAsFreshBuild(workspace, 'a.marvel imports c.marvel again');
    });

    it('validates again a model an edit connects to, and one it disconnects from', async () => {
        const workspace = await createWorkspace({ ...smallModel, 'd.marvel': 'factor d1 "D1"\n' });
        expect(workspace.document('d.marvel').diagnostics?.map(d => d.code)).toEqual(['unconnected-factor']);
        await workspace.edit('a.marvel', `import "./d.marvel"\n${smallModel['a.marvel']}a1 -> +d1\n`);
        await expectSameAsFreshBuild(workspace, 'a.marvel imports d.marvel and uses d1');
        expect(workspace.document('d.marvel').diagnostics).toEqual([]);
        await workspace.edit('a.marvel', smallModel['a.marvel']);
        await expectSameAsFreshBuild(workspace, 'a.marvel no longer imports d.marvel');
        expect(workspace.document('d.marvel').diagnostics?.map(d => d.code)).toEqual(['unconnected-factor']);
    });

    it('relinks in full when an edited file starts to declare a name another file declares', async () => {
        const workspace = await createWorkspace(smallModel);
        await workspace.edit('a.marvel', `${workspace.text('a.marvel')}factor c2 "Also C2"\n`);
        await expectSameAsFreshBuild(workspace, 'a.marvel declares c2 too');
        await workspace.edit('a.marvel', `${workspace.text('a.marvel')}factor fresh "Fresh"\na1 -> +fresh\n`);
        await expectSameAsFreshBuild(workspace, 'a.marvel declares a new name');
    });

    it('follows a file that goes, comes back, and breaks', async () => {
        const workspace = await createWorkspace(smallModel);
        await workspace.close('c.marvel');
        await expectSameAsFreshBuild(workspace, 'c.marvel closed');
        await workspace.edit('c.marvel', smallModel['c.marvel']);
        await expectSameAsFreshBuild(workspace, 'c.marvel back');
        await workspace.edit('a.marvel', workspace.text('a.marvel').replace('a1 -> +a2', 'a1 -> +'));
        await expectSameAsFreshBuild(workspace, 'a.marvel with a syntax error');
        await workspace.edit('a.marvel', smallModel['a.marvel']);
        await expectSameAsFreshBuild(workspace, 'a.marvel repaired');
    });

    it('matches a fresh build after each of a seeded series of random edits to a generated model', async () => {
        const model = generateModel(300, 7);
        const files = Object.fromEntries(model.files.map(file => [file.path, file.text]));
        const workspace = await createWorkspace(files);
        const random = new Prng(20261128);
        const names = Object.keys(files);
        for (let step = 0; step < 30; step++) {
            const name = random.chance(0.6) ? model.editPath : random.pick(names);
            const edit = randomEdit(random, workspace.text(name));
            await workspace.edit(name, edit.text);
            await expectSameAsFreshBuild(workspace, `step ${step}: ${edit.description} in ${name}`);
        }
    }, 300_000); // 30 fresh builds of a 300-factor model: only a hang should time out, not a loaded machine
});

/** One line of the text changed the way a modeller changes models: a sign, a target, a name, a line gone or doubled. */
function randomEdit(random: Prng, text: string): { text: string; description: string } {
    const lines = text.split('\n');
    const relationLines = lines.map((line, i) => ({ line, i })).filter(({ line }) => /->/.test(line));
    const declarationLines = lines.map((line, i) => ({ line, i })).filter(({ line }) => /^\s*(key |indicator )*(factor|intervention|kpi) /.test(line));
    const kind = random.int(0, 4);
    if (kind === 0 && relationLines.length > 0) {
        const { line, i } = random.pick(relationLines);
        lines[i] = line.replace(/->(\s*)([+-])/, (_, space: string, sign: string) => `->${space}${sign === '+' ? '-' : '+'}`);
        return { text: lines.join('\n'), description: `sign flipped on line ${i + 1}` };
    }
    if (kind === 1 && declarationLines.length > 0) {
        const { line } = random.pick(declarationLines);
        const name = /(factor|intervention|kpi) (\S+)/.exec(line)![2];
        const renamed = random.chance(0.5) ? `${name}x` : name.replace(/\d+$/, digits => String(Number(digits) + 1));
        return { text: text.replace(new RegExp(`\\b${name}\\b`, 'g'), renamed), description: `${name} renamed to ${renamed}` };
    }
    if (kind === 2) {
        const i = random.int(0, lines.length - 1);
        lines.splice(i, 1);
        return { text: lines.join('\n'), description: `line ${i + 1} deleted` };
    }
    if (kind === 3) {
        const i = random.int(0, lines.length - 1);
        lines.splice(i, 0, lines[i]);
        return { text: lines.join('\n'), description: `line ${i + 1} doubled` };
    }
    if (relationLines.length > 0 && declarationLines.length > 0) {
        const { line, i } = random.pick(relationLines);
        const target = /(factor|intervention|kpi) (\S+)/.exec(random.pick(declarationLines).line)![2];
        lines[i] = line.replace(/([+\-?])\s*(\S+)/, `$1${target}`);
        return { text: lines.join('\n'), description: `line ${i + 1} retargeted at ${target}` };
    }
    return { text: `${text}\n`, description: 'a newline added' };
}
