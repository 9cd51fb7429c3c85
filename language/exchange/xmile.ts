import type { ModelGraph } from '../analysis/model-graph.js';
import type { FactorBox } from './diagram-positions.js';
import { gridBoxes } from './diagram-positions.js';
import type { ImportResult, ImportWarning } from './exchange-model.js';
import { ExchangeInputError } from './exchange-model.js';
import type { InputRecord } from './records.js';
import { draftOfRecords } from './records.js';
import type { SdOptions } from './sd-model.js';
import { levelEquation, sdImportWarning, sdModel } from './sd-model.js';
import { childNamed, childrenNamed, parseXml, xmlText } from './xml.js';

export interface SdExportOptions extends SdOptions {
    /** Where each factor stands in the diagram; a grid when absent. */
    readonly boxes?: ReadonlyMap<string, FactorBox>;
}

/**
 * XMILE 1.0 (OASIS): the dynamics of {@link sdModel} (each stage a stock with one inflow),
 * RK4 sim specs, and one view with every factor at its diagram position and every relation
 * as a connector with its polarity.
 */
export function exportXmile(graph: ModelGraph, options: SdExportOptions = {}): string {
    const model = sdModel(graph, options);
    const boxes = options.boxes ?? gridBoxes(graph);
    const out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<xmile version="1.0" xmlns="http://docs.oasis-open.org/xmile/ns/XMILE/v1.0">',
        '  <header>',
        `    <name>${xmlText(model.title)}</name>`,
        '    <vendor>MARVEL</vendor>',
        '    <product version="1.0">MARVEL for VS Code</product>',
        '  </header>',
        `  <sim_specs method="RK4" time_units="year">`,
        `    <start>0</start>`,
        `    <stop>${model.settings.horizon}</stop>`,
        `    <dt>${model.timeStep}</dt>`,
        '  </sim_specs>',
        '  <model>',
        '    <variables>'
    ];
    for (const level of model.levels) {
        const factor = graph.factor(level.factor)!;
        const doc = [factor.label, factor.description].filter(text => text !== undefined).join('\n\n');
        out.push(`      <aux name="${xmlText(level.name)}">`, `        <eqn>${xmlText(levelEquation(level))}</eqn>`, `        <doc>${xmlText(doc)}</doc>`, '      </aux>');
    }
    for (const stock of model.stocks) {
        const flow = `${stock.name}_change`;
        out.push(
            `      <stock name="${xmlText(stock.name)}">`, '        <eqn>0</eqn>', `        <inflow>${xmlText(flow)}</inflow>`,
            `        <doc>${xmlText(stock.purpose)}</doc>`, '      </stock>',
            `      <flow name="${xmlText(flow)}">`, `        <eqn>${xmlText(stock.rate)}</eqn>`, '      </flow>'
        );
    }
    out.push('    </variables>', '    <views>', '      <view type="stock_flow">');
    for (const level of model.levels) {
        const box = boxes.get(level.factor)!;
        out.push(`        <aux name="${xmlText(level.name)}" x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}"/>`);
    }
    const names = new Map(model.levels.map(level => [level.factor, level.name] as const));
    graph.relations.forEach((relation, i) => {
        const polarity = relation.sign === '?' ? '' : ` polarity="${relation.sign}"`;
        out.push(`        <connector uid="${i + 1}"${polarity}><from>${xmlText(names.get(relation.source)!)}</from><to>${xmlText(names.get(relation.target)!)}</to></connector>`);
    });
    out.push('      </view>', '    </views>', '  </model>', '</xmile>', '');
    return out.join('\n');
}


const variableKinds = ['aux', 'stock', 'flow', 'gf'];

/**
 * Reads an XMILE model's causal structure: the variables its views draw (all variables when
 * it has no view), the connectors between them with their polarity (none: `?`), and, when it
 * has several views, each view as a category. Documentation becomes the description.
 */
export function importXmile(text: string): ImportResult {
    const root = parseXml(text);
    if (root.name !== 'xmile') {
        throw new ExchangeInputError(`line ${root.line}`, `not XMILE: the root element is <${root.name}>, not <xmile>`);
    }
    const model = childNamed(root, 'model');
    if (!model) {
        throw new ExchangeInputError(`line ${root.line}`, 'the XMILE file holds no <model>');
    }
    const docs = new Map<string, string>();
    const allVariables: Array<{ name: string; line: number }> = [];
    for (const variable of childNamed(model, 'variables')?.children ?? []) {
        const name = variable.attributes.get('name');
        if (variableKinds.includes(variable.name) && name !== undefined) {
            allVariables.push({ name, line: variable.line });
            const doc = childNamed(variable, 'doc')?.text.trim();
            if (doc) {
                docs.set(xmileKey(name), doc);
            }
        }
    }
    const views = childrenNamed(childNamed(model, 'views') ?? model, 'view');
    const drawn = views.map((view, i) => ({
        name: view.attributes.get('name') ?? `View ${i + 1}`,
        variables: view.children.filter(child => variableKinds.includes(child.name) && child.attributes.has('name')),
        connectors: childrenNamed(view, 'connector')
    }));
    const elements: InputRecord[] = [];
    const seen = new Set<string>();
    const add = (name: string, line: number, category: string | undefined): void => {
        const key = xmileKey(name);
        if (seen.has(key)) {
            return;
        }
        seen.add(key);
        const fields = new Map([['Label', name.replace(/\\n|_/g, ' ').replace(/\s+/g, ' ').trim()]]);
        if (category !== undefined) {
            fields.set('Category', category);
        }
        if (docs.has(key)) {
            fields.set('Description', docs.get(key)!);
        }
        elements.push({ place: `<${name}> on line ${line}`, key, fields });
    };
    if (drawn.every(view => view.variables.length === 0)) {
        allVariables.forEach(variable => add(variable.name, variable.line, undefined));
    }
    for (const view of drawn) {
        view.variables.forEach(variable => add(variable.attributes.get('name')!, variable.line, drawn.length > 1 ? view.name : undefined));
    }
    if (elements.length === 0) {
        throw new ExchangeInputError(`line ${model.line}`, 'the model has no variables');
    }
    const warnings: ImportWarning[] = [sdImportWarning('an XMILE model')];
    const connections: InputRecord[] = [];
    for (const connector of drawn.flatMap(view => view.connectors)) {
        const place = `<connector> on line ${connector.line}`;
        const from = childNamed(connector, 'from')?.text.trim();
        const to = childNamed(connector, 'to')?.text.trim();
        if (from === undefined || to === undefined) {
            throw new ExchangeInputError(place, 'a connector needs <from> and <to>');
        }
        if (!seen.has(xmileKey(from)) || !seen.has(xmileKey(to))) {
            continue; // a connector to a flow's valve or an alias: not a relation between drawn variables
        }
        const polarity = connector.attributes.get('polarity');
        const sign = polarity === '+' || polarity === '-' ? polarity : '?';
        if (sign === '?') {
            warnings.push({ place, message: `the connector from '${from}' to '${to}' has no polarity; written as ?` });
        }
        connections.push({ place, fields: new Map([['From', xmileKey(from)], ['To', xmileKey(to)], ['Sign', sign]]) });
    }
    return draftOfRecords({ elements, connections, warnings, unknownEnds: 'refuse' });
}

/** XMILE compares names ignoring case, with `_`, spaces and `\n` alike. */
function xmileKey(name: string): string {
    return name.trim().toLowerCase().replace(/(\\n|[\s_])+/g, ' ');
}
