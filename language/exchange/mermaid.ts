import type { FactorNode, FactorRole, ModelGraph, Sign } from '../analysis/model-graph.js';
import { isDelayedRelation } from '../analysis/relation-scales.js';
import { palettes } from '../diagram/diagram-style.js';
import { groupBy } from '../analysis/grouping.js';

/**
 * A Mermaid flowchart: one subgraph per category (nested), a class per role, links
 * coloured per sign (`?` dotted), delayed relations marked `||`. Mermaid identifiers must
 * be ASCII, so factors are numbered (`f0`, `f1`, …) and carry their label.
 */
export function exportMermaid(graph: ModelGraph): string {
    const palette = palettes.light;
    const nodeIds = new Map(graph.factors.map((factor, i) => [factor.id, `f${i}`] as const));
    const categoryIds = new Map(graph.categories.map((category, i) => [category.id, `c${i}`] as const));
    const lines = ['flowchart LR'];
    const nodeLine = (factor: FactorNode, indent: string): string => {
        const label = mermaidLabel(factor.kind === 'kpi' && factor.direction ? `${factor.label} ${factor.direction === 'increase' ? '↑' : '↓'}` : factor.label);
        const shape = factor.kind === 'kpi' ? `[[${label}]]` : `(${label})`;
        return `${indent}${nodeIds.get(factor.id)}${shape}:::${factor.role}`;
    };
    const childCategories = groupBy(graph.categories, category => category.parent);
    const factorsIn = groupBy(graph.factors, factor => factor.category);
    const styles: string[] = [];
    const writeMembers = (category: string | undefined, indent: string): void => {
        for (const child of childCategories.get(category) ?? []) {
            const id = categoryIds.get(child.id)!;
            lines.push(`${indent}subgraph ${id}[${mermaidLabel(child.label)}]`);
            writeMembers(child.id, `${indent}  `);
            lines.push(`${indent}end`);
            styles.push(`  style ${id} fill:${child.color ?? palette.categoryFallbackFill},stroke:${palette.categoryBorder}`);
        }
        lines.push(...(factorsIn.get(category) ?? []).map(factor => nodeLine(factor, indent)));
    };
    writeMembers(undefined, '  ');
    const linkStyles: string[] = [];
    graph.relations.forEach((relation, i) => {
        const text = mermaidLabel(`${relation.sign === '-' ? '−' : relation.sign}${isDelayedRelation(relation) ? ' ||' : ''}`);
        const arrow = relation.sign === '?' ? '-.->' : '-->';
        lines.push(`  ${nodeIds.get(relation.source)} ${arrow}|${text}| ${nodeIds.get(relation.target)}`);
        linkStyles.push(`  linkStyle ${i} stroke:${palette.edge[relation.sign satisfies Sign]},color:${palette.edge[relation.sign]}`);
    });
    const roles: readonly FactorRole[] = ['factor', 'key', 'indicator', 'intervention', 'kpi'];
    lines.push(...roles.map(role => `  classDef ${role} fill:${palette.nodeFill[role]},stroke:${role === 'kpi' ? palette.kpiBorder : palette.nodeBorder},color:${palette.nodeText[role]}`));
    lines.push(...styles, ...linkStyles, '');
    return lines.join('\n');
}

/** A quoted Mermaid label: quotes and characters Mermaid reads as markup become entity codes. */
function mermaidLabel(text: string): string {
    return `"${text.replace(/[\r\n]+/g, ' ').replace(/["#<>]/g, c => `#${c.charCodeAt(0)};`)}"`;
}
