import type { ModelGraph, Sign, SourceLocation } from '../analysis/model-graph.js';
import type { DiagramScene, SceneBox } from './diagram-scene.js';

/**
 * The overview of a laid-out model: each top-level category as one group, standing in the
 * very area it has in the full layout (so zooming between the two keeps the eye's place),
 * and the relations between categories gathered into one arrow per ordered pair. A factor
 * outside every category is a group of its own. How it is drawn (overview-svg.ts) depends
 * on the size it is seen at.
 */
export interface OverviewScene {
    readonly groups: readonly OverviewGroup[];
    readonly arrows: readonly OverviewArrow[];
}

/** A group; its box is its area in the full layout. */
export interface OverviewGroup extends SceneBox {
    /** The category's id, or the factor's id for a factor outside every category. */
    readonly id: string;
    readonly kind: 'category' | 'factor';
    readonly label: string;
    readonly color?: string;
    /** Factors in the category and its sub-categories (1 for a factor group). */
    readonly factorCount: number;
    /** Labels, in declaration order, of what the memo names in a domain's summary. */
    readonly kpis: readonly string[];
    readonly keyFactors: readonly string[];
    readonly interventions: readonly string[];
    readonly location: SourceLocation;
}

/** All relations from the factors of one group to those of another, drawn as one arrow. */
export interface OverviewArrow {
    readonly source: string;
    readonly target: string;
    /** Indices, in the model graph, of the relations the arrow stands for. */
    readonly relations: readonly number[];
    readonly signs: Readonly<Record<Sign, number>>;
}

/** "7: 5+ 2−": how many relations an arrow stands for, and how many of each sign. */
export function arrowLabel(arrow: Pick<OverviewArrow, 'relations' | 'signs'>): string {
    return `${arrow.relations.length}: ${signParts(arrow).join(' ')}`;
}

/**
 * The count where the full one finds no room: "3+" for an arrow of one sign (it says all),
 * "7" for a mixed one (its grey says mixed, its tooltip how).
 */
export function shortArrowLabel(arrow: Pick<OverviewArrow, 'relations' | 'signs'>): string {
    const parts = signParts(arrow);
    return parts.length === 1 ? parts[0] : String(arrow.relations.length);
}

function signParts(arrow: Pick<OverviewArrow, 'signs'>): string[] {
    return ([['+', '+'], ['-', '\u2212'], ['?', '?']] as const)
        .filter(([sign]) => arrow.signs[sign] > 0)
        .map(([sign, text]) => `${arrow.signs[sign]}${text}`);
}

/**
 * The overview of the whole-model scene of a graph. Groups take their boxes from the scene;
 * what the scene does not show (a view of part of the model) is left out.
 */
export function overviewOf(graph: ModelGraph, scene: DiagramScene): OverviewScene {
    const boxes = new Map<string, SceneBox>();
    for (const category of scene.categories) {
        if (category.depth === 0) {
            boxes.set(`c:${category.id}`, category);
        }
    }
    for (const node of scene.nodes) {
        if (node.category === undefined) {
            boxes.set(`f:${node.id}`, node);
        }
    }
    const groupKeyOf = (factorId: string): string | undefined => {
        const factor = graph.factor(factorId);
        const top = factor?.category !== undefined ? graph.categoryPath(factor.category)[0] : undefined;
        const key = top ? `c:${top.id}` : `f:${factorId}`;
        return boxes.has(key) ? key : undefined;
    };
    const members = new Map<string, string[]>();
    for (const node of scene.nodes) {
        const key = groupKeyOf(node.id);
        if (key !== undefined) {
            members.set(key, [...members.get(key) ?? [], node.id]);
        }
    }
    const groups: OverviewGroup[] = [];
    const groupByKey = new Map<string, OverviewGroup>();
    for (const [key, box] of boxes) {
        const factors = (members.get(key) ?? []).map(id => graph.factor(id)!);
        const id = key.slice(2);
        const category = key.startsWith('c:') ? graph.category(id) : undefined;
        const factor = category ? undefined : graph.factor(id);
        const group: OverviewGroup = {
            x: box.x, y: box.y, width: box.width, height: box.height,
            id,
            kind: category ? 'category' : 'factor',
            label: category?.label ?? factor?.label ?? id,
            color: category?.color,
            factorCount: factors.length,
            kpis: factors.filter(f => f.kind === 'kpi').map(f => f.label),
            keyFactors: factors.filter(f => f.key && f.kind === 'factor').map(f => f.label),
            interventions: factors.filter(f => f.kind === 'intervention').map(f => f.label),
            location: (category ?? factor)!.location
        };
        groups.push(group);
        groupByKey.set(key, group);
    }
    const shown = new Set(scene.edges.map(e => e.relation));
    const pairs = new Map<string, { source: OverviewGroup; target: OverviewGroup; relations: number[]; signs: Record<Sign, number> }>();
    for (const relation of graph.relations) {
        const from = groupKeyOf(relation.source);
        const to = groupKeyOf(relation.target);
        if (!shown.has(relation.index) || from === undefined || to === undefined || from === to) {
            continue;
        }
        const pairKey = `${from} ${to}`;
        const pair = pairs.get(pairKey) ?? { source: groupByKey.get(from)!, target: groupByKey.get(to)!, relations: [], signs: { '+': 0, '-': 0, '?': 0 } };
        pair.relations.push(relation.index);
        pair.signs[relation.sign]++;
        pairs.set(pairKey, pair);
    }
    const arrows = [...pairs.values()].map(({ source, target, relations, signs }): OverviewArrow => ({ source: source.id, target: target.id, relations, signs }));
    return { groups, arrows };
}
