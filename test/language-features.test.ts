import { describe, expect, test } from 'vitest';
import type { CodeAction, CompletionItem, DocumentSymbol, Hover, MarkupContent, TextEdit } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { SemanticTokensDecoder } from 'langium/lsp';
import { applyEdit, createWorkspace, positionOf } from './support/workspace.js';

const care = `
category hulpverlening "Hulpverlening" color "#d5e8f6" {
    /** Druk op de opvang en begeleiding. */
    key factor drukZorg "Druk op de <b>zorg</b>"
    indicator factor effectiviteitZorg "Effectiviteit hulpverlening"
    drukZorg -> -effectiviteitZorg (strength: strong) "§4.4"
}
`;

const main = `model mensenhandel "Systeemanalyse"
import "./care.marvel"

kpi slachtoffers "Aantal slachtoffers" decrease
intervention pilot "Pilot gemeente"
factor aangiften "Aantal aangiften"

pilot -> +aangiften
aangiften -> +drukZorg "§4.4"
effectiviteitZorg -> -slachtoffers
`;

async function workspace() {
    return createWorkspace({ 'care.marvel': care, 'main.marvel': main });
}

function hoverText(hover: Hover | undefined): string {
    return (hover?.contents as MarkupContent | undefined)?.value ?? '';
}

async function completionLabels(text: string, marker: string, shift = marker.length): Promise<string[]> {
    const ws = await createWorkspace({ 'care.marvel': care, 'edit.marvel': text });
    const document = ws.documents['edit.marvel'];
    const list = await ws.services.lsp.CompletionProvider!.getCompletion(document, {
        textDocument: { uri: document.uri.toString() },
        position: positionOf(document, marker, shift)
    });
    return (list?.items ?? []).map((item: CompletionItem) => item.label);
}

describe('completion', () => {
    test('offers factor names of this file and imported files after a sign, with their labels', async () => {
        const ws = await createWorkspace({ 'care.marvel': care, 'edit.marvel': `import "./care.marvel"\nfactor a "A"\na -> +` });
        const document = ws.documents['edit.marvel'];
        const list = await ws.services.lsp.CompletionProvider!.getCompletion(document, {
            textDocument: { uri: document.uri.toString() }, position: positionOf(document, '-> +', 4)
        });
        const items = list?.items ?? [];
        expect(items.map(i => i.label)).toEqual(expect.arrayContaining(['a', 'drukZorg', 'effectiviteitZorg']));
        expect(items.find(i => i.label === 'drukZorg')?.detail).toBe('Druk op de <b>zorg</b> · key factor');
        expect(items.map(i => i.label)).not.toContain('weak');
    });

    test('offers only strength classes after "strength:"', async () => {
        const labels = await completionLabels(`import "./care.marvel"\nfactor a "A"\na -> +drukZorg (strength: `, 'strength: ');
        expect(labels.sort()).toEqual(['average', 'strong', 'very strong', 'weak']);
    });

    test('writes a class after the colon with its space, and is filtered by everything typed since the colon, the space included', async () => {
        /** The classes an editor keeps while `typed` is what the class's edit replaces: those whose filter text starts with it. */
        const kept = async (typed: string): Promise<string[]> => {
            const ws = await createWorkspace({ 'care.marvel': care, 'edit.marvel': `import "./care.marvel"\nfactor a "A"\na -> +drukZorg (strength:${typed}` });
            const document = ws.documents['edit.marvel'];
            const list = await ws.services.lsp.CompletionProvider!.getCompletion(document, { textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(document.textDocument.getText().length) });
            const strong = list!.items.find(i => i.label === 'strong')!;
            expect((strong.textEdit as TextEdit).newText).toBe(' strong');
            expect(document.textDocument.getText((strong.textEdit as TextEdit).range)).toBe(typed);
            return list!.items.filter(i => i.filterText!.startsWith(typed)).map(i => i.label).sort();
        };
        expect(await kept('')).toEqual(['average', 'strong', 'very strong', 'weak']);
        // The space a modeller types after the colon keeps every class (it kept only "very strong").
        expect(await kept(' ')).toEqual(['average', 'strong', 'very strong', 'weak']);
        expect(await kept(' st')).toEqual(['strong']);
    });

    test('offers the classes right after the colon too, where the list opens by itself', async () => {
        const labels = await completionLabels(`import "./care.marvel"\nfactor a "A"\na -> +drukZorg (strength:`, 'strength:');
        expect(labels.sort()).toEqual(['average', 'strong', 'very strong', 'weak']);
        const ws = await createWorkspace({ 'care.marvel': 'factor a "A"' });
        expect(ws.services.lsp.CompletionProvider!.completionOptions?.triggerCharacters).toContain(':');
    });

    test('offers only speed classes after "speed:", and only "high" after "speed: very"', async () => {
        expect((await completionLabels(`import "./care.marvel"\nfactor a "A"\na -> +drukZorg (speed: `, 'speed: ')).sort()).toEqual(['average', 'high', 'low', 'very high']);
        expect(await completionLabels(`import "./care.marvel"\nfactor a "A"\na -> +drukZorg (speed: very `, 'very ')).toEqual(['high']);
    });

    test('offers attribute names inside the parentheses', async () => {
        const labels = await completionLabels(`import "./care.marvel"\nfactor a "A"\na -> +drukZorg (`, '(');
        expect(labels).toEqual(expect.arrayContaining(['strength', 'speed', 'delay']));
    });

    test('offers declaration keywords at the start of a line but no attribute words', async () => {
        const labels = await completionLabels(`factor a "A"\n\n`, '"A"\n', 4);
        expect(labels).toEqual(expect.arrayContaining(['factor', 'kpi', 'intervention', 'category', 'key', 'indicator', 'scenario']));
        expect(labels).not.toContain('strong');
        expect(labels).not.toContain('set');
    });
});

describe('hover', () => {
    test('on a reference to an imported factor shows label, role, category, description and relations with signs and notes', async () => {
        const ws = await workspace();
        const document = ws.documents['main.marvel'];
        const hover = await ws.services.lsp.HoverProvider!.getHoverContent(document, {
            textDocument: { uri: document.uri.toString() }, position: positionOf(document, '+drukZorg', 2)
        });
        const text = hoverText(hover);
        expect(text).toContain('`drukZorg` — key factor');
        expect(text).toContain('Category: Hulpverlening');
        expect(text).toContain('Druk op de opvang en begeleiding.');
        expect(text).toMatch(/\*\*Influenced by\*\* \(1\)\n- `\+` 'Aantal aangiften' \(aangiften\) — “§4\.4”/);
        expect(text).toMatch(/\*\*Influences\*\* \(1\)\n- `-` 'Effectiviteit hulpverlening' \(effectiviteitZorg\) \(strong\)/);
    });

    test('shows markup in labels literally', async () => {
        const ws = await workspace();
        const document = ws.documents['care.marvel'];
        const hover = await ws.services.lsp.HoverProvider!.getHoverContent(document, {
            textDocument: { uri: document.uri.toString() }, position: positionOf(document, 'drukZorg "', 1)
        });
        expect(hoverText(hover)).toContain('Druk op de \\<b\\>zorg\\</b\\>');
    });

    test('on an intervention names the KPIs it reaches; on a KPI its direction and interventions', async () => {
        const ws = await workspace();
        const document = ws.documents['main.marvel'];
        const at = (marker: string) => ws.services.lsp.HoverProvider!.getHoverContent(document, {
            textDocument: { uri: document.uri.toString() }, position: positionOf(document, marker, 1)
        });
        expect(hoverText(await at('pilot "'))).toContain('Reaches KPIs: Aantal slachtoffers');
        const kpi = hoverText(await at('slachtoffers "'));
        expect(kpi).toContain('Desired: lower ↓');
        expect(kpi).toContain('Influenced by interventions: Pilot gemeente');
    });
});

test('hover on a scenario lists its settings and where its simulation takes each KPI', async () => {
    const ws = await createWorkspace({
        'model.marvel': `intervention pilot "Pilot"
kpi slachtoffers "Aantal slachtoffers" decrease
kpi inBeeld "In beeld" increase
pilot -> -slachtoffers
scenario proef "Proef" {
    set pilot to 0.8 over 1
}
`
    });
    const document = ws.documents['model.marvel'];
    const hover = hoverText(await ws.services.lsp.HoverProvider!.getHoverContent(document, {
        textDocument: { uri: document.uri.toString() }, position: positionOf(document, 'proef "', 1)
    }));
    expect(hover).toContain('- `pilot` to 0.8 over 1');
    expect(hover).toContain('Simulated to t = 10:');
    expect(hover).toMatch(/- Aantal slachtoffers: 0\.50 → 0\.35, desired/);
    expect(hover).toContain('- In beeld: 0.50 → 0.50, no change');
});

describe('navigation', () => {
    test('go to definition jumps into the imported file', async () => {
        const ws = await workspace();
        const document = ws.documents['main.marvel'];
        const links = await ws.services.lsp.DefinitionProvider!.getDefinition(document, {
            textDocument: { uri: document.uri.toString() }, position: positionOf(document, '+drukZorg', 3)
        });
        expect(links?.[0].targetUri).toBe(ws.uri('care.marvel'));
        expect(links?.[0].targetSelectionRange.start).toEqual(positionOf(ws.documents['care.marvel'], 'drukZorg "'));
    });

    test('find references lists uses in both files', async () => {
        const ws = await workspace();
        const document = ws.documents['care.marvel'];
        const references = await ws.services.lsp.ReferencesProvider!.findReferences(document, {
            textDocument: { uri: document.uri.toString() }, position: positionOf(document, 'drukZorg "', 2), context: { includeDeclaration: true }
        });
        expect(references.map(r => `${r.uri.split('/').pop()}:${r.range.start.line}`).sort()).toEqual(['care.marvel:3', 'care.marvel:5', 'main.marvel:8']);
    });

    test('document highlight marks the declaration and every use in the file', async () => {
        const ws = await workspace();
        const document = ws.documents['main.marvel'];
        const highlights = await ws.services.lsp.DocumentHighlightProvider!.getDocumentHighlight(document, {
            textDocument: { uri: document.uri.toString() }, position: positionOf(document, 'aangiften "', 1)
        });
        expect(highlights?.map(h => h.range.start.line).sort()).toEqual([5, 7, 8]);
    });
});

describe('rename', () => {
    test('renames the declaration and its uses across files', async () => {
        const ws = await workspace();
        const document = ws.documents['care.marvel'];
        const edit = await ws.services.lsp.RenameProvider!.rename(document, {
            textDocument: { uri: document.uri.toString() }, position: positionOf(document, 'drukZorg "', 1), newName: 'zorgdruk'
        });
        expect(applyEdit(document, edit)).toContain('key factor zorgdruk "Druk');
        expect(applyEdit(document, edit)).toContain('zorgdruk -> -effectiviteitZorg');
        expect(applyEdit(ws.documents['main.marvel'], edit)).toContain('aangiften -> +zorgdruk "§4.4"');
    });

    test.each([
        ['12abc', /not a valid name/],
        ['factor', /keyword/],
        ['aangiften', /already declared in this model \(main\.marvel:6\)/]
    ])('rejects %s', async (newName, message) => {
        const ws = await workspace();
        const document = ws.documents['care.marvel'];
        await expect(Promise.resolve(ws.services.lsp.RenameProvider!.rename(document, {
            textDocument: { uri: document.uri.toString() }, position: positionOf(document, 'drukZorg "', 1), newName
        }))).rejects.toThrow(message);
    });
});

describe('symbols', () => {
    test('the outline nests factors in their category and shows labels and roles', async () => {
        const ws = await workspace();
        const document = ws.documents['care.marvel'];
        const symbols = await ws.services.lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument: { uri: document.uri.toString() } }) as DocumentSymbol[];
        expect(symbols.map(s => s.name)).toEqual(['hulpverlening']);
        expect(symbols[0].children?.map(c => `${c.name}: ${c.detail}`)).toEqual([
            'drukZorg: Druk op de <b>zorg</b> · key factor',
            'effectiviteitZorg: Effectiviteit hulpverlening · indicator'
        ]);
    });

    test('workspace symbols find nested factors of every file, by name or by label, and show both', async () => {
        const ws = await workspace();
        const find = async (query: string): Promise<string[]> => (await ws.services.shared.lsp.WorkspaceSymbolProvider!.getSymbols({ query })).map(s => s.name).sort();
        expect(await find('zorg')).toEqual(['Druk op de <b>zorg</b> (drukZorg)', 'Effectiviteit hulpverlening (effectiviteitZorg)']);
        // A modeller knows a factor by its label.
        expect(await find('aantal slacht')).toEqual(['Aantal slachtoffers (slachtoffers)']);
        expect(await find('hulpverl')).toEqual(['Effectiviteit hulpverlening (effectiviteitZorg)', 'Hulpverlening (hulpverlening)']);
    });

    test('a category block folds', async () => {
        const ws = await workspace();
        const document = ws.documents['care.marvel'];
        const ranges = await ws.services.lsp.FoldingRangeProvider!.getFoldingRanges(document, { textDocument: { uri: document.uri.toString() } });
        expect(ranges.some(r => r.startLine === 1 && r.endLine >= 5)).toBe(true);
    });
});

describe('semantic tokens', () => {
    test('colour references by the role of the factor they name', async () => {
        const ws = await workspace();
        const document = ws.documents['main.marvel'];
        const provider = ws.services.lsp.SemanticTokenProvider!;
        const tokens = await provider.semanticHighlight(document, { textDocument: { uri: document.uri.toString() } });
        const typeNames = Object.keys(provider.tokenTypes);
        const decoded = SemanticTokensDecoder.decode(tokens, provider.tokenTypes, document);
        const byText = new Map(decoded.map(t => [`${document.textDocument.getText({ start: document.textDocument.positionAt(t.offset), end: document.textDocument.positionAt(t.offset + t.text.length) })}@${document.textDocument.positionAt(t.offset).line}`, t.tokenType]));
        expect(typeNames).toEqual(expect.arrayContaining(['factor', 'keyFactor', 'indicator', 'intervention', 'kpi']));
        expect(byText.get('pilot@7')).toBe('intervention');
        expect(byText.get('drukZorg@8')).toBe('keyFactor');
        expect(byText.get('effectiviteitZorg@9')).toBe('indicator');
        expect(byText.get('slachtoffers@9')).toBe('kpi');
        expect(byText.get('aangiften@5')).toBe('factor');
    });
});

describe('quick fixes', () => {
    async function actionsFor(text: string, code: string, extra: Record<string, string> = {}) {
        const ws = await createWorkspace({ ...extra, 'fix.marvel': text });
        const document = ws.documents['fix.marvel'];
        const diagnostics = (document.diagnostics ?? []).filter(d => d.code === code);
        expect(diagnostics.length).toBeGreaterThan(0);
        const actions = await ws.services.lsp.CodeActionProvider!.getCodeActions(document, {
            textDocument: { uri: document.uri.toString() }, range: diagnostics[0].range, context: { diagnostics: [diagnostics[0]] }
        }) as CodeAction[];
        return { ws, document, actions };
    }

    test('contradictory relation: keep one sign removes the other clause', async () => {
        const { document, actions } = await actionsFor(`factor a "A"\nfactor b "B"\nfactor c "C"\na -> +b, +c\na -> -b\n`, 'contradictory-relation');
        expect(actions.map(a => a.title)).toEqual(["Keep '+': remove the '-' relation", "Keep '-': remove the '+' relation"]);
        expect(applyEdit(document, actions[0].edit)).toBe(`factor a "A"\nfactor b "B"\nfactor c "C"\na -> +b, +c\n`);
        expect(applyEdit(document, actions[1].edit)).toBe(`factor a "A"\nfactor b "B"\nfactor c "C"\na -> +c\na -> -b\n`);
    });

    test('contradictory relation: removing several clauses of one statement keeps the rest well-formed', async () => {
        const { document, actions } = await actionsFor(`factor a "A"\nfactor b "B"\nfactor c "C"\na -> -b, -b "again", +c, -b\na -> +b\n`, 'contradictory-relation');
        expect(applyEdit(document, actions[0].edit)).toBe(`factor a "A"\nfactor b "B"\nfactor c "C"\na -> +c\na -> +b\n`);
        expect(applyEdit(document, actions[1].edit)).toBe(`factor a "A"\nfactor b "B"\nfactor c "C"\na -> -b, -b "again", +c, -b\n`);
    });

    test('unknown name on the last line: offered while a `}` is missing at the end of the file', async () => {
        const { actions } = await actionsFor(`category c "C" {\n  factor a "A"\n  factor bbbb "B"\n  a -> +bbbx\n`, 'unresolved-reference');
        expect(actions.map(a => a.title)).toEqual(["Change to 'bbbb'", "Declare factor 'bbbx'"]);
    });

    test('duplicate relation: removes the second one', async () => {
        const { document, actions } = await actionsFor(`factor a "A"\nfactor b "B"\na -> +b\na -> +b "again"\n`, 'duplicate-relation');
        expect(actions.map(a => a.title)).toEqual(['Remove the duplicate relation']);
        expect(applyEdit(document, actions[0].edit)).toBe(`factor a "A"\nfactor b "B"\na -> +b\n`);
    });

    test('unresolved reference: suggests a close name and declaring the factor above its first use', async () => {
        const { document, actions } = await actionsFor(`factor pakkans "Pakkans"\nfactor daders "Daders"\npakkans -> -dadres\n`, 'unresolved-reference');
        expect(actions.map(a => a.title)).toEqual(["Change to 'daders'", "Declare factor 'dadres'"]);
        expect(applyEdit(document, actions[0].edit)).toContain('pakkans -> -daders');
        expect(applyEdit(document, actions[1].edit)).toBe(`factor pakkans "Pakkans"\nfactor daders "Daders"\nfactor dadres "dadres"\npakkans -> -dadres\n`);
    });

    test('unresolved category: offers to declare the category', async () => {
        const { actions } = await actionsFor(`factor a "A" in strafrecth\n`, 'unresolved-reference');
        expect(actions.map(a => a.title)).toContain("Declare category 'strafrecth'");
    });

    test('KPI without direction: adds one after the label', async () => {
        const { document, actions } = await actionsFor(`kpi k "Slachtoffers"\n`, 'kpi-without-direction');
        expect(actions.map(a => a.title)).toEqual(["Add 'decrease'", "Add 'increase'"]);
        expect(applyEdit(document, actions[0].edit)).toBe(`kpi k "Slachtoffers" decrease\n`);
    });
});

describe('tracing in the editor', () => {
    const model = `kpi slachtoffers "Aantal slachtoffers" decrease
intervention pilot "Pilot gemeente"
intervention stil "Stille interventie"
factor pakkans "Pakkans"
factor aangiften "Aantal aangiften"
factor druk "Druk op de zorg"
factor daders "Aantal daders"
pilot -> +pakkans, +aangiften
pakkans -> -daders
daders -> +slachtoffers
aangiften -> +druk
druk -> +slachtoffers
slachtoffers -> +aangiften
stil -> +pakkans
`;

    test('a code lens above each intervention gives its verdict per KPI and opens the trace', async () => {
        const ws = await createWorkspace({ 'model.marvel': model });
        const document = ws.documents['model.marvel'];
        const lenses = await ws.services.lsp.CodeLensProvider!.provideCodeLens(document, { textDocument: { uri: document.uri.toString() } });
        expect(lenses?.map(l => [l.range.start.line, l.command?.title])).toEqual([
            [1, 'Aantal slachtoffers: mixed, evenly balanced · 2 paths'],
            [2, 'Aantal slachtoffers: desired · 1 path']
        ]);
        expect(lenses?.[0].command?.command).toBe('marvel.traceIntervention');
        expect(lenses?.[0].command?.arguments).toEqual([document.uri.toString(), 'pilot']);
    });

    test('an intervention that works both ways on a KPI gets a mixed-effect hint (not an info: Problems keeps to errors and warnings); one that works one way does not', async () => {
        const ws = await createWorkspace({ 'model.marvel': model });
        const hints = (ws.documents['model.marvel'].diagnostics ?? []).filter(d => d.code === 'mixed-effect');
        expect(hints.map(h => [h.range.start.line, h.severity])).toEqual([[1, DiagnosticSeverity.Hint]]);
        expect(hints[0].message).toBe("Pilot gemeente works both ways on 'Aantal slachtoffers': 2 paths: 1 desired, 1 undesired; weighed by strength, length and delay: mixed, evenly balanced.");
    });

    test('hover on a factor lists the feedback loops through it', async () => {
        const ws = await createWorkspace({ 'model.marvel': model });
        const document = ws.documents['model.marvel'];
        const hover = await ws.services.lsp.HoverProvider!.getHoverContent(document, {
            textDocument: { uri: document.uri.toString() }, position: positionOf(document, 'druk "', 1)
        });
        const text = hoverText(hover);
        expect(text).toContain('**In feedback loops** (1)\n- `R1` reinforcing: Aantal aangiften → +Druk op de zorg → +Aantal slachtoffers → +Aantal aangiften');
        // The relations come first: they are what a modeller looks for; the loops can be dozens.
        expect(text.indexOf('**Influenced by**')).toBeGreaterThan(0);
        expect(text.indexOf('**Influences**')).toBeLessThan(text.indexOf('**In feedback loops**'));
        expect(text.indexOf('**Influenced by**')).toBeLessThan(text.indexOf('**In feedback loops**'));
    });
});

describe('renaming and moving files', () => {
    /** The texts of the files after the edits the server asks for before `renames` (old name → new name, relative to the workspace folder). */
    async function textsAfterRenaming(files: Record<string, string>, renames: Record<string, string>): Promise<Record<string, string>> {
        const ws = await createWorkspace(files);
        const edit = await ws.services.shared.lsp.FileOperationHandler!.willRenameFiles!({
            files: Object.entries(renames).map(([from, to]) => ({ oldUri: ws.uri(from), newUri: ws.uri(to) }))
        });
        return Object.fromEntries(Object.keys(files).map(name => [name, applyEdit(ws.document(name), edit)]));
    }

    test('a renamed file: the imports of it follow, in their own style', async () => {
        const texts = await textsAfterRenaming({
            'main.marvel': 'import "./context.marvel"\nfactor a "A"\n',
            'bare.marvel': 'import "context.marvel"\n',
            'context.marvel': 'factor b "B"\n'
        }, { 'context.marvel': 'omgeving.marvel' });
        expect(texts['main.marvel']).toBe('import "./omgeving.marvel"\nfactor a "A"\n');
        expect(texts['bare.marvel']).toBe('import "omgeving.marvel"\n');
        expect(texts['context.marvel']).toBe('factor b "B"\n');
    });

    test('a file moved into another folder: its own imports and the imports of it still reach the same files', async () => {
        const texts = await textsAfterRenaming({
            'main.marvel': 'import "./context.marvel"\n',
            'context.marvel': 'import "./main.marvel"\nimport "./shared/base.marvel"\n',
            'shared/base.marvel': 'factor b "B"\n'
        }, { 'context.marvel': 'domains/context.marvel' });
        expect(texts['main.marvel']).toBe('import "./domains/context.marvel"\n');
        expect(texts['context.marvel']).toBe('import "../main.marvel"\nimport "../shared/base.marvel"\n');
    });

    test('a renamed folder: imports into it follow, imports within it stay as they are', async () => {
        const texts = await textsAfterRenaming({
            'main.marvel': 'import "./shared/base.marvel"\n',
            'shared/base.marvel': 'import "./more.marvel"\n',
            'shared/more.marvel': 'factor m "M"\n'
        }, { shared: 'common' });
        expect(texts['main.marvel']).toBe('import "./common/base.marvel"\n');
        expect(texts['shared/base.marvel']).toBe('import "./more.marvel"\n');
    });
});
