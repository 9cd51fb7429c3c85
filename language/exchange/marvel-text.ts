import type { DraftCategory, DraftFactor, DraftModel, DraftRelation } from './exchange-model.js';
import { groupBy } from '../analysis/grouping.js';

/**
 * MARVEL source text for a draft model: the header, categories as nested blocks, every
 * declaration with `in CATEGORY`, then the relations. The command line passes it through
 * the formatter for the canonical layout.
 */
export function marvelText(model: DraftModel): string {
    const lines: string[] = [];
    if (model.name !== undefined) {
        lines.push(`model ${model.name}${model.title !== undefined ? ` ${quoted(model.title)}` : ''}`, '');
    }
    const children = groupBy(model.categories, category => category.parent);
    const writeCategory = (category: DraftCategory, depth: number): void => {
        const indent = '    '.repeat(depth);
        lines.push(...documentation(category.description, indent));
        const head = `${indent}category ${category.id}${labelText(category.id, category.label)}${category.color !== undefined ? ` color ${quoted(category.color)}` : ''}`;
        const nested = children.get(category.id) ?? [];
        if (nested.length === 0) {
            lines.push(head);
            return;
        }
        lines.push(`${head} {`);
        nested.forEach(child => writeCategory(child, depth + 1));
        lines.push(`${indent}}`);
    };
    (children.get(undefined) ?? []).forEach(category => writeCategory(category, 0));
    if (model.categories.length > 0) {
        lines.push('');
    }
    for (const factor of model.factors) {
        lines.push(...documentation(factor.description, ''), declaration(factor));
    }
    if (model.relations.length > 0) {
        lines.push('');
    }
    lines.push(...model.relations.map(relationText));
    return `${lines.join('\n')}\n`;
}

function declaration(factor: DraftFactor): string {
    const keyword = factor.kind === 'kpi' ? 'kpi'
        : `${factor.key ? 'key ' : factor.indicator ? 'indicator ' : ''}${factor.kind}`;
    const direction = factor.kind === 'kpi' && factor.direction !== undefined ? ` ${factor.direction}` : '';
    const category = factor.category !== undefined ? ` in ${factor.category}` : '';
    const initial = factor.initial !== undefined ? ` initial ${String(factor.initial)}` : '';
    return `${keyword} ${factor.id}${labelText(factor.id, factor.label)}${direction}${category}${initial}`;
}

function relationText(relation: DraftRelation): string {
    const attributes: string[] = [];
    if (relation.strength !== undefined && relation.strength !== 'average') {
        attributes.push(`strength: ${typeof relation.strength === 'number' ? String(relation.strength) : relation.strength}`);
    }
    if (relation.delay !== undefined) {
        attributes.push(`delay: ${String(relation.delay)}`);
    } else if (relation.speed !== undefined && relation.speed !== 'average') {
        attributes.push(`speed: ${typeof relation.speed === 'number' ? String(relation.speed) : relation.speed}`);
    }
    const clause = attributes.length > 0 ? ` (${attributes.join(', ')})` : '';
    const note = relation.note !== undefined ? ` ${quoted(relation.note)}` : '';
    return `${relation.source} -> ${relation.sign}${relation.target}${clause}${note}`;
}

/** The label is left out when it is the identifier: the model reads it back the same. */
function labelText(id: string, label: string): string {
    return label === id ? '' : ` ${quoted(label)}`;
}

/** A `/** … *\/` comment; a `*\/` inside the text would end it early, so it is broken up. */
function documentation(text: string | undefined, indent: string): string[] {
    if (text === undefined) {
        return [];
    }
    const body = text.replaceAll('*/', '* /').split('\n');
    return body.length === 1 ? [`${indent}/** ${body[0]} */`] : [`${indent}/**`, ...body.map(line => `${indent} * ${line}`.trimEnd()), `${indent} */`];
}

/** A string literal as the grammar reads it back: backslash escapes for quotes, backslashes and line breaks. */
function quoted(text: string): string {
    return `"${text.replace(/[\\"\n\r\t]/g, c => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c]!)}"`;
}
