import type { Direction, FactorNode, ModelGraph, RelationEdge, Sign } from '../analysis/model-graph.js';
import { defaultInitialLevel } from '../analysis/model-graph.js';
import { isSpeedClass, isStrengthClass } from '../analysis/relation-scales.js';
import type { DraftCategory, DraftFactor, DraftRelation, ImportResult, ImportWarning } from './exchange-model.js';
import { ExchangeInputError } from './exchange-model.js';
import { identifierFromText, IdentifierPool, isValidIdentifier } from './identifiers.js';

/**
 * The model as two tables, the way spreadsheets and Kumu hold maps: elements (categories
 * and factors) and connections, each a row of named text fields. CSV and Kumu write these
 * rows; CSV, Kumu and GraphML read their input into them and {@link draftOfRecords} makes a
 * model of them.
 */
export const elementFields = ['ID', 'Label', 'Type', 'Category', 'Color', 'Initial', 'Desired direction', 'Description'] as const;
export const connectionFields = ['From', 'To', 'Type', 'Direction', 'Strength', 'Speed', 'Delay', 'Description'] as const;

export type ElementField = typeof elementFields[number];
export type ConnectionField = typeof connectionFields[number];

/** One row as read: field values by name (case as given), and where it stands in the input. */
export interface InputRecord {
    readonly place: string;
    /** What Category, From and To may call this record by besides its ID and label (a GraphML node id). */
    readonly key?: string;
    readonly fields: ReadonlyMap<string, string>;
}

export interface InputRecords {
    readonly name?: string;
    readonly title?: string;
    readonly elements: readonly InputRecord[];
    readonly connections: readonly InputRecord[];
    /** Problems the reader met and worked around. */
    readonly warnings?: readonly ImportWarning[];
    /** Connections whose ends are not among the elements: create those factors (a relations-only table) or refuse. */
    readonly unknownEnds: 'create' | 'refuse';
}

/** The element types, as the language's keywords say them. */
export type ElementType = 'category' | 'factor' | 'key factor' | 'indicator factor' | 'intervention' | 'key intervention' | 'kpi';
const elementTypes: readonly ElementType[] = ['category', 'factor', 'key factor', 'indicator factor', 'intervention', 'key intervention', 'kpi'];

export function elementType(factor: FactorNode): ElementType {
    switch (factor.role) {
        case 'key': return 'key factor';
        case 'indicator': return 'indicator factor';
        case 'intervention': return factor.key ? 'key intervention' : 'intervention';
        default: return factor.role;
    }
}

/** Element rows: categories, then factors, in declaration order (a category's parent comes before it). */
export function elementRows(graph: ModelGraph): Array<Record<ElementField, string>> {
    return [
        ...graph.categories.map(category => ({
            'ID': category.id, 'Label': category.label, 'Type': 'category', 'Category': category.parent ?? '', 'Color': category.color ?? '',
            'Initial': '', 'Desired direction': '', 'Description': category.description ?? ''
        })),
        ...graph.factors.map(factor => ({
            'ID': factor.id, 'Label': factor.label, 'Type': elementType(factor), 'Category': factor.category ?? '', 'Color': '',
            'Initial': String(factor.initial), 'Desired direction': factor.direction ?? '', 'Description': factor.description ?? ''
        }))
    ];
}

export function connectionRows(graph: ModelGraph): Array<Record<ConnectionField, string>> {
    return graph.relations.map(relation => ({
        'From': relation.source, 'To': relation.target, 'Type': relation.sign, 'Direction': 'directed',
        ...relationFieldValues(relation), 'Description': relation.note ?? ''
    }));
}

/** Strength, speed and delay as written: a class word or a number; the delay only when explicit. */
export function relationFieldValues(relation: RelationEdge): { Strength: string; Speed: string; Delay: string } {
    return {
        Strength: relation.strengthClass ?? String(relation.strength),
        Speed: relation.explicitDelay ? '' : relation.speedClass ?? String(relation.delay),
        Delay: relation.explicitDelay ? String(relation.delay) : ''
    };
}

/**
 * A model from element and connection rows. Identifiers come from the ID field when it is a
 * valid, unused name, otherwise from the label; references (Category, From, To) match an ID
 * first, then a label. Fields MARVEL has no place for are kept in the description or note,
 * with a warning.
 */
export function draftOfRecords(input: InputRecords): ImportResult {
    const warnings: ImportWarning[] = [...input.warnings ?? []];
    const pool = new IdentifierPool();
    const categories: DraftCategory[] = [];
    const factors: DraftFactor[] = [];
    /** Input ID or label → identifier, for categories and for factors. */
    const categoryKeys = new Map<string, string>();
    const factorKeys = new Map<string, string>();
    const remember = (keys: Map<string, string>, record: InputRecord, id: string): void => {
        for (const key of [record.key, field(record, 'id'), field(record, 'label')]) {
            if (key !== undefined && !keys.has(key)) {
                keys.set(key, id);
            }
        }
    };
    const pendingParents: Array<{ index: number; parent: string; place: string }> = [];
    const pendingCategories: Array<{ index: number; category: string; place: string }> = [];

    for (const record of input.elements) {
        const label = field(record, 'label') ?? field(record, 'id');
        if (label === undefined) {
            throw new ExchangeInputError(record.place, 'the element has neither an ID nor a label');
        }
        const wanted = field(record, 'id');
        const typeText = field(record, 'type');
        const type = typeText === undefined ? 'factor' : elementTypes.find(t => t === typeText.toLowerCase());
        const extras = extraFields(record, ['id', 'label', 'type', 'category', 'color', 'initial', 'desired direction', 'direction', 'description']);
        if (typeText !== undefined && type === undefined) {
            extras.push(['Type', typeText]);
        }
        const id = pool.claim(wanted, label);
        if (wanted !== undefined && wanted !== id) {
            warnings.push({ place: record.place, message: `'${wanted}' is not a valid or unused identifier; named '${id}'` });
        }
        const description = describe(record, field(record, 'description'), extras, warnings);
        const parent = field(record, 'category');
        if (type === 'category') {
            const color = colorOf(record, warnings);
            categories.push({ id, label, color, description });
            remember(categoryKeys, record, id);
            if (parent !== undefined) {
                pendingParents.push({ index: categories.length - 1, parent, place: record.place });
            }
            continue;
        }
        const kind = type === 'kpi' ? 'kpi' : type === 'intervention' || type === 'key intervention' ? 'intervention' : 'factor';
        factors.push({
            id, label, kind,
            key: type === 'key factor' || type === 'key intervention',
            indicator: type === 'indicator factor',
            direction: kind === 'kpi' ? directionOf(record, warnings) : undefined,
            initial: initialOf(record, warnings),
            description
        });
        remember(factorKeys, record, id);
        if (parent !== undefined) {
            pendingCategories.push({ index: factors.length - 1, category: parent, place: record.place });
        }
    }

    // A category named by a factor but not declared becomes a category of that name.
    const categoryFor = (name: string): string => {
        const known = categoryKeys.get(name);
        if (known !== undefined) {
            return known;
        }
        const id = pool.claim(undefined, name);
        categories.push({ id, label: name });
        categoryKeys.set(name, id);
        return id;
    };
    for (const { index, parent, place } of pendingParents) {
        const parentId = categoryFor(parent);
        if (ancestorsOf(categories, parentId).includes(categories[index].id)) {
            throw new ExchangeInputError(place, `category '${parent}' would contain itself`);
        }
        categories[index] = { ...categories[index], parent: parentId };
    }
    for (const { index, category } of pendingCategories) {
        factors[index] = { ...factors[index], category: categoryFor(category) };
    }

    const relations: DraftRelation[] = [];
    const endOf = (record: InputRecord, name: 'from' | 'to'): string => {
        const text = field(record, name);
        if (text === undefined) {
            throw new ExchangeInputError(record.place, `the connection has no '${name === 'from' ? 'From' : 'To'}'`);
        }
        const known = factorKeys.get(text);
        if (known !== undefined) {
            return known;
        }
        if (input.unknownEnds === 'refuse') {
            throw new ExchangeInputError(record.place, `the connection ${name === 'from' ? 'starts' : 'ends'} at '${text}', which is not an element`);
        }
        const id = pool.claim(undefined, text);
        factors.push({ id, label: text, kind: 'factor', key: false, indicator: false });
        factorKeys.set(text, id);
        if (input.elements.length > 0) {
            warnings.push({ place: record.place, message: `'${text}' is not an element; added as a factor` });
        }
        return id;
    };
    for (const record of input.connections) {
        const source = endOf(record, 'from');
        const target = endOf(record, 'to');
        const extras = extraFields(record, ['from', 'to', 'type', 'sign', 'direction', 'strength', 'weight', 'speed', 'delay', 'description', 'note']);
        const direction = field(record, 'direction');
        if (direction !== undefined && direction.toLowerCase() !== 'directed') {
            extras.push(['Direction', direction]);
        }
        const { sign, strength } = signAndStrength(record, extras, warnings);
        const note = describe(record, field(record, 'description') ?? field(record, 'note'), extras, warnings);
        relations.push({ source, target, sign, strength, ...timing(record, warnings), note });
    }
    const name = input.name === undefined || isValidIdentifier(input.name) ? input.name : identifierFromText(input.name);
    if (name !== input.name) {
        warnings.push({ place: 'the model', message: `'${input.name}' is not a valid model name; named '${name}'` });
    }
    return { model: { name, title: input.title, categories, factors, relations }, warnings };
}

/** A field's value by case-insensitive name; empty text counts as absent. */
export function field(record: InputRecord, name: string): string | undefined {
    for (const [key, value] of record.fields) {
        if (key.toLowerCase() === name && value.trim() !== '') {
            return value;
        }
    }
    return undefined;
}

function extraFields(record: InputRecord, known: readonly string[]): Array<[string, string]> {
    return [...record.fields].filter(([key, value]) => !known.includes(key.toLowerCase()) && value.trim() !== '');
}

/** The description with every field MARVEL has no place for appended as `Name: value`. */
function describe(record: InputRecord, text: string | undefined, extras: ReadonlyArray<[string, string]>, warnings: ImportWarning[]): string | undefined {
    if (extras.length === 0) {
        return text;
    }
    warnings.push({ place: record.place, message: `kept ${extras.map(([key]) => `'${key}'`).join(', ')} in the description: MARVEL has no such field` });
    return [text, ...extras.map(([key, value]) => `${key}: ${value}`)].filter(line => line !== undefined).join('\n');
}

function colorOf(record: InputRecord, warnings: ImportWarning[]): string | undefined {
    const color = field(record, 'color');
    if (color === undefined || /^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(color)) {
        return color;
    }
    warnings.push({ place: record.place, message: `colour '${color}' is not #rgb or #rrggbb; left out` });
    return undefined;
}

function directionOf(record: InputRecord, warnings: ImportWarning[]): Direction | undefined {
    const text = field(record, 'desired direction') ?? field(record, 'direction');
    if (text === undefined) {
        return undefined;
    }
    const direction = text.toLowerCase();
    if (direction === 'increase' || direction === 'decrease') {
        return direction;
    }
    warnings.push({ place: record.place, message: `desired direction '${text}' is not increase or decrease; left out` });
    return undefined;
}

function initialOf(record: InputRecord, warnings: ImportWarning[]): number | undefined {
    const value = numberField(record, 'initial', warnings);
    return value === defaultInitialLevel ? undefined : value;
}

function numberField(record: InputRecord, name: string, warnings: ImportWarning[]): number | undefined {
    const text = field(record, name);
    if (text === undefined) {
        return undefined;
    }
    const value = Number(text);
    if (Number.isFinite(value)) {
        return value;
    }
    warnings.push({ place: record.place, message: `${name} '${text}' is not a number; left out` });
    return undefined;
}

const signWords: Readonly<Record<string, Sign>> = {
    '+': '+', '-': '-', '?': '?', 'positive': '+', 'negative': '-', 'unknown': '?', 's': '+', 'o': '-'
};

/** The sign from Type or Sign; a numeric Strength or Weight gives the strength (and, when negative and no sign is given, the sign). */
function signAndStrength(record: InputRecord, extras: Array<[string, string]>, warnings: ImportWarning[]): { sign: Sign; strength?: DraftRelation['strength'] } {
    const signText = field(record, 'sign') ?? field(record, 'type');
    let sign = signText !== undefined ? signWords[signText.toLowerCase()] : undefined;
    if (signText !== undefined && sign === undefined) {
        extras.push([field(record, 'sign') !== undefined ? 'Sign' : 'Type', signText]);
    }
    const strengthText = field(record, 'strength') ?? field(record, 'weight');
    let strength: DraftRelation['strength'];
    if (strengthText !== undefined) {
        const number = Number(strengthText);
        if (isStrengthClass(strengthText.toLowerCase())) {
            strength = strengthText.toLowerCase() as DraftRelation['strength'];
        } else if (Number.isFinite(number)) {
            if (number < 0 && sign === undefined) {
                sign = '-';
            }
            strength = number < 0 ? -number : number;
            if (number < 0 && sign === '+') {
                warnings.push({ place: record.place, message: `negative weight ${strengthText} on a '+' relation; its size is the strength` });
            }
        } else {
            extras.push(['Strength', strengthText]);
        }
    }
    return { sign: sign ?? '?', strength };
}

function timing(record: InputRecord, warnings: ImportWarning[]): Pick<DraftRelation, 'speed' | 'delay'> {
    const delay = numberField(record, 'delay', warnings);
    if (delay !== undefined) {
        return { delay: nonNegative(record, 'delay', delay, warnings) };
    }
    const speedText = field(record, 'speed');
    if (speedText === undefined) {
        return {};
    }
    if (isSpeedClass(speedText.toLowerCase())) {
        return { speed: speedText.toLowerCase() as DraftRelation['speed'] };
    }
    const speed = numberField(record, 'speed', warnings);
    return speed === undefined ? {} : { speed: nonNegative(record, 'speed', speed, warnings) };
}

function nonNegative(record: InputRecord, name: string, value: number, warnings: ImportWarning[]): number | undefined {
    if (value >= 0) {
        return value;
    }
    warnings.push({ place: record.place, message: `${name} ${value} is negative; left out` });
    return undefined;
}

function ancestorsOf(categories: readonly DraftCategory[], id: string): string[] {
    const byId = new Map(categories.map(c => [c.id, c] as const));
    const chain: string[] = [];
    for (let current = byId.get(id)?.parent; current !== undefined && !chain.includes(current); current = byId.get(current)?.parent) {
        chain.push(current);
    }
    return chain;
}
