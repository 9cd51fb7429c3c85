import type { FactorNode, ModelGraph, RelationEdge } from '../analysis/model-graph.js';
import { isDelayedRelation } from '../analysis/relation-scales.js';
import { edgeWidth, palettes } from '../diagram/diagram-style.js';
import { groupBy } from '../analysis/grouping.js';

/**
 * Graphviz DOT: factors as boxes in the memo's role colours (KPIs framed twice), categories
 * as nested clusters in their colours, relations coloured by sign, as thick as they are
 * strong, dashed when `?`, marked `||` when delayed.
 */
export function exportDot(graph: ModelGraph): string {
    const palette = palettes.light;
    const lines = [
        `digraph ${dotString(graph.data.title ?? graph.data.name ?? 'model')} {`,
        '  graph [rankdir=LR, fontname="DejaVu Sans", fontsize=13, newrank=true];',
        `  node [shape=box, style="rounded,filled", fontname="DejaVu Sans", fontsize=12, color=${dotString(palette.nodeBorder)}];`,
        '  edge [fontname="DejaVu Sans", fontsize=11];'
    ];
    const factorLine = (factor: FactorNode, indent: string): string => {
        const attributes: Array<[string, string]> = [['label', factor.label], ['fillcolor', palette.nodeFill[factor.role]]];
        if (factor.kind === 'kpi') {
            attributes.push(['peripheries', '2'], ['color', palette.kpiBorder], ['xlabel', factor.direction === 'decrease' ? '↓' : factor.direction === 'increase' ? '↑' : '']);
        }
        if (factor.key && factor.kind === 'intervention') {
            attributes.push(['penwidth', '2']);
        }
        if (factor.description !== undefined) {
            attributes.push(['tooltip', factor.description]);
        }
        return `${indent}${dotString(factor.id)} [${attributeList(attributes)}];`;
    };
    const childCategories = groupBy(graph.categories, category => category.parent);
    const factorsIn = groupBy(graph.factors, factor => factor.category);
    const writeMembers = (category: string | undefined, indent: string): void => {
        for (const child of childCategories.get(category) ?? []) {
            lines.push(`${indent}subgraph ${dotString(`cluster_${child.id}`)} {`,
                `${indent}  graph [${attributeList([['label', child.label], ['style', 'rounded,filled'], ['fillcolor', child.color !== undefined ? sixDigitColor(child.color) : palette.categoryFallbackFill], ['color', palette.categoryBorder]])}];`);
            writeMembers(child.id, `${indent}  `);
            lines.push(`${indent}}`);
        }
        lines.push(...(factorsIn.get(category) ?? []).map(factor => factorLine(factor, indent)));
    };
    writeMembers(undefined, '  ');
    lines.push(...graph.relations.map(relation => `  ${dotString(relation.source)} -> ${dotString(relation.target)} [${attributeList(edgeAttributes(relation))}];`));
    lines.push('}', '');
    return lines.join('\n');
}

function edgeAttributes(relation: RelationEdge): Array<[string, string]> {
    const signText = relation.sign === '-' ? '−' : relation.sign;
    const attributes: Array<[string, string]> = [
        ['label', isDelayedRelation(relation) ? `${signText} ||` : signText],
        ['color', palettes.light.edge[relation.sign]],
        ['fontcolor', palettes.light.edge[relation.sign]],
        ['penwidth', edgeWidth(relation.strength).toFixed(2)]
    ];
    if (relation.sign === '?') {
        attributes.push(['style', 'dashed']);
    }
    if (relation.note !== undefined) {
        attributes.push(['tooltip', relation.note]);
    }
    return attributes;
}

/** Graphviz knows `#rrggbb` but not the short `#rgb` the language allows. */
function sixDigitColor(color: string): string {
    return color.length === 4 ? `#${[...color.slice(1)].map(digit => digit + digit).join('')}` : color;
}

function attributeList(attributes: ReadonlyArray<[string, string]>): string {
    return attributes.map(([name, value]) => `${name}=${dotString(value)}`).join(', ');
}

/** A DOT double-quoted string: quotes and backslashes escaped, line breaks as `\n`. */
function dotString(text: string): string {
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}
