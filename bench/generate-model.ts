import { Prng } from '../language/analysis/prng.js';

/** One `.marvel` file of a generated model; `path` is relative to the model's folder. */
export interface GeneratedFile {
    readonly path: string;
    readonly text: string;
}

export interface GeneratedModel {
    /** Every declaration of kind factor, intervention or KPI. */
    readonly factorCount: number;
    /** Relation clauses (`SIGN TARGET …`), each one edge of the graph. */
    readonly relationCount: number;
    /** The root file first, then one file per top-level category. */
    readonly files: readonly GeneratedFile[];
    /** The file the edit benchmarks change: a category file in the middle of the model. */
    readonly editPath: string;
}

type Placement = 'main' | 'a' | 'b' | 'c' | 'outside';

interface FactorSpec {
    readonly name: string;
    readonly declaration: string;
    readonly placement: Placement;
}

interface Statement {
    readonly text: string;
    /** The block the statement stands in; `outside` means the file's top level. */
    readonly placement: Placement;
}

const words = [
    'pakkans', 'aangifte', 'werkdruk', 'capaciteit', 'signalering', 'bewustwording', 'opsporing', 'vervolging',
    'hulpverlening', 'opvang', 'registratie', 'informatie', 'samenwerking', 'toezicht', 'handhaving', 'preventie',
    'voorlichting', 'netwerk', 'expertise', 'budget', 'vertrouwen', 'meldingen', 'zichtbaarheid', 'draagvlak',
    'regie', 'kennis', 'risico', 'uitbuiting', 'kwetsbaarheid', 'weerbaarheid'
];
const strengths = ['weak', 'strong', 'very strong', '0.8'];
const speeds = ['low', 'high', 'very high'];
const placements: readonly Placement[] = ['main', 'main', 'a', 'b', 'c', 'outside'];

/**
 * A deterministic model of about `factorCount` declarations with about four relations each,
 * shaped like a large real model: one root file with the KPIs and scenarios importing one file
 * per category (nested categories inside), relations within and across files.
 */
export function generateModel(factorCount: number, seed = 20240611): GeneratedModel {
    const random = new Prng(seed ^ factorCount);
    const fileCount = Math.max(4, Math.round(factorCount / 500));
    const kpiCount = Math.min(12, Math.max(3, Math.round(factorCount / 1000)));
    const perFile = distribute(factorCount - kpiCount, fileCount);
    const factors = perFile.map((count, file) => declareFactors(random, file, count));
    // Every source's targets across the whole model, so that no pair is declared twice.
    const targetsBySource = new Map<string, Set<string>>();
    let relationCount = 0;
    const categoryFiles = factors.map((own, file) => {
        const imported = importedFiles(file, fileCount);
        const statements = own.flatMap(factor => {
            const targets = chooseTargets(random, factor.name, own, imported.map(i => factors[i]), targetsBySource);
            relationCount += targets.length;
            return statementsFor(random, factor, targets);
        });
        return { path: fileName(file), text: categoryFileText(random, file, fileCount, own, statements) };
    });
    const kpis = Array.from({ length: kpiCount }, (_, i) => `kpi${i + 1}`);
    const allFactors = factors.flat();
    const kpiStatements: string[] = [];
    for (const kpi of kpis) {
        const sources = new Set(Array.from({ length: random.int(5, 10) }, () => random.pick(allFactors).name));
        for (const source of sources) {
            kpiStatements.push(`${source} -> ${random.chance(0.7) ? '+' : '-'}${kpi}`);
        }
        relationCount += sources.size;
    }
    const interventions = allFactors.filter(f => f.declaration.includes('intervention ')).map(f => f.name);
    const root = rootFileText(random, factorCount, fileCount, kpis, kpiStatements, interventions);
    return {
        factorCount,
        relationCount,
        files: [{ path: 'model.marvel', text: root }, ...categoryFiles],
        editPath: fileName(Math.floor(fileCount / 2))
    };
}

function distribute(total: number, parts: number): number[] {
    return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

function fileName(file: number): string {
    return `category-${String(file + 1).padStart(2, '0')}.marvel`;
}

function categoryName(file: number, placement: Placement): string {
    return placement === 'main' || placement === 'outside' ? `domein${file + 1}` : `domein${file + 1}_${placement}`;
}

/** Two other category files, so references cross files and the imports form cycles, as the contract allows. */
function importedFiles(file: number, fileCount: number): number[] {
    return [(file + 1) % fileCount, (file + 3) % fileCount];
}

function declareFactors(random: Prng, file: number, count: number): FactorSpec[] {
    return Array.from({ length: count }, (_, i) => {
        const word = words[i % words.length];
        const name = `${word}${file + 1}_${i + 1}`;
        const label = `${word[0].toUpperCase()}${word.slice(1)} ${file + 1}.${i + 1}`;
        const roll = random.next();
        const kind = roll < 0.03 ? (random.chance(0.3) ? 'key intervention' : 'intervention')
            : roll < 0.11 ? 'key factor' : roll < 0.16 ? 'indicator factor' : 'factor';
        const placement = random.pick(placements);
        const category = placement === 'outside' ? ` in ${categoryName(file, random.pick<Placement>(['main', 'a', 'c']))}` : '';
        const initial = random.chance(0.05) ? ` initial ${random.int(1, 9) / 10}` : '';
        const description = random.chance(0.05) ? `/** Toelichting bij ${label}: waarom deze factor ertoe doet. */\n` : '';
        return { name, placement, declaration: `${description}${kind} ${name} "${label}"${category}${initial}` };
    });
}

function chooseTargets(random: Prng, source: string, own: readonly FactorSpec[], imported: ReadonlyArray<readonly FactorSpec[]>, targetsBySource: Map<string, Set<string>>): string[] {
    const chosen = targetsBySource.get(source) ?? new Set<string>();
    targetsBySource.set(source, chosen);
    const wanted = random.int(2, 6);
    for (let attempts = 0; chosen.size < wanted && attempts < 20; attempts++) {
        const pool = random.chance(0.8) ? own : random.pick(imported);
        const target = random.pick(pool).name;
        if (target !== source) {
            chosen.add(target);
        }
    }
    return [...chosen];
}

/** The source's targets as one to three statements of one to three clauses, some inside the category block. */
function statementsFor(random: Prng, source: FactorSpec, targets: readonly string[]): Statement[] {
    const statements: Statement[] = [];
    for (let start = 0; start < targets.length;) {
        const size = random.int(1, 3);
        const clauses = targets.slice(start, start + size).map(target => clause(random, target));
        start += size;
        const placement = random.chance(0.5) ? (source.placement === 'outside' ? 'main' : source.placement) : 'outside';
        statements.push({ placement, text: `${source.name} -> ${clauses.join(', ')}` });
    }
    return statements;
}

function clause(random: Prng, target: string): string {
    const roll = random.next();
    const sign = roll < 0.6 ? '+' : roll < 0.95 ? '-' : '?';
    const attributes: string[] = [];
    if (random.chance(0.2)) {
        attributes.push(`strength: ${random.pick(strengths)}`);
    }
    if (random.chance(0.1)) {
        attributes.push(random.chance(0.7) ? `speed: ${random.pick(speeds)}` : `delay: ${random.int(1, 4)}`);
    }
    const attributeText = attributes.length > 0 ? ` (${attributes.join(', ')})` : '';
    const note = random.chance(0.1) ? ` "Bron: rapport §${random.int(1, 9)}.${random.int(1, 20)}"` : '';
    return `${sign}${target}${attributeText}${note}`;
}

function categoryFileText(random: Prng, file: number, fileCount: number, factors: readonly FactorSpec[], statements: readonly Statement[]): string {
    const body = (placement: Placement, depth: number): string[] => {
        const pad = '    '.repeat(depth);
        const lines = factors.filter(f => f.placement === placement).map(f => f.declaration.replace(/\n/g, `\n${pad}`));
        lines.push(...statements.filter(s => s.placement === placement).map(s => s.text));
        return lines.map(line => pad + line);
    };
    const color = `#${random.int(0, 0xffffff).toString(16).padStart(6, '0')}`;
    const name = (p: Placement): string => categoryName(file, p);
    return [
        `// Generated benchmark model: category file ${file + 1} of ${fileCount}.`,
        ...importedFiles(file, fileCount).map(i => `import "./${fileName(i)}"`),
        '',
        `/** Thematisch domein ${file + 1}. */`,
        `category ${name('main')} "Domein ${file + 1}" color "${color}" {`,
        ...body('main', 1),
        `    category ${name('a')} "Deelgebied ${file + 1}a" {`,
        ...body('a', 2),
        '    }',
        `    category ${name('b')} "Deelgebied ${file + 1}b" {`,
        ...body('b', 2),
        `        category ${name('c')} "Deelgebied ${file + 1}c" {`,
        ...body('c', 3),
        '        }',
        '    }',
        '}',
        '',
        ...body('outside', 0),
        ''
    ].join('\n');
}

function rootFileText(random: Prng, factorCount: number, fileCount: number, kpis: readonly string[], statements: readonly string[], interventions: readonly string[]): string {
    // Three different interventions per scenario, wrapping around when the model has few.
    const scenarios = interventions.length === 0 ? [] : [1, 2].flatMap(n => [
        `scenario scenario${n} "Scenario ${n}" {`,
        ...[...new Set([0, 1, 2].map(j => interventions[((n - 1) * 3 + j) % interventions.length]))]
            .map(id => `    set ${id} to ${random.int(6, 9) / 10} over ${random.int(1, 3)}`),
        '}'
    ]);
    return [
        `model bench${factorCount} "Benchmark model with ${factorCount} factors"`,
        '',
        ...Array.from({ length: fileCount }, (_, i) => `import "./${fileName(i)}"`),
        '',
        ...kpis.map((kpi, i) => `kpi ${kpi} "Kernindicator ${i + 1}" ${i % 2 === 0 ? 'decrease' : 'increase'}`),
        '',
        ...statements,
        '',
        ...scenarios,
        ''
    ].join('\n');
}
