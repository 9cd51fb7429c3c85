import type { ModelGraph } from '../analysis/model-graph.js';
import type { FactorBox } from './diagram-positions.js';
import { gridBoxes } from './diagram-positions.js';
import type { ImportResult, ImportWarning } from './exchange-model.js';
import { ExchangeInputError } from './exchange-model.js';
import type { InputRecord } from './records.js';
import { draftOfRecords } from './records.js';
import { levelEquation, sdImportWarning, sdModel } from './sd-model.js';
import type { SdExportOptions } from './xmile.js';
import { groupBy } from '../analysis/grouping.js';

/**
 * Vensim `.mdl`: the equations of {@link sdModel} (each stage an INTEG), the control
 * section, and a sketch with one view per category (factors outside categories on a view of
 * their own): every factor at its diagram position, every relation an arrow with its polarity
 * mark, relations from another view drawn from a shadow of their source.
 */
export function exportMdl(graph: ModelGraph, options: SdExportOptions = {}): string {
    const model = sdModel(graph, options);
    const out = ['{UTF-8}'];
    const equation = (name: string, text: string, units: string, comment: string): void => {
        out.push(`${name} = ${text}`, `\t~\t${units}`, `\t~\t${mdlComment(comment)}`, '\t|', '');
    };
    for (const level of model.levels) {
        const factor = graph.factor(level.factor)!;
        equation(level.name, levelEquation(level), 'Dmnl', [factor.label, factor.description].filter(text => text !== undefined).join(': '));
    }
    for (const stock of model.stocks) {
        equation(stock.name, `INTEG(${stock.rate}, 0)`, 'Dmnl', stock.purpose);
    }
    out.push(
        '********************************************************', '\t.Control', '********************************************************~',
        '\t\tSimulation Control Parameters', '\t|', ''
    );
    equation('FINAL TIME', String(model.settings.horizon), 'year', 'The final time for the simulation.');
    equation('INITIAL TIME', '0', 'year', 'The initial time for the simulation.');
    equation('SAVEPER', model.timeStep === model.settings.step ? 'TIME STEP' : String(model.settings.step), 'year [0,?]', 'The frequency with which output is stored.');
    equation('TIME STEP', String(model.timeStep), 'year [0,?]', 'The time step for the simulation. MARVEL integrates with RK4 (Model > Settings > Integration Type).');
    out.push('\\\\\\---/// Sketch information - do not modify anything except names', 'V300  Do not put anything below this section - it will be ignored');
    const names = new Map(model.levels.map(level => [level.factor, level.name] as const));
    out.push(...sketch(graph, names, options.boxes ?? gridBoxes(graph)));
    out.push('///---\\\\\\', ':L<%^E!@', '4:Time', '5:' + (model.levels[0]?.name ?? 'Time'), '');
    return out.join('\n');
}

const viewStyle = '$192-192-192,0,Times New Roman|12||0-0-0|0-0-0|0-0-255|-1--1--1|-1--1--1|96,96,100,0';

function sketch(graph: ModelGraph, names: ReadonlyMap<string, string>, boxes: ReadonlyMap<string, FactorBox>): string[] {
    const views = groupBy(graph.factors.map(factor => factor.id), id => graph.factor(id)!.category);
    const lines: string[] = [];
    for (const [category, members] of views) {
        const title = category !== undefined ? graph.categoryPath(category).map(c => c.label).join(' - ') : graph.data.title ?? 'Model';
        lines.push(`*${viewName(title)}`, viewStyle);
        const left = Math.min(...members.map(id => boxes.get(id)!.x - boxes.get(id)!.width / 2)) - 40;
        const top = Math.min(...members.map(id => boxes.get(id)!.y - boxes.get(id)!.height / 2)) - 40;
        const objects = new Map<string, number>();
        let nextId = 1;
        const place = (id: string, x: number, y: number, shadow: boolean): number => {
            const number = nextId++;
            const box = boxes.get(id)!;
            lines.push(`10,${number},${names.get(id)},${Math.round(x)},${Math.round(y)},${Math.round(box.width / 2)},${Math.round(box.height / 2)},8,${shadow ? 2 : 3},${shadow ? '0,3,-1,0,0,0,128-128-128,0-0-0,|12||128-128-128' : '0,0,0,0,0,0'}`);
            return number;
        };
        for (const id of members) {
            const box = boxes.get(id)!;
            objects.set(id, place(id, box.x - left, box.y - top, false));
        }
        const shadows = new Map<string, number>();
        for (const target of members) {
            let shadowsOfTarget = 0;
            for (const relation of graph.incoming(target)) {
                let from = objects.get(relation.source) ?? shadows.get(relation.source);
                if (from === undefined) {
                    // A shadow of a source from another view, stacked above and left of its first target.
                    const box = boxes.get(target)!;
                    from = place(relation.source, box.x - left - box.width, box.y - top - box.height - 30 * shadowsOfTarget++, true);
                    shadows.set(relation.source, from);
                }
                const polarity = relation.sign === '+' ? 43 : relation.sign === '-' ? 45 : 0;
                lines.push(`1,${nextId++},${from},${objects.get(target)},0,0,${polarity},0,0,64,0,-1--1--1,,1|(0,0)|`);
            }
        }
    }
    return lines;
}

/** Vensim ends a comment at `|` and a field at `~`. */
function mdlComment(text: string): string {
    return text.replace(/[|~]/g, '/').replace(/\r?\n/g, ' ');
}

function viewName(title: string): string {
    return title.replace(/[\r\n|,]/g, ' ');
}

/**
 * Reads a Vensim causal-loop sketch: the variables drawn (each once, however many shadows),
 * the arrows between them with their polarity marks (`+`/`S` same, `-`/`O` opposite, none:
 * the sign its equation states when it is explicit, else `?`), and, when the sketch has
 * several views, each view as a category of the variables it defines (drawn there, not as a
 * shadow: a shadow shows a variable of another view), or else first shows. Valves, clouds and
 * comments are left out.
 */
export function importMdl(text: string): ImportResult {
    const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
    const sketchStart = lines.findIndex(line => line.startsWith('\\\\\\---///'));
    if (sketchStart < 0) {
        throw new ExchangeInputError('the whole file', 'no sketch (the section after \\\\\\---///): MARVEL imports the variables and arrows drawn in a Vensim sketch');
    }
    const equations = equationsOf(lines.slice(0, sketchStart).join('\n'));
    const views: Array<{ name: string; line: number; variables: Map<number, SketchVariable>; arrows: Array<{ from: number; to: number; polarity: number; line: number }> }> = [];
    for (let i = sketchStart + 1; i < lines.length && !lines[i].startsWith('///---\\\\\\'); i++) {
        const line = lines[i];
        if (line.startsWith('*')) {
            views.push({ name: line.slice(1).trim(), line: i + 1, variables: new Map(), arrows: [] });
            continue;
        }
        const fields = sketchFields(line);
        const view = views.at(-1);
        if (!view || fields.length < 7) {
            continue;
        }
        if (fields[0] === '10') {
            // The low bit of the `bits` field is clear on a shadow (Vensim's ghost of a variable defined elsewhere).
            view.variables.set(Number(fields[1]), { name: unquoteName(fields[2]), line: i + 1, shadow: fields.length > 8 && (Number(fields[8]) & 1) === 0 });
        } else if (fields[0] === '1') {
            view.arrows.push({ from: Number(fields[2]), to: Number(fields[3]), polarity: Number(fields[6]), line: i + 1 });
        }
    }
    if (views.every(view => view.variables.size === 0)) {
        throw new ExchangeInputError(`line ${sketchStart + 1}`, 'the sketch draws no variables');
    }
    const elements: InputRecord[] = [];
    const seen = new Set<string>();
    const connections: InputRecord[] = [];
    const warnings: ImportWarning[] = [sdImportWarning('a Vensim sketch')];
    const home = new Map<string, number>();
    views.forEach((view, index) => {
        for (const variable of view.variables.values()) {
            const key = sdKey(variable.name);
            if (!variable.shadow && !home.has(key)) {
                home.set(key, index);
            }
        }
    });
    for (const [index, view] of views.entries()) {
        for (const variable of view.variables.values()) {
            const key = sdKey(variable.name);
            if (seen.has(key) || (home.get(key) ?? index) !== index) {
                continue;
            }
            seen.add(key);
            const fields = new Map([['Label', displayName(variable.name)]]);
            if (views.length > 1) {
                fields.set('Category', view.name);
            }
            const comment = equations.get(key)?.comment;
            if (comment) {
                fields.set('Description', comment);
            }
            elements.push({ place: `line ${variable.line}`, key, fields });
        }
        for (const arrow of view.arrows) {
            const from = view.variables.get(arrow.from);
            const to = view.variables.get(arrow.to);
            if (!from || !to) {
                continue; // an arrow to or from a valve, a cloud or a comment
            }
            const marked = polarityMarks[arrow.polarity];
            const sign = marked ?? equationSign(equations.get(sdKey(to.name))?.text, from.name);
            if (marked === undefined && sign === '?') {
                warnings.push({ place: `line ${arrow.line}`, message: `the arrow from '${from.name}' to '${to.name}' has no polarity mark and its equation states none; written as ?` });
            }
            connections.push({ place: `line ${arrow.line}`, fields: new Map([['From', sdKey(from.name)], ['To', sdKey(to.name)], ['Sign', sign]]) });
        }
    }
    return draftOfRecords({ elements, connections, warnings, unknownEnds: 'refuse' });
}

interface SketchVariable {
    readonly name: string;
    readonly line: number;
    readonly shadow: boolean;
}

/** Vensim's polarity field holds the mark's character code. */
const polarityMarks: Readonly<Partial<Record<number, '+' | '-'>>> = { 43: '+', 45: '-', 83: '+', 115: '+', 79: '-', 111: '-' };

/** The equations by canonical name: their right-hand side and comment. */
function equationsOf(text: string): Map<string, { text: string; comment: string }> {
    const equations = new Map<string, { text: string; comment: string }>();
    for (const chunk of text.replace(/^\{UTF-8\}/, '').split('|')) {
        const [definition, , comment] = chunk.split('~');
        const match = /^\s*("(?:[^"\\]|\\.)*"|[^=:(]+?)\s*(?:=|:=|\(|$)([\s\S]*)$/.exec(definition ?? '');
        if (match && !match[1].startsWith('*') && match[1].trim() !== '') {
            equations.set(sdKey(unquoteName(match[1].trim())), { text: match[2].trim(), comment: (comment ?? '').trim().replace(/\s*\n\s*/g, ' ') });
        }
    }
    return equations;
}

/** The sign an equation states for one of its terms: `a + b - c` says `+` for b, `-` for c; anything else `?`. */
function equationSign(equation: string | undefined, source: string): '+' | '-' | '?' {
    if (equation === undefined || /[*/^(]/.test(equation.replace(/^\(|\)$/g, ''))) {
        return '?';
    }
    const terms = equation.split(/(?=[+-])/).map(term => term.trim());
    for (const term of terms) {
        const sign = term.startsWith('-') ? '-' : '+';
        if (sdKey(unquoteName(term.replace(/^[+-]\s*/, ''))) === sdKey(source)) {
            return sign;
        }
    }
    return '?';
}

/** The comma-separated fields of a sketch line; a quoted name may hold commas. */
function sketchFields(line: string): string[] {
    const fields: string[] = [];
    let current = '';
    let quoted = false;
    for (const char of line) {
        if (char === '"') {
            quoted = !quoted;
        }
        if (char === ',' && !quoted) {
            fields.push(current);
            current = '';
        } else {
            current += char;
        }
    }
    fields.push(current);
    return fields;
}

function unquoteName(name: string): string {
    return name.startsWith('"') && name.endsWith('"') ? name.slice(1, -1).replace(/\\"/g, '"') : name;
}

/** Vensim names ignore case and treat `_` as a space. */
function sdKey(name: string): string {
    return name.trim().toLowerCase().replace(/[\s_]+/g, ' ');
}

/** A label as Vensim shows the name: underscores as spaces, line breaks in the sketch as spaces. */
function displayName(name: string): string {
    return name.replace(/\\n|_/g, ' ').replace(/\s+/g, ' ').trim();
}
