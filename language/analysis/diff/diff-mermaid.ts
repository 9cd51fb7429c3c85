import type { FactorNode } from '../model-graph.js';
import type { ChangeKind, DiffUnion } from './diff-union.js';
import { factorChangeOf, factorsInScope } from './diff-union.js';

/** A Mermaid picture of a change, and how many changes did not fit in it. */
export interface DiffMermaid {
    /** The `flowchart` source, without the code fence. */
    readonly text: string;
    /** Changed factors and relations left out to keep the picture readable. */
    readonly omittedChanges: number;
}

/** Enough factors to show a change with its surroundings and still read every label in a comment. */
export const defaultMermaidFactors = 30;

/** The colours of the diff picture, shared with the legend line: GitHub's own green, red and amber. */
const classDefinitions: Readonly<Record<Exclude<ChangeKind, 'unchanged'> | 'context', string>> = {
    added: 'fill:#dafbe1,stroke:#1a7f37,stroke-width:2px,color:#0d1117',
    removed: 'fill:#ffebe9,stroke:#cf222e,stroke-width:2px,stroke-dasharray:5 4,color:#0d1117',
    changed: 'fill:#fff8c5,stroke:#bf8700,stroke-width:2px,color:#0d1117',
    context: 'fill:#f6f8fa,stroke:#afb8c1,color:#57606a'
};
const edgeStyles: Readonly<Record<ChangeKind, string>> = {
    added: 'stroke:#1a7f37,stroke-width:2px',
    removed: 'stroke:#cf222e,stroke-width:2px,stroke-dasharray:5 4',
    changed: 'stroke:#bf8700,stroke-width:2px',
    unchanged: 'stroke:#afb8c1'
};

export const mermaidLegend = 'Legend: green = added, red dashed = removed, amber = changed, grey = unchanged context.';

/**
 * A Mermaid `flowchart` of the changed neighbourhood (see {@link factorsInScope}): changed
 * factors first, in the order of the model, until `maxFactors`; then unchanged neighbours as
 * context while room is left, with the arrows that touch the change. Every text of the model is escaped, so no label can end a
 * string, open a link or inject markup.
 */
export function diffMermaid(union: DiffUnion, maxFactors: number = defaultMermaidFactors): DiffMermaid {
    const { graph } = union;
    const changedFactors = factorsInScope(union, 'changed');
    const around = factorsInScope(union, 'neighbourhood');
    const shown = new Set<string>();
    for (const factor of graph.factors) {
        if (changedFactors.has(factor.id) && shown.size < maxFactors) {
            shown.add(factor.id);
        }
    }
    for (const factor of graph.factors) {
        if (around.has(factor.id) && shown.size < maxFactors) {
            shown.add(factor.id);
        }
    }
    const nodeIds = new Map([...shown].map((id, i) => [id, `n${i}`] as const));
    const lines = ['flowchart LR'];
    const classes = new Map<string, string[]>();
    for (const factor of graph.factors.filter(f => shown.has(f.id))) {
        const change = factorChangeOf(union, factor.id);
        const className = change.kind === 'unchanged' ? 'context' : change.kind;
        classes.set(className, [...classes.get(className) ?? [], nodeIds.get(factor.id)!]);
        lines.push(`    ${nodeIds.get(factor.id)!}${shape(factor, [factor.label, ...change.details].join(' · '))}`);
    }
    const linkStyles: string[] = [];
    let omittedChanges = [...changedFactors].filter(id => !shown.has(id) && union.factorChanges.has(id)).length;
    let link = 0;
    graph.relations.forEach((relation, i) => {
        const change = union.relationChanges[i];
        const source = nodeIds.get(relation.source);
        const target = nodeIds.get(relation.target);
        if (source === undefined || target === undefined) {
            omittedChanges += change.kind === 'unchanged' ? 0 : 1;
            return;
        }
        // Context is what touches the change; arrows between unchanged neighbours would only clutter.
        if (change.kind === 'unchanged' && !changedFactors.has(relation.source) && !changedFactors.has(relation.target)) {
            return;
        }
        const sign = relation.sign === '-' ? '−' : relation.sign;
        const label = change.details.length > 0 ? change.details.join(' · ') : sign;
        lines.push(`    ${source} ${change.kind === 'removed' ? '-.->' : '-->'}|"${mermaidText(label)}"| ${target}`);
        linkStyles.push(`    linkStyle ${link++} ${edgeStyles[change.kind]}`);
    });
    for (const [name, definition] of Object.entries(classDefinitions)) {
        lines.push(`    classDef ${name} ${definition}`);
    }
    for (const [name, ids] of classes) {
        lines.push(`    class ${ids.join(',')} ${name}`);
    }
    lines.push(...linkStyles);
    return { text: lines.join('\n'), omittedChanges };
}

/** KPIs as stadiums, interventions as hexagons, other factors as boxes. */
function shape(factor: FactorNode, label: string): string {
    const text = `"${mermaidText(label)}"`;
    return factor.kind === 'kpi' ? `([${text}])` : factor.kind === 'intervention' ? `{{${text}}}` : `[${text}]`;
}

/**
 * Model text inside a quoted Mermaid label: everything beyond letters, digits, spaces and
 * harmless punctuation becomes an entity code (`#35;`), which Mermaid turns back into the
 * character; line breaks become spaces.
 */
export function mermaidText(text: string): string {
    return text.replace(/\s+/g, ' ').replace(/[^\p{L}\p{N} .,:'§→·+−?_/-]/gu, character => `#${character.codePointAt(0)!};`);
}
