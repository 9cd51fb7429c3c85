// Checks the editor assets of the extension: the TextMate grammar (tokenised by the same engine VS Code uses),
// the language configuration, the snippets and the `contributes` paths of package.json.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmptyFileSystem } from 'langium';
import { beforeAll, describe, expect, it } from 'vitest';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { createMarvelServices } from '../language/marvel-module.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const grammarPath = resolve(root, 'syntaxes/marvel.tmLanguage.json');

interface Token {
    line: number;
    text: string;
    scopes: string[];
}

let grammar: textmate.IGrammar;

beforeAll(async () => {
    // The WASM file is not importable as a module; resolve it next to the package's entry point.
    const wasmPath = createRequire(import.meta.url).resolve('vscode-oniguruma/release/onig.wasm');
    await oniguruma.loadWASM(readFileSync(wasmPath));
    const registry = new textmate.Registry({
        onigLib: Promise.resolve({
            createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
            createOnigString: (text: string) => new oniguruma.OnigString(text)
        }),
        loadGrammar: async (scopeName: string) =>
            scopeName === 'source.marvel' ? textmate.parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath) : null
    });
    const loaded = await registry.loadGrammar('source.marvel');
    if (!loaded) {
        throw new Error('grammar source.marvel did not load');
    }
    grammar = loaded;
});

function tokenize(source: string): Token[] {
    const tokens: Token[] = [];
    let stack = textmate.INITIAL;
    source.split('\n').forEach((text, line) => {
        const result = grammar.tokenizeLine(text, stack);
        stack = result.ruleStack;
        for (const token of result.tokens) {
            tokens.push({ line, text: text.slice(token.startIndex, token.endIndex), scopes: token.scopes });
        }
    });
    return tokens;
}

/** The `nth` token on `line` (0-based) whose text is exactly `text`: exact text also proves the token boundaries. */
function token(tokens: Token[], line: number, text: string, nth = 0): Token {
    const found = tokens.filter(t => t.line === line && t.text === text)[nth];
    if (!found) {
        const onLine = tokens.filter(t => t.line === line).map(t => JSON.stringify(t.text)).join(' ');
        throw new Error(`no token ${JSON.stringify(text)} (#${nth}) on line ${line}; tokens: ${onLine}`);
    }
    return found;
}

function isSign(t: Token): boolean {
    return t.scopes.some(scope => scope.startsWith('keyword.operator.sign.'));
}

// Line numbers in the assertions below refer to this sample (0-based).
const sample = [
    /*  0 */ '// Systeemanalyse Mensenhandel (excerpt)',
    /*  1 */ 'model mensenhandel "Systeemanalyse \\"Mensenhandel\\""',
    /*  2 */ 'import "./hulpverlening.marvel"',
    /*  3 */ 'kpi slachtoffers "Aantal slachtoffers" decrease',
    /*  4 */ 'kpi inBeeld "In beeld" increase',
    /*  5 */ 'category strafrecht "Strafrechtketen" color "#f6d5d5" {',
    /*  6 */ '    key factor aangiftebereidheid "Aangiftebereidheid"',
    /*  7 */ '    indicator factor effectiviteit "Effectiviteit" initial -0.5',
    /*  8 */ '    pakkans -> -aantrekkelijkheid',
    /*  9 */ '}',
    /* 10 */ '/** Minder aantrekkelijk delict,',
    /* 11 */ ' * minder daders (§3.7). */',
    /* 12 */ 'factor daders "Aantal daders" in strafrecht initial 1e-5',
    /* 13 */ 'key intervention pilotGemeente "Pilot"',
    /* 14 */ 'factor één "Eén" initial 2.5E+3',
    /* 15 */ 'aantrekkelijkheid -> +daders (strength: very strong, speed: low, delay: 2.5) "§3.7"',
    /* 16 */ 'pilotGemeente->-daders, ?één,',
    /* 17 */ '    +ä, -_straße2',
    /* 18 */ 'factor speed "Snelheid" /* inline */ factor x',
    /* 19 */ 'speed -> +x (strength: 0.7)',
    /* 20 */ 'scenario budgetBoost "Budget" {',
    /* 21 */ '    set budget to -0.8 over 1',
    /* 22 */ '}',
    /* 23 */ '/**/ factor y',
    /* 24 */ 'factor broken "unclosed',
    /* 25 */ 'factor z (strength: strong',
    /* 26 */ 'factor after'
].join('\n');

describe('TextMate grammar (source.marvel)', () => {
    let tokens: Token[];
    beforeAll(() => {
        tokens = tokenize(sample);
    });

    it('has the scope name the package contributes', () => {
        expect(grammar).toBeDefined();
        const raw: unknown = JSON.parse(readFileSync(grammarPath, 'utf8'));
        expect(raw).toMatchObject({ scopeName: 'source.marvel' });
    });

    it('colours declaration keywords, roles, directions and the other keywords', () => {
        expect(token(tokens, 1, 'model').scopes).toContain('storage.type.model.marvel');
        expect(token(tokens, 2, 'import').scopes).toContain('keyword.control.import.marvel');
        expect(token(tokens, 3, 'kpi').scopes).toContain('storage.type.kpi.marvel');
        expect(token(tokens, 3, 'decrease').scopes).toContain('constant.language.direction.decrease.marvel');
        expect(token(tokens, 4, 'increase').scopes).toContain('constant.language.direction.increase.marvel');
        expect(token(tokens, 5, 'category').scopes).toContain('storage.type.category.marvel');
        expect(token(tokens, 5, 'color').scopes).toContain('keyword.other.color.marvel');
        expect(token(tokens, 6, 'key').scopes).toContain('storage.modifier.role.key.marvel');
        expect(token(tokens, 6, 'factor').scopes).toContain('storage.type.factor.marvel');
        expect(token(tokens, 7, 'indicator').scopes).toContain('storage.modifier.role.indicator.marvel');
        expect(token(tokens, 7, 'initial').scopes).toContain('keyword.other.initial.marvel');
        expect(token(tokens, 12, 'in').scopes).toContain('keyword.other.in.marvel');
        expect(token(tokens, 13, 'key').scopes).toContain('storage.modifier.role.key.marvel');
        expect(token(tokens, 13, 'intervention').scopes).toContain('storage.type.intervention.marvel');
        expect(token(tokens, 20, 'scenario').scopes).toContain('storage.type.scenario.marvel');
        expect(token(tokens, 21, 'set').scopes).toContain('keyword.other.set.marvel');
        expect(token(tokens, 21, 'to').scopes).toContain('keyword.other.to.marvel');
        expect(token(tokens, 21, 'over').scopes).toContain('keyword.other.over.marvel');
    });

    it('marks the declared name after each declaration keyword', () => {
        expect(token(tokens, 1, 'mensenhandel').scopes).toContain('entity.name.type.model.marvel');
        expect(token(tokens, 3, 'slachtoffers').scopes).toContain('entity.name.function.kpi.marvel');
        expect(token(tokens, 5, 'strafrecht').scopes).toContain('entity.name.type.category.marvel');
        expect(token(tokens, 6, 'aangiftebereidheid').scopes).toContain('entity.name.function.factor.marvel');
        expect(token(tokens, 13, 'pilotGemeente').scopes).toContain('entity.name.function.intervention.marvel');
        expect(token(tokens, 20, 'budgetBoost').scopes).toContain('entity.name.function.scenario.marvel');
    });

    it('marks references: relation sources and targets, categories after `in`, factors in settings', () => {
        expect(token(tokens, 8, 'pakkans').scopes).toContain('variable.other.reference.source.marvel');
        expect(token(tokens, 8, 'aantrekkelijkheid').scopes).toContain('variable.other.reference.target.marvel');
        expect(token(tokens, 12, 'strafrecht').scopes).toContain('entity.name.type.category.reference.marvel');
        expect(token(tokens, 15, 'daders').scopes).toContain('variable.other.reference.target.marvel');
        expect(token(tokens, 21, 'budget').scopes).toContain('variable.other.reference.setting.marvel');
    });

    it('gives +, - and ? after `->` or `,` their own sign scopes', () => {
        expect(token(tokens, 15, '+').scopes).toContain('keyword.operator.sign.positive.marvel');
        expect(token(tokens, 8, '-').scopes).toContain('keyword.operator.sign.negative.marvel');
        expect(token(tokens, 16, '?').scopes).toContain('keyword.operator.sign.unknown.marvel');
        // Without spaces: `->-daders` is an arrow followed by a negative sign.
        expect(token(tokens, 16, '->').scopes).toContain('keyword.operator.arrow.marvel');
        expect(token(tokens, 16, '-').scopes).toContain('keyword.operator.sign.negative.marvel');
        expect(token(tokens, 16, 'daders').scopes).toContain('variable.other.reference.target.marvel');
        // A relation continued on the next line after a comma.
        expect(token(tokens, 17, '+').scopes).toContain('keyword.operator.sign.positive.marvel');
        expect(token(tokens, 17, '-').scopes).toContain('keyword.operator.sign.negative.marvel');
        expect(token(tokens, 17, '_straße2').scopes).toContain('variable.other.reference.target.marvel');
    });

    it('does not mistake the minus of a number, an exponent sign or `->` for a relation sign', () => {
        for (const t of tokens.filter(t => t.text.includes('->'))) {
            expect(t.text).toBe('->');
            expect(t.scopes).toContain('keyword.operator.arrow.marvel');
            expect(isSign(t)).toBe(false);
        }
        for (const [line, text] of [[7, '-0.5'], [12, '1e-5'], [14, '2.5E+3'], [21, '-0.8']] as const) {
            const number = token(tokens, line, text);
            expect(number.scopes).toContain('constant.numeric.decimal.marvel');
            expect(isSign(number)).toBe(false);
        }
        expect(tokens.filter(t => t.line === 7 || t.line === 12 || t.line === 14 || t.line === 21).some(isSign)).toBe(false);
    });

    it('colours attribute names, levels and numbers inside the attribute list', () => {
        const attributes = 'meta.attributes.marvel';
        expect(token(tokens, 15, 'strength').scopes).toEqual(expect.arrayContaining([attributes, 'entity.other.attribute-name.strength.marvel']));
        expect(token(tokens, 15, 'speed').scopes).toContain('entity.other.attribute-name.speed.marvel');
        expect(token(tokens, 15, 'delay').scopes).toContain('entity.other.attribute-name.delay.marvel');
        expect(token(tokens, 15, ':').scopes).toContain('punctuation.separator.key-value.marvel');
        expect(token(tokens, 15, 'very').scopes).toContain('constant.language.level.very.marvel');
        expect(token(tokens, 15, 'strong').scopes).toContain('constant.language.level.strong.marvel');
        expect(token(tokens, 15, 'low').scopes).toContain('constant.language.level.low.marvel');
        expect(token(tokens, 15, '2.5').scopes).toEqual(expect.arrayContaining([attributes, 'constant.numeric.decimal.marvel']));
        expect(token(tokens, 15, ')').scopes).toContain('punctuation.section.attributes.end.marvel');
        expect(token(tokens, 19, '0.7').scopes).toContain('constant.numeric.decimal.marvel');
    });

    it('treats attribute words as names outside an attribute list', () => {
        expect(token(tokens, 18, 'speed').scopes).toContain('entity.name.function.factor.marvel');
        expect(token(tokens, 19, 'speed').scopes).toContain('variable.other.reference.source.marvel');
        expect(token(tokens, 19, 'x').scopes).toContain('variable.other.reference.target.marvel');
    });

    it('colours strings with escapes and the hex colour inside them', () => {
        expect(token(tokens, 1, '\\"').scopes).toEqual(['source.marvel', 'string.quoted.double.marvel', 'constant.character.escape.marvel']);
        expect(token(tokens, 1, 'Mensenhandel').scopes).toContain('string.quoted.double.marvel');
        expect(token(tokens, 2, './hulpverlening.marvel').scopes).toContain('string.quoted.double.marvel');
        expect(token(tokens, 5, '#f6d5d5').scopes).toEqual(['source.marvel', 'string.quoted.double.marvel', 'constant.other.color.rgb-value.hex.marvel']);
        expect(token(tokens, 15, '§3.7').scopes).toContain('string.quoted.double.marvel');
    });

    it('ends an unclosed string at the end of its line, as the STRING terminal does', () => {
        expect(token(tokens, 24, 'unclosed').scopes).toContain('string.quoted.double.marvel');
        expect(token(tokens, 25, 'factor').scopes).toEqual(['source.marvel', 'storage.type.factor.marvel']);
    });

    it('ends an unclosed attribute list before the next declaration line', () => {
        expect(token(tokens, 25, 'strong').scopes).toContain('meta.attributes.marvel');
        expect(token(tokens, 26, 'factor').scopes).toEqual(['source.marvel', 'storage.type.factor.marvel']);
        expect(token(tokens, 26, 'after').scopes).toEqual(['source.marvel', 'entity.name.function.factor.marvel']);
    });

    it('colours line comments, block comments and doc comments', () => {
        expect(token(tokens, 0, '//').scopes).toContain('comment.line.double-slash.marvel');
        expect(token(tokens, 0, ' Systeemanalyse Mensenhandel (excerpt)').scopes).toContain('comment.line.double-slash.marvel');
        expect(token(tokens, 10, '/**').scopes).toContain('comment.block.documentation.marvel');
        // A doc comment spans lines; its text is not tokenised as code.
        expect(token(tokens, 11, ' * minder daders (§3.7). ').scopes).toContain('comment.block.documentation.marvel');
        expect(token(tokens, 11, '*/').scopes).toContain('comment.block.documentation.marvel');
        expect(token(tokens, 18, ' inline ').scopes).toContain('comment.block.marvel');
        expect(token(tokens, 18, 'factor', 1).scopes).toContain('storage.type.factor.marvel');
        // `/**/` is an empty ordinary block comment, not a doc comment.
        const empty = tokens.filter(t => t.line === 23 && t.scopes.some(scope => scope.startsWith('comment.')));
        expect(empty.map(t => t.text).join('')).toBe('/**/');
        expect(empty.every(t => t.scopes.includes('comment.block.marvel'))).toBe(true);
        expect(empty.some(t => t.scopes.includes('comment.block.documentation.marvel'))).toBe(false);
        expect(token(tokens, 23, 'y').scopes).toContain('entity.name.function.factor.marvel');
    });

    it('accepts non-ASCII identifiers as whole names', () => {
        expect(token(tokens, 14, 'één').scopes).toContain('entity.name.function.factor.marvel');
        expect(token(tokens, 16, 'één').scopes).toContain('variable.other.reference.target.marvel');
        expect(token(tokens, 17, 'ä').scopes).toContain('variable.other.reference.target.marvel');
        expect(token(tokens, 17, '_straße2').scopes).toContain('variable.other.reference.target.marvel');
    });

    it('does not take a keyword prefix of a longer name for a keyword', () => {
        const words = tokenize('factorial -> +keyé, -inBeeld\nfactoré -> ?kpi2');
        expect(token(words, 0, 'factorial').scopes).toContain('variable.other.reference.source.marvel');
        expect(token(words, 0, 'keyé').scopes).toContain('variable.other.reference.target.marvel');
        expect(token(words, 0, 'inBeeld').scopes).toContain('variable.other.reference.target.marvel');
        expect(token(words, 1, 'factoré').scopes).toContain('variable.other.reference.source.marvel');
        expect(token(words, 1, 'kpi2').scopes).toContain('variable.other.reference.target.marvel');
    });

    it('mentions every keyword of the Langium grammar', () => {
        const langium = readFileSync(resolve(root, 'language/marvel.langium'), 'utf8');
        const keywords = new Set([...langium.matchAll(/'([A-Za-z]+)'/g)].map(match => match[1]));
        expect(keywords.size).toBeGreaterThan(20);
        const tmLanguage = readFileSync(grammarPath, 'utf8');
        for (const keyword of keywords) {
            expect(tmLanguage, `keyword ${keyword}`).toMatch(new RegExp(`[(|]${keyword}[)|]`));
        }
    });
});

/** Reads a JSON file of the extension as an object, failing the test if it is anything else. */
function readJsonObject(path: string): Record<string, unknown> {
    const value: unknown = JSON.parse(readFileSync(resolve(root, path), 'utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new Error(`${path} is not a JSON object`);
    }
    return value as Record<string, unknown>;
}

interface Snippet {
    prefix: string | string[];
    body: string | string[];
    description?: string;
}

function isSnippet(value: unknown): value is Snippet {
    if (typeof value !== 'object' || value === null) {
        return false;
    }
    const { prefix, body } = value as Record<string, unknown>;
    const isText = (part: unknown): boolean => typeof part === 'string' || (Array.isArray(part) && part.every(item => typeof item === 'string'));
    return isText(prefix) && isText(body);
}

/** Expands a snippet body the way VS Code does when every placeholder is accepted as is. */
function expandSnippet(snippet: Snippet): string {
    const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
    return body
        .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
        .replace(/\$\{\d+:([^}]*)\}/g, '$1')
        .replace(/\$\d+/g, '');
}

describe('language configuration', () => {
    const configuration = readJsonObject('language-configuration.json');

    it('has comments, brackets, pairs, folding, indentation, word pattern and enter rules', () => {
        expect(configuration).toMatchObject({
            comments: { lineComment: '//', blockComment: ['/*', '*/'] },
            brackets: [['{', '}'], ['(', ')']],
            surroundingPairs: expect.arrayContaining([['{', '}'], ['(', ')'], ['"', '"']]),
            autoClosingPairs: expect.arrayContaining([
                { open: '{', close: '}' },
                { open: '(', close: ')' },
                { open: '"', close: '"', notIn: expect.arrayContaining(['string']) },
                { open: '/**', close: ' */', notIn: ['string'] }
            ]),
            folding: { markers: { start: expect.any(String), end: expect.any(String) } },
            indentationRules: { increaseIndentPattern: expect.any(String), decreaseIndentPattern: expect.any(String) },
            wordPattern: { pattern: expect.any(String), flags: 'u' },
            onEnterRules: expect.any(Array)
        });
    });

    it('folds #region markers and indents after an opening brace', () => {
        const folding = configuration.folding as { markers: { start: string; end: string } };
        expect(new RegExp(folding.markers.start).test('  // #region Strafrecht')).toBe(true);
        expect(new RegExp(folding.markers.end).test('  // #endregion')).toBe(true);
        const rules = configuration.indentationRules as { increaseIndentPattern: string; decreaseIndentPattern: string };
        expect(new RegExp(rules.increaseIndentPattern).test('category strafrecht "Strafrecht" {')).toBe(true);
        expect(new RegExp(rules.increaseIndentPattern).test('// category strafrecht {')).toBe(false);
        expect(new RegExp(rules.increaseIndentPattern).test('scenario s { }')).toBe(false);
        expect(new RegExp(rules.decreaseIndentPattern).test('    }')).toBe(true);
    });

    it('has a word pattern that takes Unicode identifiers and numbers as whole words', () => {
        const { pattern, flags } = configuration.wordPattern as { pattern: string; flags: string };
        const words = 'één -> +ä_2, -x1 (strength: -0.5) "#f6d5d5"'.match(new RegExp(pattern, `g${flags}`));
        expect(words).toEqual(['één', 'ä_2', 'x1', 'strength', '-0.5', '#f6d5d5']);
    });

    it('continues a doc comment with ` * ` on Enter', () => {
        const rules = configuration.onEnterRules as { beforeText: { pattern: string }; action: { appendText?: string } }[];
        const opening = rules.filter(rule => new RegExp(rule.beforeText.pattern).test('/** Minder daders'));
        expect(opening.length).toBeGreaterThan(0);
        expect(opening.every(rule => rule.action.appendText === ' * ')).toBe(true);
        expect(rules.some(rule => new RegExp(rule.beforeText.pattern).test(' * tweede regel') && rule.action.appendText === '* ')).toBe(true);
        // A closed or empty comment is not continued.
        expect(opening.some(rule => new RegExp(rule.beforeText.pattern).test('/** kort */'))).toBe(false);
    });
});

describe('snippets', () => {
    const snippets = readJsonObject('snippets/marvel.json');
    const expected = [
        'Model header', 'Import', 'Category', 'Factor', 'Key factor', 'Indicator factor',
        'KPI', 'Intervention', 'Relation', 'Relation with attributes', 'Scenario'
    ];

    it('are well-formed and cover every construct', () => {
        expect(Object.keys(snippets).sort()).toEqual([...expected].sort());
        for (const [name, snippet] of Object.entries(snippets)) {
            expect(isSnippet(snippet), name).toBe(true);
        }
    });

    it('expand to MARVEL that parses without errors', () => {
        const { Marvel } = createMarvelServices(EmptyFileSystem);
        for (const [name, snippet] of Object.entries(snippets)) {
            if (!isSnippet(snippet)) {
                throw new Error(`${name} is not a snippet`);
            }
            const text = expandSnippet(snippet);
            expect(text, name).not.toMatch(/\$/);
            const result = Marvel.parser.LangiumParser.parse(text);
            expect(result.lexerErrors.map(error => error.message), `${name}: ${text}`).toEqual([]);
            expect(result.parserErrors.map(error => error.message), `${name}: ${text}`).toEqual([]);
        }
    });
});

describe('package.json contributes', () => {
    const manifest = readJsonObject('package.json');

    it('activates on the MARVEL language and contributes language, grammar and snippets', () => {
        expect(manifest.activationEvents).toEqual(expect.arrayContaining(['onLanguage:marvel']));
        expect(manifest.contributes).toMatchObject({
            languages: [{ id: 'marvel', aliases: ['MARVEL', 'marvel'], extensions: ['.marvel'], configuration: './language-configuration.json' }],
            grammars: [{ language: 'marvel', scopeName: 'source.marvel', path: './syntaxes/marvel.tmLanguage.json' }],
            snippets: [{ language: 'marvel', path: './snippets/marvel.json' }]
        });
    });

    it('points only at files that exist', () => {
        const paths: string[] = [];
        // Any string under `contributes` that looks like a relative path must name a shipped file.
        const collect = (value: unknown): void => {
            if (typeof value === 'string') {
                if (value.startsWith('./')) {
                    paths.push(value);
                }
            } else if (Array.isArray(value)) {
                value.forEach(collect);
            } else if (typeof value === 'object' && value !== null) {
                Object.values(value).forEach(collect);
            }
        };
        collect(manifest.contributes);
        expect(paths.length).toBeGreaterThanOrEqual(3);
        for (const path of paths) {
            expect(existsSync(resolve(root, path)), path).toBe(true);
        }
    });
});
