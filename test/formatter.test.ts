import { EmptyFileSystem } from 'langium';
import type { LangiumDocument } from 'langium';
import { parseHelper } from 'langium/test';
import { readFileSync } from 'node:fs';
import { exampleFiles, repositoryRoot } from './support/example-files.js';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FormattingOptions, Position, TextEdit } from 'vscode-languageserver-types';
import type { MarvelFile } from '../language/generated/ast.js';
import { MarvelFormatter } from '../language/lsp/marvel-formatter.js';
import type { MarvelServices } from '../language/marvel-module.js';
import { createMarvelServices } from '../language/marvel-module.js';

let services: MarvelServices;
let formatter: MarvelFormatter;
let parse: (input: string) => Promise<LangiumDocument<MarvelFile>>;

beforeAll(() => {
    services = createMarvelServices(EmptyFileSystem).Marvel;
    const registered = services.lsp.Formatter;
    if (!(registered instanceof MarvelFormatter)) {
        throw new Error('MarvelFormatter is not registered');
    }
    formatter = registered;
    parse = parseHelper<MarvelFile>(services);
});

const spaces: FormattingOptions = { tabSize: 4, insertSpaces: true };

async function formattingEdits(text: string, options = spaces): Promise<{ document: LangiumDocument; edits: TextEdit[] }> {
    const document = await parse(text);
    const edits = await formatter.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options });
    return { document, edits };
}

async function format(text: string, options = spaces): Promise<string> {
    const { document, edits } = await formattingEdits(text, options);
    return TextDocument.applyEdits(document.textDocument, edits);
}

/** Code tokens and comments, whitespace at the edges of comment lines aside, sorted: what formatting must never change. */
function contentOf(text: string): string[] {
    const lexed = services.parser.Lexer.tokenize(text);
    expect(lexed.errors).toEqual([]);
    return [...lexed.tokens, ...lexed.hidden]
        .map(token => token.image.split(/\r?\n/).map(line => line.trim()).join('\n'))
        .sort();
}

function commentsOf(text: string): string[] {
    return services.parser.Lexer.tokenize(text).hidden.map(token => token.image.split(/\r?\n/).map(line => line.trim()).join('\n'));
}

const messy = `   

// Model of the care system.   
model   care "Care model"   // trailing on the header
/* before the imports */
import "./a.marvel"
   import "./b.marvel"



kpi lonely "Lonely residents" decrease initial 0.3
  kpi wellbeing "Wellbeing"   increase
kpi   plain


category community "Community" color "#e4f1dc"{ // after the brace

  factor contacts "Contacts"
        key factor cohesion "Cohesion"
   indicator factor turnout "Turnout" initial -0.25
      /**
       * Nested category doc,
       * two lines.
       */
      category volunteers { factor capacity
      capacity->-turnout}


    contacts -> -lonely // why


    // before the closing brace
}   // after the closing brace
/** Centre doc. */ intervention centre "Centre" in community
key intervention visits "Visits"
factor digital in community initial 0.5
centre->+turnout(strength:strong,speed:low)"§3.7" ,  ?digital ( delay : 2 )
visits -> +contacts, /* inline */ +cohesion, // after a comma
   -digital
contacts -> +wellbeing (strength: very strong, speed: very high) "a long rationale that pushes the line past one hundred columns", +cohesion (strength: 0.5), -lonely
turnout -> +contacts (
   strength: -1 ,speed : average)
scenario boost "Boost" {

set visits to 0.8 over 1     // goal-seeking
  /* before a setting */
      set   centre to -0.1

}
category empty {}
// the end   


`;

const canonical = `// Model of the care system.
model care "Care model" // trailing on the header
/* before the imports */
import "./a.marvel"
import "./b.marvel"

kpi lonely "Lonely residents" decrease initial 0.3
kpi wellbeing "Wellbeing" increase
kpi plain

category community "Community" color "#e4f1dc" { // after the brace
    factor contacts "Contacts"
    key factor cohesion "Cohesion"
    indicator factor turnout "Turnout" initial -0.25
    /**
     * Nested category doc,
     * two lines.
     */
    category volunteers {
        factor capacity
        capacity -> -turnout
    }

    contacts -> -lonely // why

    // before the closing brace
} // after the closing brace
/** Centre doc. */
intervention centre "Centre" in community
key intervention visits "Visits"
factor digital in community initial 0.5
centre -> +turnout (strength: strong, speed: low) "§3.7", ?digital (delay: 2)
visits -> +contacts, /* inline */ +cohesion, // after a comma
    -digital
contacts -> +wellbeing (strength: very strong, speed: very high) "a long rationale that pushes the line past one hundred columns",
    +cohesion (strength: 0.5),
    -lonely
turnout -> +contacts (strength: -1, speed: average)
scenario boost "Boost" {
    set visits to 0.8 over 1 // goal-seeking
    /* before a setting */
    set centre to -0.1
}
category empty {
}
// the end
`;

/** The layout rules every formatted file obeys, whatever its content. */
function expectCanonicalShape(text: string): void {
    expect(text.endsWith('\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
    expect(text).not.toMatch(/[ \t]+\r?$/m);
    expect(text).not.toMatch(/\n\s*\n\s*\n/);
    expect(text).not.toMatch(/\{[^\n]*\n\s*\n/);
    expect(text).not.toMatch(/\n\s*\n\s*\}/);
}

describe('whole-document formatting', () => {
    test('lays out every construct and comment position canonically', async () => {
        expect(await format(messy)).toBe(canonical);
    });

    test('returns no edits for a canonical file, and formatting twice equals formatting once', async () => {
        expect((await formattingEdits(canonical)).edits).toEqual([]);
        const once = await format(messy);
        expect(await format(once)).toBe(once);
        expectCanonicalShape(once);
    });

    test('keeps every token and every comment, in order', async () => {
        const formatted = await format(messy);
        expect(contentOf(formatted)).toEqual(contentOf(messy));
        expect(commentsOf(formatted)).toEqual(commentsOf(messy));
        expect(commentsOf(messy)).toHaveLength(14);
    });

    test('returns small edits rather than one replacement of the whole file', async () => {
        const { edits } = await formattingEdits('factor   a\nfactor b\n');
        expect(edits).toEqual([{ range: { start: { line: 0, character: 7 }, end: { line: 0, character: 9 } }, newText: '' }]);
    });

    test('tells keywords from factor names by the parse tree, not by their spelling', async () => {
        const input = 'factor set factor to\nscenario s { set set to 0.5 over 2 } set->+to';
        expect(await format(input)).toBe('factor set\nfactor to\nscenario s {\n    set set to 0.5 over 2\n}\nset -> +to\n');
    });

    test('indents with the editor\'s tab size, or with tabs', async () => {
        const input = 'category c {\ncategory d {\nfactor a\n}\n}';
        expect(await format(input, { tabSize: 2, insertSpaces: true })).toBe('category c {\n  category d {\n    factor a\n  }\n}\n');
        expect(await format(input, { tabSize: 4, insertSpaces: false })).toBe('category c {\n\tcategory d {\n\t\tfactor a\n\t}\n}\n');
    });

    test('moves a doc comment\'s continuation lines along with its first line', async () => {
        const input = 'category c {\n/**\n * Doc.\n */\nfactor a\n}\n';
        expect(await format(input)).toBe('category c {\n    /**\n     * Doc.\n     */\n    factor a\n}\n');
    });

    test('keeps CRLF line endings', async () => {
        const formatted = await format('category c {\r\n\r\n\r\nfactor a   \r\n}');
        expect(formatted).toBe('category c {\r\n    factor a\r\n}\r\n');
        expect(await format(formatted)).toBe(formatted);
    });

    test('handles empty, blank and comment-only files', async () => {
        expect(await format('')).toBe('');
        expect(await format('  \n\n\t\n')).toBe('');
        expect(await format('// a   \n\n\n\n/* b */')).toBe('// a\n\n/* b */\n');
    });

    test('formatText gives the canonical text, or undefined for a file with syntax errors', () => {
        expect(formatter.formatText(messy)).toBe(canonical);
        expect(formatter.formatText('factor a -> ')).toBeUndefined();
    });
});

describe('long fan-out relations', () => {
    /** A two-target relation exactly `width` columns wide on one line. */
    function fanOut(width: number): string {
        const head = 'source -> +first, +';
        return head + 'x'.repeat(width - head.length);
    }

    test('stay on one line up to 100 columns, indentation included', async () => {
        expect(await format(fanOut(100))).toBe(`${fanOut(100)}\n`);
        expect(await format(`category c {\n${fanOut(96)}\n}`)).toBe(`category c {\n    ${fanOut(96)}\n}\n`);
    });

    test('put one target per line, one level further in, beyond 100 columns', async () => {
        const long = fanOut(101);
        expect(await format(long)).toBe(`source -> +first,\n    +${long.slice('source -> +first, +'.length)}\n`);
        expect(await format(`category c {\n${fanOut(97)}\n}`)).toMatch(/^category c \{\n {4}source -> \+first,\n {8}\+x+\n\}\n$/);
    });

    test('are joined again when they get short, whatever their line breaks were', async () => {
        expect(await format('a -> +b,\n    +c,\n\n    -d')).toBe('a -> +b, +c, -d\n');
    });

    test('never wrap a single target, however long', async () => {
        const single = `a -> +b "${'n'.repeat(120)}"`;
        expect(await format(single)).toBe(`${single}\n`);
    });

    test('wrap stably around comments', async () => {
        const input = `a -> +b "${'n'.repeat(90)}", // first\n /* second */ -c (strength: weak), ?d`;
        const once = await format(input);
        expect(once).toBe(`a -> +b "${'n'.repeat(90)}", // first\n    /* second */ -c (strength: weak),\n    ?d\n`);
        expect(await format(once)).toBe(once);
    });
});

describe('files with syntax errors', () => {
    const broken = [
        'category c {\n  factor   a\n',                 // missing }
        'factor   a\nfactor b §\n',                     // a character the lexer rejects
        'factor a\na -> \nfactor    b\n'                // a relation without a target
    ];

    test.each(broken)('are left unchanged by every kind of request: %j', async text => {
        const document = await parse(text);
        const textDocument = { uri: document.uri.toString() };
        const wholeRange = { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(text.length) };
        expect(await formatter.formatDocument(document, { textDocument, options: spaces })).toEqual([]);
        expect(await formatter.formatDocumentRange(document, { textDocument, options: spaces, range: wholeRange })).toEqual([]);
        expect(await formatter.formatDocumentOnType(document, { textDocument, options: spaces, position: { line: 1, character: 0 }, ch: '\n' })).toEqual([]);
    });

    test('never make a request throw, and every prefix that parses formats stably', async () => {
        for (let end = 0; end <= messy.length; end += 7) {
            const prefix = messy.slice(0, end);
            const { document, edits } = await formattingEdits(prefix);
            const hasErrors = document.parseResult.lexerErrors.length + document.parseResult.parserErrors.length > 0;
            if (hasErrors) {
                expect(edits).toEqual([]);
                continue;
            }
            const once = TextDocument.applyEdits(document.textDocument, edits);
            expect(contentOf(once)).toEqual(contentOf(prefix));
            expect(await format(once)).toBe(once);
        }
    });
});

describe('range and on-type formatting', () => {
    async function applyRange(text: string, start: Position, end: Position): Promise<string> {
        const document = await parse(text);
        const edits = await formatter.formatDocumentRange(document, { textDocument: { uri: document.uri.toString() }, options: spaces, range: { start, end } });
        return TextDocument.applyEdits(document.textDocument, edits);
    }

    async function applyOnType(text: string, position: Position, ch: string): Promise<string> {
        const document = await parse(text);
        const edits = await formatter.formatDocumentOnType(document, { textDocument: { uri: document.uri.toString() }, options: spaces, position, ch });
        return TextDocument.applyEdits(document.textDocument, edits);
    }

    const block = 'factor   x\ncategory c {\nfactor   a\n      factor    b\n   factor c\n}\nx->+a';

    test('a range formats only the lines it covers', async () => {
        expect(await applyRange(block, { line: 3, character: 0 }, { line: 3, character: 20 }))
            .toBe('factor   x\ncategory c {\nfactor   a\n    factor b\n   factor c\n}\nx->+a');
    });

    test('a range over the whole file equals whole-document formatting', async () => {
        expect(await applyRange(block, { line: 0, character: 0 }, { line: 6, character: 5 })).toBe(await format(block));
    });

    test('typing } formats the block it closes and nothing before it', async () => {
        const text = 'factor   x\ncategory c {\nfactor   a\n  x->+a\n}';
        expect(await applyOnType(text, { line: 4, character: 1 }, '}')).toBe('factor   x\ncategory c {\n    factor a\n    x -> +a\n}');
    });

    test('typing a newline formats the line just finished and leaves the new line alone', async () => {
        const text = 'factor   a\nfactor b\nb->+a  \n   ';
        expect(await applyOnType(text, { line: 3, character: 3 }, '\n')).toBe('factor   a\nfactor b\nb -> +a\n   ');
    });

    test('announces } and newline as on-type triggers', () => {
        expect(formatter.formatOnTypeOptions).toEqual({ firstTriggerCharacter: '}', moreTriggerCharacter: ['\n'] });
    });
});

describe('the examples', () => {
    const files = exampleFiles();

    test('exist', () => {
        expect(files.length).toBeGreaterThan(0);
    });

    test.each(files)('%s formats stably and keeps its tokens and comments', async file => {
        const text = readFileSync(join(repositoryRoot, file), 'utf8');
        const once = await format(text);
        expect(await format(once)).toBe(once);
        expect(contentOf(once)).toEqual(contentOf(text));
        expect(commentsOf(once)).toEqual(commentsOf(text));
        expectCanonicalShape(once);
    });
});
