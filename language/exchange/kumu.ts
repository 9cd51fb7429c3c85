import type { ModelGraph } from '../analysis/model-graph.js';
import type { ImportResult } from './exchange-model.js';
import { ExchangeInputError } from './exchange-model.js';
import type { InputRecord } from './records.js';
import { connectionRows, draftOfRecords, elementRows } from './records.js';

/**
 * Kumu's JSON blueprint: `elements` (label, type, description and fields) and `connections`
 * (from, to, type, direction and fields). Kumu's own fields are written in lower case as its
 * blueprints spell them; MARVEL's others as named fields. Connections name their ends by ID.
 */
export function exportKumu(graph: ModelGraph): string {
    const elements = elementRows(graph).map(row => withoutEmpty({
        'id': row.ID, 'label': row.Label, 'type': row.Type, 'description': row.Description,
        'Category': row.Category, 'Color': row.Color, 'Initial': row.Initial, 'Desired direction': row['Desired direction']
    }));
    const connections = connectionRows(graph).map(row => withoutEmpty({
        'from': row.From, 'to': row.To, 'type': row.Type, 'direction': row.Direction, 'description': row.Description,
        'Strength': row.Strength, 'Speed': row.Speed, 'Delay': row.Delay
    }));
    return `${JSON.stringify({ elements, connections }, undefined, 2)}\n`;
}

function withoutEmpty(record: Record<string, string>): Record<string, string> {
    return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== ''));
}

/** Kumu's names for fields that MARVEL calls otherwise (in Kumu's project backups, under `attributes`). */
const kumuAliases: Readonly<Record<string, string>> = { 'element type': 'type', 'connection type': 'type', 'connection direction': 'direction' };

export function importKumu(text: string): ImportResult {
    let json: unknown;
    try {
        json = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (error) {
        throw new ExchangeInputError(jsonErrorPlace(text, error), `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    if (!isObject(json) || (!Array.isArray(json.elements) && !Array.isArray(json.connections))) {
        throw new ExchangeInputError('the top level', "not a Kumu blueprint: expected an object with 'elements' and 'connections' arrays");
    }
    return draftOfRecords({
        elements: records(json.elements, 'elements'),
        connections: records(json.connections, 'connections'),
        unknownEnds: 'create'
    });
}

function records(list: unknown, name: string): InputRecord[] {
    if (list === undefined) {
        return [];
    }
    if (!Array.isArray(list)) {
        throw new ExchangeInputError(name, 'expected an array');
    }
    return list.map((item, i) => {
        const place = `${name}[${i}]`;
        if (!isObject(item)) {
            throw new ExchangeInputError(place, 'expected an object');
        }
        const flat: Record<string, unknown> = { ...item, ...isObject(item.attributes) ? item.attributes : {} };
        delete flat.attributes;
        delete flat._id;
        const fields = new Map<string, string>();
        for (const [key, value] of Object.entries(flat)) {
            fields.set(kumuAliases[key.toLowerCase()] ?? key, fieldText(value));
        }
        return { place, fields };
    });
}

function fieldText(value: unknown): string {
    if (typeof value === 'string') {
        return value;
    }
    if (Array.isArray(value)) {
        return value.map(fieldText).join(', ');
    }
    return value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `line L, column C` from the position JSON.parse reports, or the whole text when it reports none. */
function jsonErrorPlace(text: string, error: unknown): string {
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
    if (position === undefined) {
        return 'the JSON text';
    }
    const before = text.slice(0, Number(position));
    const line = before.split('\n').length;
    return `line ${line}, column ${Number(position) - before.lastIndexOf('\n')}`;
}
