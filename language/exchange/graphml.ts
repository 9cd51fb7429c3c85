import type { CategoryNode, FactorNode, ModelGraph } from '../analysis/model-graph.js';
import type { ImportResult, ImportWarning } from './exchange-model.js';
import { ExchangeInputError } from './exchange-model.js';
import type { InputRecord } from './records.js';
import { draftOfRecords, elementType, relationFieldValues } from './records.js';
import type { XmlElement } from './xml.js';
import { childNamed, childrenNamed, parseXml, xmlText } from './xml.js';
import { groupBy } from '../analysis/grouping.js';

/**
 * GraphML: every attribute as a typed key, categories as nodes holding nested graphs, every
 * relation an edge of the top graph. yEd and Gephi read it; reading back takes MARVEL's own
 * keys and, from other tools, labels (yEd's node labels too) and a sign or weight.
 */
interface KeySpec {
    readonly id: string;
    readonly for: 'graph' | 'node' | 'edge';
    readonly type: 'string' | 'double' | 'boolean';
}

const keys: readonly KeySpec[] = [
    { id: 'name', for: 'graph', type: 'string' },
    { id: 'title', for: 'graph', type: 'string' },
    { id: 'identifier', for: 'node', type: 'string' },
    { id: 'label', for: 'node', type: 'string' },
    { id: 'type', for: 'node', type: 'string' },
    { id: 'categoryPath', for: 'node', type: 'string' },
    { id: 'color', for: 'node', type: 'string' },
    { id: 'initial', for: 'node', type: 'double' },
    { id: 'direction', for: 'node', type: 'string' },
    { id: 'description', for: 'node', type: 'string' },
    { id: 'sign', for: 'edge', type: 'string' },
    { id: 'strength', for: 'edge', type: 'string' },
    { id: 'speed', for: 'edge', type: 'string' },
    { id: 'delay', for: 'edge', type: 'double' },
    { id: 'weight', for: 'edge', type: 'double' },
    { id: 'note', for: 'edge', type: 'string' }
];

export function exportGraphml(graph: ModelGraph): string {
    const out: string[] = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
        '    xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
        ...keys.map(key => `  <key id="${key.id}" for="${key.for}" attr.name="${key.id}" attr.type="${key.type}"/>`),
        '  <graph id="model" edgedefault="directed">'
    ];
    const data = (indent: string, values: ReadonlyArray<readonly [string, string | number | undefined]>): string[] =>
        values.filter(([, value]) => value !== undefined && value !== '').map(([key, value]) => `${indent}<data key="${key}">${xmlText(String(value))}</data>`);
    out.push(...data('    ', [['name', graph.data.name], ['title', graph.data.title]]));
    const categoryPath = (id: string | undefined): string | undefined => id === undefined ? undefined : graph.categoryPath(id).map(c => c.label).join(' / ');
    const childCategories = groupBy(graph.categories, category => category.parent);
    const factorsIn = groupBy(graph.factors, factor => factor.category);
    const writeFactor = (factor: FactorNode, indent: string): void => {
        out.push(`${indent}<node id="${xmlText(factor.id)}">`, ...data(`${indent}  `, [
            ['identifier', factor.id], ['label', factor.label], ['type', elementType(factor)], ['categoryPath', categoryPath(factor.category)],
            ['initial', factor.initial], ['direction', factor.direction], ['description', factor.description]
        ]), `${indent}</node>`);
    };
    const writeCategory = (category: CategoryNode, indent: string): void => {
        out.push(`${indent}<node id="${xmlText(category.id)}">`, ...data(`${indent}  `, [
            ['identifier', category.id], ['label', category.label], ['type', 'category'], ['categoryPath', categoryPath(category.parent)],
            ['color', category.color], ['description', category.description]
        ]), `${indent}  <graph id="${xmlText(category.id)}:" edgedefault="directed">`);
        writeMembers(category.id, `${indent}    `);
        out.push(`${indent}  </graph>`, `${indent}</node>`);
    };
    const writeMembers = (category: string | undefined, indent: string): void => {
        (childCategories.get(category) ?? []).forEach(child => writeCategory(child, indent));
        (factorsIn.get(category) ?? []).forEach(factor => writeFactor(factor, indent));
    };
    writeMembers(undefined, '    ');
    for (const relation of graph.relations) {
        const { Strength, Speed, Delay } = relationFieldValues(relation);
        const weight = relation.sign === '?' ? 0 : relation.sign === '+' ? relation.strength : -relation.strength;
        out.push(`    <edge id="r${relation.index}" source="${xmlText(relation.source)}" target="${xmlText(relation.target)}">`, ...data('      ', [
            ['sign', relation.sign], ['strength', Strength], ['speed', Speed], ['delay', Delay], ['weight', weight], ['note', relation.note]
        ]), '    </edge>');
    }
    out.push('  </graph>', '</graphml>', '');
    return out.join('\n');
}

/** GraphML's key attribute names that MARVEL's records call otherwise. */
const fieldOfKey: Readonly<Record<string, string>> = {
    identifier: 'ID', label: 'Label', type: 'Type', color: 'Color', initial: 'Initial', direction: 'Desired direction',
    description: 'Description', sign: 'Sign', strength: 'Strength', speed: 'Speed', delay: 'Delay', weight: 'Weight', note: 'Note'
};

export function importGraphml(text: string): ImportResult {
    const root = parseXml(text);
    if (root.name !== 'graphml') {
        throw new ExchangeInputError(`line ${root.line}`, `not GraphML: the root element is <${root.name}>, not <graphml>`);
    }
    const top = childNamed(root, 'graph');
    if (!top) {
        throw new ExchangeInputError(`line ${root.line}`, 'the GraphML file holds no <graph>');
    }
    const keyNames = new Map<string, string>();
    for (const key of childrenNamed(root, 'key')) {
        const id = key.attributes.get('id');
        if (id !== undefined) {
            keyNames.set(id, key.attributes.get('attr.name') ?? id);
        }
    }
    const warnings: ImportWarning[] = [];
    const elements: InputRecord[] = [];
    const edges: XmlElement[] = [];
    const nodeIds = new Set<string>();
    const dataOf = (element: XmlElement): Map<string, string> => {
        const values = new Map<string, string>();
        for (const item of childrenNamed(element, 'data')) {
            const name = keyNames.get(item.attributes.get('key') ?? '') ?? item.attributes.get('key') ?? '';
            // yEd keeps a node's label inside its graphics, an edge's in an EdgeLabel.
            const graphicLabel = findDescendant(item, ['NodeLabel', 'EdgeLabel']);
            if (graphicLabel) {
                values.set(graphicLabel.name === 'NodeLabel' ? 'label' : 'sign', graphicLabel.text.trim());
            } else if (item.children.length === 0) {
                values.set(name, item.text);
            }
        }
        return values;
    };
    const recordFields = (values: ReadonlyMap<string, string>): Map<string, string> => {
        const fields = new Map<string, string>();
        for (const [name, value] of values) {
            const known = fieldOfKey[name.toLowerCase()];
            if (known !== undefined) {
                fields.set(known, value);
            } else if (name !== 'categoryPath' && value.trim() !== '') {
                fields.set(name, value);
            }
        }
        return fields;
    };
    const visit = (graph: XmlElement, category: string | undefined): void => {
        for (const child of graph.children) {
            if (child.name === 'node') {
                const id = child.attributes.get('id');
                const place = `<node> on line ${child.line}`;
                if (id === undefined) {
                    throw new ExchangeInputError(place, 'the node has no id');
                }
                if (nodeIds.has(id)) {
                    throw new ExchangeInputError(place, `a second node with id '${id}'`);
                }
                nodeIds.add(id);
                const fields = recordFields(dataOf(child));
                if (!fields.has('Label') && !fields.has('ID')) {
                    warnings.push({ place, message: 'the node has no label; its GraphML id is the label' });
                    fields.set('Label', id);
                }
                const nested = childNamed(child, 'graph');
                if (nested) {
                    fields.set('Type', 'category');
                }
                if (category !== undefined) {
                    fields.set('Category', category);
                }
                elements.push({ place, key: id, fields });
                if (nested) {
                    visit(nested, id);
                }
            } else if (child.name === 'edge') {
                edges.push(child);
            }
        }
    };
    visit(top, undefined);
    const graphData = dataOf(top);
    const connections = edges.map(edge => {
        const place = `<edge> on line ${edge.line}`;
        const fields = recordFields(dataOf(edge));
        for (const end of ['source', 'target'] as const) {
            const id = edge.attributes.get(end);
            if (id === undefined || !nodeIds.has(id)) {
                throw new ExchangeInputError(place, id === undefined ? `the edge has no ${end}` : `the edge's ${end} '${id}' is not a node of the file`);
            }
            fields.set(end === 'source' ? 'From' : 'To', id);
        }
        if (fields.has('Sign') && fields.has('Strength')) {
            fields.delete('Weight');
        }
        return { place, fields };
    });
    return draftOfRecords({ name: graphData.get('name'), title: graphData.get('title'), elements, connections, warnings, unknownEnds: 'refuse' });
}

function findDescendant(element: XmlElement, names: readonly string[]): XmlElement | undefined {
    for (const child of element.children) {
        if (names.includes(child.name)) {
            return child;
        }
        const found = findDescendant(child, names);
        if (found) {
            return found;
        }
    }
    return undefined;
}
