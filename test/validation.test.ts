import type { LangiumDocument } from 'langium';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { MarvelFile } from '../language/generated/ast.js';
import type { MarvelServiceSet } from '../language/marvel-module.js';
import { createIsolatedWorkspace, testServices } from './support/workspace.js';

/** LSP severities. */
const ERROR = 1;
const WARNING = 2;

let services: MarvelServiceSet;

beforeAll(() => {
    services = testServices();
});

interface Checked {
    /** Diagnostics per file name, for every file given. */
    readonly byFile: ReadonlyMap<string, readonly Diagnostic[]>;
    readonly documents: ReadonlyMap<string, LangiumDocument<MarvelFile>>;
    /** Diagnostics of one file (the only or the first file when no name is given). */
    of(file?: string): readonly Diagnostic[];
    /** Diagnostics of one file with one code. */
    coded(code: string, file?: string): readonly Diagnostic[];
}

/** Builds and validates a set of files in a folder of their own, so that only files of the same call can import each other. */
async function check(files: Readonly<Record<string, string>>): Promise<Checked> {
    const documents = new Map(Object.entries((await createIsolatedWorkspace(services, files)).documents));
    const byFile = new Map([...documents].map(([name, document]) => [name, document.diagnostics ?? []] as const));
    const first = Object.keys(files)[0];
    const of = (file: string = first): readonly Diagnostic[] => {
        const diagnostics = byFile.get(file);
        if (!diagnostics) {
            throw new Error(`no file '${file}' in this check`);
        }
        return diagnostics;
    };
    return { byFile, documents, of, coded: (code, file) => of(file).filter(d => d.code === code) };
}

/** One file. */
async function checkText(text: string): Promise<Checked> {
    return check({ 'model.marvel': text });
}

/** The range of the `nth` whole-word occurrence of `needle` on a 1-based line of `text`. */
function rangeAt(text: string, line: number, needle: string, nth = 1): Range {
    const content = text.split('\n')[line - 1];
    if (content === undefined) {
        throw new Error(`the text has no line ${line}`);
    }
    const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])`, 'gu');
    const match = [...content.matchAll(pattern)][nth - 1];
    if (match?.index === undefined) {
        throw new Error(`'${needle}' does not occur ${nth} time(s) on line ${line}: ${content}`);
    }
    return { start: { line: line - 1, character: match.index }, end: { line: line - 1, character: match.index + needle.length } };
}

function show(diagnostics: readonly Diagnostic[]): string {
    return diagnostics.map(d => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${String(d.code)} (${d.severity}): ${d.message}`).join('\n');
}

/** Asserts that exactly these ranges carry `code`, with the given severity, and returns the diagnostics in range order. */
function expectCoded(result: Checked, code: string, severity: number, ranges: readonly Range[], file?: string): Diagnostic[] {
    const found = [...result.coded(code, file)].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    const all = show(result.of(file));
    expect(found.map(d => d.range), all).toEqual(ranges);
    for (const diagnostic of found) {
        expect(diagnostic.severity, all).toBe(severity);
    }
    return found;
}

function expectNone(result: Checked, code: string, file?: string): void {
    expect(show(result.coded(code, file))).toBe('');
}

/** A complete model: every factor connected, the KPI reached by the intervention, no findings at all. */
const completeModel = `model compleet "Compleet model"
kpi slachtoffers "Aantal slachtoffers" decrease
intervention voorlichting "Voorlichting op scholen"
category preventie "Preventie" color "#aabbcc" {
    factor bewustzijn "Bewustzijn bij jongeren"
}
voorlichting -> +bewustzijn (strength: strong, speed: low) "§2.1"
bewustzijn -> -slachtoffers
`;

describe('a complete model', () => {
    it('has no diagnostics at all', async () => {
        const result = await checkText(completeModel);
        expect(show(result.of())).toBe('');
    });
});

describe('syntax', () => {
    it('fires as an error on the stray character', async () => {
        const text = `factor a "Aantal"
factor b "Bereik" %
a -> +b
`;
        const result = await checkText(text);
        const [error] = expectCoded(result, 'syntax', ERROR, [rangeAt(text, 2, '%')]);
        expect(error.message).toContain(`'%'`);
    });

    it('fires on a misplaced word and names what was expected', async () => {
        const text = `factor a "Aantal"
factor b "Bereik"
a -> +b (strength strong)
`;
        const result = await checkText(text);
        const [error] = expectCoded(result, 'syntax', ERROR, [rangeAt(text, 3, 'strong')]);
        expect(error.message).toBe(`Expected ':' but found 'strong'.`);
    });

    it('asks for a name where one is missing, not for the attribute words a name may also be', async () => {
        const result = await checkText(`factor a "Aantal"\nkpi`);
        expect(result.coded('syntax').map(d => d.message)).toEqual(['Expected a name but found the end of the file.']);
    });

    it('does not fire on a well-formed model', async () => {
        expectNone(await checkText(completeModel), 'syntax');
    });
});

describe('unresolved-reference', () => {
    it('fires as an error on an unknown relation target and names it', async () => {
        const text = `factor a "Aantal daders"
a -> +onbekend
`;
        const result = await checkText(text);
        const [error] = expectCoded(result, 'unresolved-reference', ERROR, [rangeAt(text, 2, 'onbekend')]);
        expect(error.message).toContain(`'onbekend'`);
    });

    it('fires on an unknown relation source, scenario factor and category', async () => {
        const text = `factor a "Aantal daders" in nergens
bron -> +a
scenario s { set spook to 1 }
`;
        const result = await checkText(text);
        const errors = expectCoded(result, 'unresolved-reference', ERROR, [
            rangeAt(text, 1, 'nergens'),
            rangeAt(text, 2, 'bron'),
            rangeAt(text, 3, 'spook')
        ]);
        expect(errors[0].message).toMatch(/category 'nergens'/);
        expect(errors[1].message).toMatch(/factor 'bron'/);
        expect(errors[2].message).toMatch(/factor 'spook'/);
    });

    it('still fires on the last line when a `}` is missing at the end of the file', async () => {
        const text = `category c "C" {
  factor a "A"
  a -> +onbekend
`;
        const result = await checkText(text);
        expectCoded(result, 'unresolved-reference', ERROR, [rangeAt(text, 3, 'onbekend')]);
        expect(result.coded('syntax').map(d => d.message)).toEqual(["Expected '}' but found the end of the file."]);
    });

    it('does not fire for a name declared further down the file', async () => {
        const result = await checkText(`a -> +b\nfactor a "A"\nfactor b "B"\n`);
        expectNone(result, 'unresolved-reference');
    });

    it('does not fire for a category used with `in` before it is declared', async () => {
        const result = await checkText(`factor a "A" in later\ncategory later\n`);
        expectNone(result, 'unresolved-reference');
    });
});

describe('duplicate-name', () => {
    it('fires as an error on both declarations of a name in one file', async () => {
        const text = `factor daders "Aantal daders"
factor daders "Aantal daders (nieuw)"
daders -> +daders
`;
        const result = await checkText(text);
        const errors = expectCoded(result, 'duplicate-name', ERROR, [rangeAt(text, 1, 'daders'), rangeAt(text, 2, 'daders')]);
        expect(errors[0].message).toContain(`'daders'`);
        expect(errors[0].message).toContain('line 2');
        expect(errors[1].message).toContain('line 1');
    });

    it('fires for the same name in different categories', async () => {
        const text = `category a { factor x "X in a" }
category b { factor x "X in b" }
`;
        const result = await checkText(text);
        expectCoded(result, 'duplicate-name', ERROR, [rangeAt(text, 1, 'x'), rangeAt(text, 2, 'x')]);
    });

    it('fires when a factor and a category share a name', async () => {
        const text = `category beleid "Beleid"
factor beleid "Beleid als factor" in beleid
`;
        const result = await checkText(text);
        expectCoded(result, 'duplicate-name', ERROR, [rangeAt(text, 1, 'beleid'), rangeAt(text, 2, 'beleid')]);
    });

    it('fires in both files when an imported file declares the same name, naming the other file', async () => {
        const a = `import "./b.marvel"
factor daders "Aantal daders"
`;
        const b = `factor daders "Daders (b)"
`;
        const result = await check({ 'a.marvel': a, 'b.marvel': b });
        const [inA] = expectCoded(result, 'duplicate-name', ERROR, [rangeAt(a, 2, 'daders')], 'a.marvel');
        const [inB] = expectCoded(result, 'duplicate-name', ERROR, [rangeAt(b, 1, 'daders')], 'b.marvel');
        expect(inA.message).toContain('b.marvel');
        expect(inB.message).toContain('a.marvel');
    });

    it('fires when a scenario and a factor share a name', async () => {
        const text = `intervention budget "Budget"
scenario budget "Budget omhoog" { set budget to 0.9 }
`;
        const result = await checkText(text);
        expectCoded(result, 'duplicate-name', ERROR, [rangeAt(text, 1, 'budget'), rangeAt(text, 2, 'budget')]);
    });

    it('does not fire for distinct names', async () => {
        expectNone(await checkText(completeModel), 'duplicate-name');
    });

    it('does not fire for the same name in two files that do not import each other', async () => {
        const result = await check({ 'a.marvel': `factor daders "A"\n`, 'b.marvel': `factor daders "B"\n` });
        expectNone(result, 'duplicate-name', 'a.marvel');
        expectNone(result, 'duplicate-name', 'b.marvel');
    });

    it('does not fire when one file is imported along two paths (diamond)', async () => {
        const result = await check({
            'top.marvel': `import "./left.marvel"\nimport "./right.marvel"\nfactor top "Top"\ntop -> +left, +right\n`,
            'left.marvel': `import "./base.marvel"\nfactor left "Left"\nleft -> +base\n`,
            'right.marvel': `import "./base.marvel"\nfactor right "Right"\nright -> +base\n`,
            'base.marvel': `factor base "Base"\n`
        });
        for (const file of ['top.marvel', 'left.marvel', 'right.marvel', 'base.marvel']) {
            expectNone(result, 'duplicate-name', file);
            expectNone(result, 'unresolved-reference', file);
        }
    });
});

describe('contradictory-relation', () => {
    it('fires as an error on both relations, naming the factors by label', async () => {
        const text = `factor pakkans "Pakkans"
factor daders "Aantal daders"
pakkans -> -daders
pakkans -> +daders (strength: weak)
`;
        const result = await checkText(text);
        const errors = expectCoded(result, 'contradictory-relation', ERROR, [
            rangeAt(text, 3, '-daders'),
            rangeAt(text, 4, '+daders (strength: weak)')
        ]);
        for (const error of errors) {
            expect(error.message).toContain(`'Pakkans'`);
            expect(error.message).toContain(`'Aantal daders'`);
        }
        expect(errors[0].message).toContain('line 4');
        expect(errors[1].message).toContain('line 3');
    });

    it('fires within one fan-out', async () => {
        const text = `factor a "Alpha"
factor b "Beta"
a -> +b, -b
`;
        const result = await checkText(text);
        expectCoded(result, 'contradictory-relation', ERROR, [rangeAt(text, 3, '+b'), rangeAt(text, 3, '-b')]);
    });

    it('fires in each of two files that link the same pair with opposite signs, naming the other file', async () => {
        const a = `import "./b.marvel"
factor pakkans "Pakkans"
pakkans -> +daders
`;
        const b = `import "./a.marvel"
factor daders "Aantal daders"
pakkans -> -daders
`;
        const result = await check({ 'a.marvel': a, 'b.marvel': b });
        const [inA] = expectCoded(result, 'contradictory-relation', ERROR, [rangeAt(a, 3, '+daders')], 'a.marvel');
        const [inB] = expectCoded(result, 'contradictory-relation', ERROR, [rangeAt(b, 3, '-daders')], 'b.marvel');
        expect(inA.message).toContain(`'Aantal daders'`);
        expect(inB.message).toContain(`'Pakkans'`);
        // "see line 3" alone would send the reader to the wrong file.
        expect(inA.message).toContain('b.marvel');
        expect(inB.message).toContain('a.marvel');
    });

    it('does not fire for + and ? on the same pair', async () => {
        const result = await checkText(`factor a "A"\nfactor b "B"\na -> +b\na -> ?b\n`);
        expectNone(result, 'contradictory-relation');
    });

    it('does not fire for opposite signs in opposite directions', async () => {
        const result = await checkText(`factor a "A"\nfactor b "B"\na -> +b\nb -> -a\n`);
        expectNone(result, 'contradictory-relation');
    });
});

describe('duplicate-relation', () => {
    it('fires as a warning on the repeated relation, naming the factors by label and the first line', async () => {
        const text = `factor pakkans "Pakkans"
factor daders "Aantal daders"
pakkans -> -daders
pakkans -> -daders "nogmaals"
`;
        const result = await checkText(text);
        const [warning] = expectCoded(result, 'duplicate-relation', WARNING, [rangeAt(text, 4, '-daders "nogmaals"')]);
        expect(warning.message).toContain(`'Pakkans'`);
        expect(warning.message).toContain(`'Aantal daders'`);
        expect(warning.message).toContain('line 3');
    });

    it('fires within one fan-out', async () => {
        const text = `factor a "Alpha"\nfactor b "Beta"\na -> +b, +b\n`;
        const result = await checkText(text);
        expectCoded(result, 'duplicate-relation', WARNING, [rangeAt(text, 3, '+b', 2)]);
    });

    it('fires across files and names the file of the first declaration', async () => {
        const a = `import "./b.marvel"\nfactor a "Alpha"\na -> +b\n`;
        const b = `factor b "Beta"\n`;
        const c = `import "./a.marvel"\na -> +b\n`;
        const result = await check({ 'a.marvel': a, 'b.marvel': b, 'c.marvel': c });
        const all = [...result.coded('duplicate-relation', 'a.marvel'), ...result.coded('duplicate-relation', 'c.marvel')];
        expect(all, show(all)).toHaveLength(1);
        expect(all[0].severity).toBe(WARNING);
        expect(all[0].message).toMatch(/[ac]\.marvel/);
    });

    it('does not fire for the same source with different targets', async () => {
        const result = await checkText(`factor a "A"\nfactor b "B"\nfactor c "C"\na -> +b\na -> +c\n`);
        expectNone(result, 'duplicate-relation');
    });
});

describe('self-relation', () => {
    it('fires as a warning on a factor that influences itself, naming it by label', async () => {
        const text = `factor a "Aantal daders"
factor b "Bereik"
a -> +b, +a (strength: weak)
`;
        const result = await checkText(text);
        const [warning] = expectCoded(result, 'self-relation', WARNING, [rangeAt(text, 3, '+a (strength: weak)')]);
        expect(warning.message).toContain(`'Aantal daders'`);
    });

    it('does not fire for a loop through another factor', async () => {
        const result = await checkText(`factor a "A"\nfactor b "B"\na -> +b\nb -> +a\n`);
        expectNone(result, 'self-relation');
    });
});

describe('unconnected-factor', () => {
    it('fires as a warning on the name of a factor without relations, naming it by label', async () => {
        const text = `factor a "Aantal daders"
factor b "Bereik"
key factor eenzaam "Eenzame factor"
a -> +b
`;
        const result = await checkText(text);
        const [warning] = expectCoded(result, 'unconnected-factor', WARNING, [rangeAt(text, 3, 'eenzaam')]);
        expect(warning.message).toContain(`'Eenzame factor'`);
    });

    it('fires for a factor whose only relation is to itself', async () => {
        const text = `factor a "Alpha"\na -> +a\n`;
        const result = await checkText(text);
        expectCoded(result, 'unconnected-factor', WARNING, [rangeAt(text, 1, 'a')]);
    });

    it('does not fire for factors with only incoming or only outgoing relations, in blocks or not', async () => {
        const result = await checkText(`category c { indicator factor doel "Doel" }
factor bron "Bron"
bron -> +doel
`);
        expectNone(result, 'unconnected-factor');
    });

    it('does not fire for a factor whose relation only fails to resolve (the unresolved-reference error says it all)', async () => {
        const text = `factor a "Alpha"\na -> +onbekend\n`;
        const result = await checkText(text);
        expectCoded(result, 'unresolved-reference', ERROR, [rangeAt(text, 2, 'onbekend')]);
        expectNone(result, 'unconnected-factor');
    });

    it('does not fire for a factor connected by a relation in another file', async () => {
        const result = await check({
            'a.marvel': `import "./b.marvel"\nfactor a "Alpha"\na -> +b\n`,
            'b.marvel': `factor b "Beta"\n`
        });
        expectNone(result, 'unconnected-factor', 'b.marvel');
    });
});

describe('intervention-without-effect', () => {
    it('fires as a warning on an intervention that reaches no KPI, naming it and the KPI by label', async () => {
        const text = `kpi slachtoffers "Aantal slachtoffers" decrease
intervention campagne "Publiekscampagne"
intervention pilot "Pilot gemeente"
factor bewustzijn "Bewustzijn"
factor zijspoor "Zijspoor"
pilot -> +bewustzijn
bewustzijn -> -slachtoffers
campagne -> +zijspoor
`;
        const result = await checkText(text);
        const [warning] = expectCoded(result, 'intervention-without-effect', WARNING, [rangeAt(text, 2, 'campagne')]);
        expect(warning.message).toContain(`'Publiekscampagne'`);
        expect(warning.message).toContain(`'Aantal slachtoffers'`);
    });

    it('fires for a key intervention with no relations at all', async () => {
        const text = `kpi k "KPI" increase
key intervention stil "Stille interventie"
factor f "F"
f -> +k
`;
        const result = await checkText(text);
        expectCoded(result, 'intervention-without-effect', WARNING, [rangeAt(text, 2, 'stil')]);
    });

    it('does not fire for an intervention that reaches a KPI through a chain, including a ? relation', async () => {
        const result = await checkText(`kpi k "KPI" increase
intervention i "I"
factor a "A"
factor b "B"
i -> +a
a -> ?b
b -> -k
`);
        expectNone(result, 'intervention-without-effect');
    });
});

describe('kpi-not-influenced', () => {
    it('fires as a warning on a KPI that no intervention reaches, naming it by label', async () => {
        const text = `kpi slachtoffers "Aantal slachtoffers" decrease
kpi inBeeld "Percentage in beeld" increase
intervention pilot "Pilot"
factor daders "Aantal daders"
pilot -> -daders
daders -> +slachtoffers
daders -> -inBeeld
factor los "Los"
los -> +slachtoffers
kpi wees "Weeskpi" increase
los -> +wees
`;
        const result = await checkText(text);
        const [warning] = expectCoded(result, 'kpi-not-influenced', WARNING, [rangeAt(text, 10, 'wees')]);
        expect(warning.message).toContain(`'Weeskpi'`);
    });

    it('does not fire for a KPI reached by an intervention declared in an imported file', async () => {
        const result = await check({
            'kpis.marvel': `import "./acties.marvel"\nkpi k "KPI" increase\npilot -> +k\n`,
            'acties.marvel': `intervention pilot "Pilot"\n`
        });
        expectNone(result, 'kpi-not-influenced', 'kpis.marvel');
        expectNone(result, 'intervention-without-effect', 'acties.marvel');
    });
});

describe('duplicate-label', () => {
    it('hints at a factor drawn with the same text as one before it, naming that one', async () => {
        const text = `factor werkloosheid "Werkloosheid"
factor werkloosheid2 "werkloosheid "
factor armoede
factor b "Armoede"
factor c "Iets anders"
werkloosheid -> +werkloosheid2, +armoede, +b, +c
`;
        const result = await checkText(text);
        const hints = expectCoded(result, 'duplicate-label', 4, [rangeAt(text, 2, 'werkloosheid2'), rangeAt(text, 4, 'b')]);
        expect(hints[0].message).toBe(`'werkloosheid ' (werkloosheid2) is labelled like 'Werkloosheid' (werkloosheid) at line 1: their boxes read alike in the diagram.`);
        expect(hints[1].message).toContain(`like 'armoede' at line 3`);
    });
});

describe('blank-label', () => {
    it('warns at a label with no text, and the model shows the name instead', async () => {
        const text = `category c "  " {
    factor a ""
    factor b "B"
}
scenario s "" {
    a = 0.8
}
factor x "x"
a -> +b
b -> +x
`;
        const result = await checkText(text);
        const warnings = expectCoded(result, 'blank-label', WARNING, [rangeAt(text, 1, '"  "'), rangeAt(text, 2, '""'), rangeAt(text, 5, '""')]);
        expect(warnings[1].message).toBe(`This label is blank, so 'a' is shown instead: write the text to show, or leave the label out.`);
        const graph = services.Marvel.workspace.ModelProvider.getModel(result.documents.get('model.marvel')!).graph;
        expect([graph.labelOf('a'), graph.labelOf('c'), graph.labelOf('x')]).toEqual(['a', 'c', 'x']);
        expectNone(result, 'duplicate-label');
    });
});

describe('empty-category', () => {
    it('fires as a warning on a category that holds no factors, naming it by label', async () => {
        const text = `category leeg "Lege categorie" color "#ffffff" {
}
factor a "A"
factor b "B"
a -> +b
`;
        const result = await checkText(text);
        const [warning] = expectCoded(result, 'empty-category', WARNING, [rangeAt(text, 1, 'leeg')]);
        expect(warning.message).toContain(`'Lege categorie'`);
    });

    it('fires on a parent and its child when the only thing inside is an empty nested category', async () => {
        const text = `category ouder "Ouder" {
    category kind "Kind"
}
`;
        const result = await checkText(text);
        expectCoded(result, 'empty-category', WARNING, [rangeAt(text, 1, 'ouder'), rangeAt(text, 2, 'kind')]);
    });

    it('fires on a category that holds only a relation', async () => {
        const text = `factor a "A"
factor b "B"
category relatiesOnly "Alleen relaties" {
    a -> +b
}
`;
        const result = await checkText(text);
        expectCoded(result, 'empty-category', WARNING, [rangeAt(text, 3, 'relatiesOnly')]);
    });

    it('does not fire on a category populated only through `in`', async () => {
        const result = await checkText(`category strafrecht "Strafrecht"
factor daders "Daders" in strafrecht
factor pakkans "Pakkans"
pakkans -> -daders
`);
        expectNone(result, 'empty-category');
    });

    it('does not fire on a parent populated only through a nested category', async () => {
        const result = await checkText(`category ouder "Ouder" {
    category kind "Kind" {
        factor a "A"
    }
}
category ouder2 "Ouder 2" {
    category kind2 "Kind 2"
}
factor b "B" in kind2
a -> +b
`);
        expectNone(result, 'empty-category');
    });

    it('does not fire on a category populated through `in` from an importing file', async () => {
        const result = await check({
            'main.marvel': `import "./cats.marvel"\nfactor a "A" in leeg\nfactor b "B"\na -> +b\n`,
            'cats.marvel': `category leeg "Nu niet meer leeg"\n`
        });
        expectNone(result, 'empty-category', 'cats.marvel');
    });
});

describe('import-not-found', () => {
    it('fires as an error on the path of an import whose file does not exist', async () => {
        const text = `import "./bestaat-niet.marvel"
factor a "A"
`;
        const result = await checkText(text);
        const [error] = expectCoded(result, 'import-not-found', ERROR, [rangeAt(text, 1, '"./bestaat-niet.marvel"')]);
        expect(error.message).toContain('./bestaat-niet.marvel');
    });

    it('fires on an import of a file that is not a .marvel file', async () => {
        const text = `import "./notities.txt"\n`;
        const result = await checkText(text);
        expectCoded(result, 'import-not-found', ERROR, [rangeAt(text, 1, '"./notities.txt"')]);
    });

    it('does not fire for imports that exist, in a subfolder or a parent folder', async () => {
        const result = await check({
            'main.marvel': `import "./sub/deel.marvel"\nfactor a "A"\na -> +deel\n`,
            'sub/deel.marvel': `import "../gedeeld.marvel"\nfactor deel "Deel"\ndeel -> +gedeeld\n`,
            'gedeeld.marvel': `factor gedeeld "Gedeeld"\n`
        });
        for (const file of ['main.marvel', 'sub/deel.marvel', 'gedeeld.marvel']) {
            expectNone(result, 'import-not-found', file);
            expectNone(result, 'unresolved-reference', file);
        }
    });
});

describe('kpi-without-direction', () => {
    it('fires as an error on the name of a KPI without increase/decrease, naming it by label', async () => {
        const text = `kpi slachtoffers "Aantal slachtoffers"
intervention i "I"
i -> -slachtoffers
`;
        const result = await checkText(text);
        const [error] = expectCoded(result, 'kpi-without-direction', ERROR, [rangeAt(text, 1, 'slachtoffers')]);
        expect(error.message).toContain(`'Aantal slachtoffers'`);
    });

    it('does not fire for KPIs with a direction', async () => {
        const result = await checkText(`kpi a "A" increase\nkpi b "B" decrease initial 0.2\nintervention i "I"\ni -> +a, -b\n`);
        expectNone(result, 'kpi-without-direction');
    });
});

describe('invalid-attribute', () => {
    it('fires as an error on a speed word used as strength', async () => {
        const text = `factor a "A"\nfactor b "B"\na -> +b (strength: high)\n`;
        const result = await checkText(text);
        const [error] = expectCoded(result, 'invalid-attribute', ERROR, [rangeAt(text, 3, 'strength: high')]);
        expect(error.message).toContain(`'high'`);
        expect(error.message).toContain('very strong');
    });

    it('fires as an error on a strength word used as speed, and on `very weak`', async () => {
        const text = `factor a "A"\nfactor b "B"\na -> +b (speed: strong), -a (strength: very weak)\n`;
        const result = await checkText(text);
        const errors = expectCoded(result, 'invalid-attribute', ERROR, [rangeAt(text, 3, 'speed: strong'), rangeAt(text, 3, 'strength: very weak')]);
        expect(errors[0].message).toContain('very high');
    });

    it('fires as an error on a negative delay or strength, at the number', async () => {
        const text = `factor a "A"\nfactor b "B"\na -> +b (delay: -1)\nb -> +a (strength: -2)\n`;
        const result = await checkText(text);
        expectCoded(result, 'invalid-attribute', ERROR, [rangeAt(text, 3, '-1'), rangeAt(text, 4, '-2')]);
    });

    it('does not fire for every valid attribute form', async () => {
        const result = await checkText(`factor a "A"
factor b "B"
factor c "C"
a -> +b (strength: very strong, speed: very high), +c (strength: 0.75, delay: 2.5)
b -> -c (strength: weak, speed: low), ?a (strength: average, speed: average)
c -> +a (strength: strong, speed: high), -b (delay: 0)
`);
        expectNone(result, 'invalid-attribute');
        expectNone(result, 'syntax');
    });
});

describe('duplicate-attribute', () => {
    it('fires as a warning on the repeated attribute', async () => {
        const text = `factor a "A"\nfactor b "B"\na -> +b (strength: strong, strength: weak)\n`;
        const result = await checkText(text);
        const [warning] = expectCoded(result, 'duplicate-attribute', WARNING, [rangeAt(text, 3, 'strength: weak')]);
        expect(warning.message).toContain('strength');
    });

    it('fires as a warning on `speed` when `delay` overrides it', async () => {
        const text = `factor a "A"\nfactor b "B"\na -> +b (speed: low, delay: 2)\n`;
        const result = await checkText(text);
        expectCoded(result, 'duplicate-attribute', WARNING, [rangeAt(text, 3, 'speed: low')]);
    });

    it('does not fire for one strength and one speed', async () => {
        const result = await checkText(`factor a "A"\nfactor b "B"\na -> +b (strength: strong, speed: low)\n`);
        expectNone(result, 'duplicate-attribute');
    });
});

describe('invalid-color', () => {
    it('fires as an error on a colour that is not #rgb or #rrggbb', async () => {
        const text = `category a "A" color "red" { factor x "X" }
category b "B" color "#12345" { factor y "Y" }
x -> +y
`;
        const result = await checkText(text);
        const errors = expectCoded(result, 'invalid-color', ERROR, [rangeAt(text, 1, '"red"'), rangeAt(text, 2, '"#12345"')]);
        expect(errors[0].message).toContain('red');
    });

    it('does not fire for #rgb and #rrggbb in either case', async () => {
        const result = await checkText(`category a color "#abc" { factor x }
category b color "#A1B2C3" { factor y }
x -> +y
`);
        expectNone(result, 'invalid-color');
    });
});

describe('category-conflict', () => {
    it('fires as an error on `in` inside a category block, naming the factor by label', async () => {
        const text = `category strafrecht "Strafrecht"
category hulp "Hulpverlening" {
    factor opvang "Opvangplekken" in strafrecht
}
`;
        const result = await checkText(text);
        const [error] = expectCoded(result, 'category-conflict', ERROR, [rangeAt(text, 3, 'strafrecht')]);
        expect(error.message).toContain(`'Opvangplekken'`);
    });

    it('does not fire for `in` outside a block', async () => {
        const result = await checkText(`category strafrecht "Strafrecht"\nfactor opvang "Opvang" in strafrecht\n`);
        expectNone(result, 'category-conflict');
    });
});

describe('invalid-scenario', () => {
    it('fires as an error on an adjustment time of 0', async () => {
        const text = `intervention budget "Budget"
scenario s "S" {
    set budget to 0.8 over 0
}
`;
        const result = await checkText(text);
        expectCoded(result, 'invalid-scenario', ERROR, [rangeAt(text, 3, '0', 2)]);
    });

    it('fires as a warning on a factor set twice, naming it by label', async () => {
        const text = `intervention budget "Extra budget"
scenario s "S" {
    set budget to 0.8
    set budget to 0.6
}
`;
        const result = await checkText(text);
        const [warning] = expectCoded(result, 'invalid-scenario', WARNING, [rangeAt(text, 4, 'budget')]);
        expect(warning.message).toContain(`'Extra budget'`);
    });

    it('does not fire for a scenario with distinct settings and positive adjustment times', async () => {
        const result = await checkText(`intervention budget "Budget"
intervention mandaat "Mandaat"
scenario s "S" {
    set budget to 0.8 over 0.5
    set mandaat to 0.7
}
`);
        expectNone(result, 'invalid-scenario');
    });
});

describe('scoping across imports', () => {
    it('resolves a name declared in an imported file', async () => {
        const result = await check({
            'a.marvel': `import "./b.marvel"\nfactor a "A"\na -> +b\n`,
            'b.marvel': `factor b "B"\n`
        });
        expectNone(result, 'unresolved-reference', 'a.marvel');
        const relation = result.documents.get('a.marvel')?.parseResult.value.elements[1];
        expect(relation?.$type).toBe('Relation');
        if (relation?.$type === 'Relation') {
            expect(relation.targets[0].target.ref?.label).toBe('B');
        }
    });

    it('does not resolve a name declared in a file that is not imported', async () => {
        const a = `factor a "A"\na -> +b\n`;
        const result = await check({ 'a.marvel': a, 'b.marvel': `factor b "B"\n` });
        expectCoded(result, 'unresolved-reference', ERROR, [rangeAt(a, 2, 'b')], 'a.marvel');
    });

    it('does not let an imported file see the names of the file that imports it', async () => {
        const b = `factor b "B"\nb -> +a\n`;
        const result = await check({ 'a.marvel': `import "./b.marvel"\nfactor a "A"\n`, 'b.marvel': b });
        expectCoded(result, 'unresolved-reference', ERROR, [rangeAt(b, 2, 'a')], 'b.marvel');
    });

    it('resolves names through transitive imports', async () => {
        const result = await check({
            'a.marvel': `import "./b.marvel"\nfactor a "A"\na -> +c\n`,
            'b.marvel': `import "./c.marvel"\nfactor b "B"\nb -> +c\n`,
            'c.marvel': `category cat "Cat"\nfactor c "C"\n`
        });
        expectNone(result, 'unresolved-reference', 'a.marvel');
        expectNone(result, 'unresolved-reference', 'b.marvel');
    });

    it('resolves a category from an imported file in `in`', async () => {
        const result = await check({
            'a.marvel': `import "./b.marvel"\nfactor a "A" in gedeeld\nfactor x "X"\na -> +x\n`,
            'b.marvel': `category gedeeld "Gedeeld"\n`
        });
        expectNone(result, 'unresolved-reference', 'a.marvel');
    });

    it('accepts an import cycle and resolves names in both directions', async () => {
        const result = await check({
            'a.marvel': `import "./b.marvel"\nkpi k "KPI" increase\nfactor a "A"\na -> +k\n`,
            'b.marvel': `import "./a.marvel"\nintervention i "I"\ni -> +a\n`
        });
        expect(show(result.of('a.marvel'))).toBe('');
        expect(show(result.of('b.marvel'))).toBe('');
    });

    it('accepts a file that imports itself', async () => {
        const result = await check({ 'a.marvel': `import "./a.marvel"\nfactor a "A"\nfactor b "B"\na -> +b\n` });
        expect(show(result.of())).toBe('');
    });
});

describe('completeness warnings while the file has a syntax error', () => {
    const incomplete = `kpi k "KPI" increase
intervention i "I"
factor los "Los"
category leeg "Leeg"
`;

    it('reports them when the text parses', async () => {
        const result = await checkText(incomplete);
        expect(result.coded('unconnected-factor')).toHaveLength(1);
        expect(result.coded('intervention-without-effect')).toHaveLength(1);
        expect(result.coded('kpi-not-influenced')).toHaveLength(1);
        expect(result.coded('empty-category')).toHaveLength(1);
    });

    it('withholds unconnected-factor, intervention-without-effect, kpi-not-influenced and empty-category', async () => {
        const result = await checkText(`${incomplete}los -> +\n`);
        expect(result.coded('syntax')).toHaveLength(1);
        for (const code of ['unconnected-factor', 'intervention-without-effect', 'kpi-not-influenced', 'empty-category']) {
            expectNone(result, code);
        }
    });

    it('still reports errors that are not about completeness', async () => {
        const text = `factor a "A"
factor a "A again"
factor b "B"
a -> +b
a -> -b
b -> +
`;
        const result = await checkText(text);
        expect(result.coded('syntax')).toHaveLength(1);
        expect(result.coded('duplicate-name')).toHaveLength(2);
        expect(result.coded('contradictory-relation')).toHaveLength(2);
    });

    it('withholds them in a file whose imported file has a syntax error', async () => {
        const result = await check({
            'a.marvel': `import "./b.marvel"\nfactor los "Los"\n`,
            'b.marvel': `factor b "B" %\n`
        });
        expectNone(result, 'unconnected-factor', 'a.marvel');
    });
});

describe('diagnostics across imports while files change (as in the editor)', () => {
    it('clears import-not-found and unresolved-reference once the imported file appears', async () => {
        const files = await createIsolatedWorkspace(services, {});
        await files.edit('a.marvel', `import "./b.marvel"\nfactor a "A"\na -> +b\n`);
        expect((files.document('a.marvel').diagnostics ?? []).map(d => d.code)).toEqual(expect.arrayContaining(['import-not-found', 'unresolved-reference']));
        await files.edit('b.marvel', `factor b "B"\n`);
        expect(show((files.document('a.marvel').diagnostics ?? []))).toBe('');
    });

    it('reports import-not-found and unresolved-reference again once the imported file is removed', async () => {
        const files = await createIsolatedWorkspace(services, {});
        await files.edit('b.marvel', `factor b "B"\n`);
        await files.edit('a.marvel', `import "./b.marvel"\nfactor a "A"\na -> +b\n`);
        expect(show((files.document('a.marvel').diagnostics ?? []))).toBe('');
        await files.close('b.marvel');
        expect((files.document('a.marvel').diagnostics ?? []).map(d => d.code)).toEqual(expect.arrayContaining(['import-not-found', 'unresolved-reference']));
    });

    it('updates graph findings in the importing file when only the imported file changes', async () => {
        const files = await createIsolatedWorkspace(services, {});
        await files.edit('b.marvel', `factor b "B"\nfactor c "C"\nb -> +c\n`);
        await files.edit('a.marvel', `import "./b.marvel"\nfactor a "A"\na -> +b\n`);
        expect(show((files.document('a.marvel').diagnostics ?? []))).toBe('');
        await files.edit('b.marvel', `import "./a.marvel"\nfactor b "B"\nfactor c "C"\nb -> +c\na -> -b\n`);
        expect((files.document('a.marvel').diagnostics ?? []).map(d => d.code)).toEqual(['contradictory-relation']);
        await files.edit('b.marvel', `import "./a.marvel"\nfactor b "B"\nfactor c "C"\nb -> +c\n`);
        expect(show((files.document('a.marvel').diagnostics ?? []))).toBe('');
    });

    it('reports a duplicate name in the importing file when the imported file gains the same name', async () => {
        const files = await createIsolatedWorkspace(services, {});
        await files.edit('b.marvel', `factor b "B"\n`);
        await files.edit('a.marvel', `import "./b.marvel"\nfactor a "A"\na -> +b\n`);
        expect(show((files.document('a.marvel').diagnostics ?? []))).toBe('');
        await files.edit('b.marvel', `factor b "B"\nfactor a "Ook A"\nb -> +a\n`);
        expect((files.document('a.marvel').diagnostics ?? []).map(d => d.code)).toContain('duplicate-name');
    });
});
