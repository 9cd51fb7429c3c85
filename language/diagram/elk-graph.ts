import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { FactorNode, ModelGraph } from '../analysis/model-graph.js';
import { diagramMetrics } from './diagram-style.js';
import { textWidth, wrapText } from './text-metrics.js';

/** Identifiers in the ELK graph: factor and category names share one namespace, so prefix them. */
export const elkNodeId = (factorId: string): string => `f:${factorId}`;
export const elkCategoryId = (categoryId: string): string => `c:${categoryId}`;
/** The one part that holds every factor of a flow (toElkGraph): no category has this id. */
const flowPartId = 'flow';

/** ELK's spacing inside a category, in px: between boxes, and between an arrow and a box. */
export const categorySpacing = { nodeNode: 18, edgeNode: 12 } as const;

/** A placement edge keeps related boxes side by side and is not drawn (toElkGraph). */
const placementEdgePrefix = 'p:';
export const isPlacementEdge = (edgeId: string): boolean => edgeId.startsWith(placementEdgePrefix);

export const categoryOptions: Readonly<Record<string, string>> = {
    'elk.algorithm': 'layered',
    'elk.direction': 'RIGHT',
    'elk.edgeRouting': 'ORTHOGONAL',
    // No `considerModelOrder`: its sort over transitive closures took more than half of the time
    // of a large layout. Stability comes from laying out each category on its own and caching
    // its layout by its content (layout-cache.ts), so an edit moves only its own category.
    'elk.layered.thoroughness': '1',
    'elk.randomSeed': '1',
    'elk.spacing.nodeNode': String(categorySpacing.nodeNode),
    'elk.layered.spacing.nodeNodeBetweenLayers': '36',
    'elk.spacing.edgeNode': String(categorySpacing.edgeNode),
    'elk.spacing.edgeEdge': '6',
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

/** The ELK input for a model graph, and the ELK edge that carries each relation ELK routes. */
export interface ElkModelGraph {
    readonly root: ElkNode;
    /** By relation index; relations between boxes in different containers have none. */
    readonly edgeOfRelation: ReadonlyMap<number, string>;
}

/** The way a flow runs (toElkGraph). */
export type FlowDirection = 'RIGHT' | 'DOWN';

/**
 * The ELK input for a model graph: categories as compound nodes holding their factors and
 * sub-categories, each laid out on its own (given a `flow` direction, every factor in one
 * part instead, laid out as one layered flow that way, the categories left out). A relation
 * whose ends sit directly in the same container is an edge ELK routes there; any other
 * relation becomes a placement edge between
 * the boxes that hold its ends in their lowest common container, so related categories sit
 * side by side, and is drawn later as a curve. All in declaration order, so the same model
 * always gives the same layout. Edges are named by their ends, not by relation index, so that a
 * category's ELK graph (the key of its cached layout) changes only when its own content does.
 */
export function toElkGraph(graph: ModelGraph, texts: ReadonlyMap<string, NodeText>, flow?: FlowDirection): ElkModelGraph {
    // The root only holds the top-level parts; they are laid out and packed one by one (part-packing.ts).
    const root: ElkNode = { id: 'root', children: [], edges: [] };
    const containers = new Map<string, ElkNode>();
    /** The chain of ELK container ids from the root to the box of a factor or category. */
    const chains = new Map<string, string[]>();
    const padding = diagramMetrics.categoryPadding;
    const flowPart: ElkNode | undefined = flow && {
        id: flowPartId,
        layoutOptions: { ...categoryOptions, 'elk.direction': flow, 'elk.padding': `[top=${padding},left=${padding},bottom=${padding},right=${padding}]` },
        children: [],
        edges: []
    };
    if (flowPart) {
        root.children!.push(flowPart);
        chains.set(flowPart.id, ['root', flowPart.id]);
    }
    const containerOf = (categoryId: string | undefined): ElkNode => {
        if (flowPart) {
            return flowPart;
        }
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
            children: [],
            edges: []
        };
        containers.set(categoryId, node);
        // Guard against a category that is (through a bad model) its own ancestor.
        const parentId = category.parent !== undefined && !graph.categoryPath(category.parent).some(c => c.id === category.id) ? category.parent : undefined;
        const parent = containerOf(parentId);
        parent.children!.push(node);
        chains.set(node.id, [...(chains.get(parent.id) ?? ['root']), node.id]);
        return node;
    };
    chains.set('root', ['root']);
    for (const category of flowPart ? [] : graph.categories) {
        containerOf(category.id);
    }
    const byId = new Map<string, ElkNode>([['root', root], ...[...containers.values(), ...(flowPart ? [flowPart] : [])].map(c => [c.id, c] as const)]);
    for (const factor of graph.factors) {
        const text = texts.get(factor.id) ?? measureNode(factor);
        const container = containerOf(factor.category);
        const inCategory = container !== root;
        // No port constraints: ELK layered then places the ports freely, and reads no option per factor.
        container.children!.push({ id: elkNodeId(factor.id), width: text.width, height: text.height, ...(inCategory ? { ports: [] } : {}) });
        chains.set(elkNodeId(factor.id), [...chains.get(container.id)!, elkNodeId(factor.id)]);
    }
    const nodesById = new Map<string, ElkNode>([...byId.values()].flatMap(c => (c.children ?? []).map(child => [child.id, child] as const)));
    const placementEdges = new Set<string>();
    const edgeOfRelation = new Map<number, string>();
    const edgeIds = new Set<string>();
    for (const relation of graph.relations) {
        if (relation.source === relation.target) {
            continue;
        }
        const from = chains.get(elkNodeId(relation.source))!;
        const to = chains.get(elkNodeId(relation.target))!;
        let common = 0;
        while (common < from.length && common < to.length && from[common] === to[common]) {
            common++;
        }
        const container = byId.get(from[common - 1])!;
        const sourceBox = from[common];
        const targetBox = to[common];
        if (container === root) {
            // The root packs boxes and routes nothing: these relations are drawn as curves.
            continue;
        }
        if (sourceBox === from[from.length - 1] && targetBox === to[to.length - 1]) {
            // One port per relation end, so that arrows into the same side of a factor arrive side by side.
            const edgeId = uniqueId(`r:${relation.source}>${relation.target}`, edgeIds);
            const sourcePort = `${edgeId}:out`;
            const targetPort = `${edgeId}:in`;
            nodesById.get(sourceBox)!.ports!.push({ id: sourcePort, width: 1, height: 1 });
            nodesById.get(targetBox)!.ports!.push({ id: targetPort, width: 1, height: 1 });
            container.edges!.push({ id: edgeId, sources: [sourcePort], targets: [targetPort] });
            edgeOfRelation.set(relation.index, edgeId);
        } else if (!placementEdges.has(`${sourceBox} ${targetBox}`)) {
            placementEdges.add(`${sourceBox} ${targetBox}`);
            container.edges!.push({ id: `${placementEdgePrefix}${sourceBox}>${targetBox}`, sources: [sourceBox], targets: [targetBox] });
        }
    }
    return { root, edgeOfRelation };
}

/** `base`, or `base#2`, `base#3`, … when a duplicate relation already took it. */
function uniqueId(base: string, taken: Set<string>): string {
    let id = base;
    for (let n = 2; taken.has(id); n++) {
        id = `${base}#${n}`;
    }
    taken.add(id);
    return id;
}
