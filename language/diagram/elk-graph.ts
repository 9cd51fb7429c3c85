import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import type { FactorNode, ModelGraph } from '../analysis/model-graph.js';
import { diagramMetrics } from './diagram-style.js';
import { textWidth, wrapText } from './text-metrics.js';

/** Identifiers in the ELK graph: factor and category names share one namespace, so prefix them. */
export const elkNodeId = (factorId: string): string => `f:${factorId}`;
export const elkCategoryId = (categoryId: string): string => `c:${categoryId}`;
export const elkEdgeId = (relationIndex: number): string => `r:${relationIndex}`;

const rootOptions: Record<string, string> = {
    'elk.algorithm': 'layered',
    'elk.direction': 'RIGHT',
    'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
    'elk.edgeRouting': 'ORTHOGONAL',
    // Keep the author's order where the algorithm has a choice: small edits then move little.
    'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    'elk.layered.crossingMinimization.forceNodeModelOrder': 'false',
    'elk.randomSeed': '1',
    'elk.spacing.nodeNode': '22',
    'elk.layered.spacing.nodeNodeBetweenLayers': '46',
    'elk.spacing.edgeNode': '14',
    'elk.spacing.edgeEdge': '8',
    'elk.layered.spacing.edgeNodeBetweenLayers': '14',
    'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    'elk.separateConnectedComponents': 'true',
    'elk.spacing.componentComponent': '40',
    'elk.padding': `[top=${diagramMetrics.margin},left=${diagramMetrics.margin},bottom=${diagramMetrics.margin},right=${diagramMetrics.margin}]`
};

const categoryOptions: Record<string, string> = {
    'elk.padding': `[top=${diagramMetrics.categoryPaddingTop},left=${diagramMetrics.categoryPadding},bottom=${diagramMetrics.categoryPadding},right=${diagramMetrics.categoryPadding}]`,
    'elk.nodeSize.constraints': 'MINIMUM_SIZE',
    'elk.nodeSize.minimum': '(80,50)'
};

/** The lines a node's label is drawn in and the box they need. */
export interface NodeText {
    readonly lines: string[];
    readonly width: number;
    readonly height: number;
}

export function measureNode(factor: Pick<FactorNode, 'label' | 'kind'>): NodeText {
    const bold = factor.kind === 'kpi';
    const weight = bold ? 'bold' : 'normal';
    const lines = wrapText(factor.label, diagramMetrics.maxLabelWidth, diagramMetrics.fontSize, weight);
    const textWide = Math.max(0, ...lines.map(line => textWidth(line, diagramMetrics.fontSize, weight)));
    const extra = bold ? diagramMetrics.kpiExtraPadding : 0;
    return {
        lines,
        width: Math.ceil(Math.max(diagramMetrics.minNodeWidth, textWide + 2 * (diagramMetrics.nodePaddingX + extra))),
        height: Math.ceil(lines.length * diagramMetrics.lineHeight + 2 * (diagramMetrics.nodePaddingY + extra))
    };
}

/**
 * The ELK input for a model graph: categories as compound nodes holding their factors and
 * sub-categories, every relation as an edge at the root (ELK routes across the hierarchy),
 * all in declaration order so the same model always gives the same layout.
 */
export function toElkGraph(graph: ModelGraph, texts: ReadonlyMap<string, NodeText>): ElkNode {
    const root: ElkNode = { id: 'root', layoutOptions: rootOptions, children: [], edges: [] };
    const containers = new Map<string, ElkNode>();
    const containerOf = (categoryId: string | undefined): ElkNode => {
        if (categoryId === undefined || !graph.category(categoryId)) {
            return root;
        }
        const existing = containers.get(categoryId);
        if (existing) {
            return existing;
        }
        const category = graph.category(categoryId)!;
        const labelWidth = textWidth(category.label, diagramMetrics.categoryFontSize, 'bold') + 2 * diagramMetrics.categoryPadding;
        const node: ElkNode = {
            id: elkCategoryId(category.id),
            layoutOptions: { ...categoryOptions, 'elk.nodeSize.minimum': `(${Math.ceil(Math.max(80, labelWidth))},50)` },
            children: []
        };
        containers.set(categoryId, node);
        // Guard against a category that is (through a bad model) its own ancestor.
        const parent = category.parent !== undefined && !graph.categoryPath(category.parent).some(c => c.id === category.id)
            ? containerOf(category.parent)
            : root;
        parent.children!.push(node);
        return node;
    };
    for (const category of graph.categories) {
        containerOf(category.id);
    }
    for (const factor of graph.factors) {
        const text = texts.get(factor.id) ?? measureNode(factor);
        containerOf(factor.category).children!.push({ id: elkNodeId(factor.id), width: text.width, height: text.height });
    }
    root.edges = graph.relations
        .filter(relation => relation.source !== relation.target)
        .map((relation): ElkExtendedEdge => ({ id: elkEdgeId(relation.index), sources: [elkNodeId(relation.source)], targets: [elkNodeId(relation.target)] }));
    return root;
}
