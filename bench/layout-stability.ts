import type { FactorNode, ModelGraph } from '../language/analysis/model-graph.js';
import type { DiagramScene } from '../language/diagram/diagram-scene.js';
import type { SourceFile } from './bench-workspace.js';
import { median } from './measure.js';

/** A relation the benchmark adds to see how far the rest of the diagram moves. */
export interface AddedRelation {
    readonly source: string;
    readonly target: string;
    /** Both ends directly in the same category: ELK routes it there instead of drawing a curve. */
    readonly sameCategory: boolean;
    /** The target is a new factor, declared in this category by the edit. */
    readonly newFactorIn?: string;
}

/**
 * One new relation between factors declared in `fileUri`, chosen without randomness: from the
 * factor in the middle of the file to the next factor (in declaration order, wrapping around)
 * in the same category that it does not point at yet, or, failing that, to any such factor of
 * the file. A modeller's usual edit links two factors of one theme.
 */
export function chooseNewRelation(graph: ModelGraph, fileUri: string): AddedRelation | undefined {
    const declared = declaredIn(graph, fileUri);
    if (declared.length < 2) {
        return undefined;
    }
    const start = Math.floor(declared.length / 2);
    const source = declared[start];
    const existing = new Set(graph.outgoing(source.id).map(relation => relation.target));
    const candidates = Array.from({ length: declared.length - 1 }, (_, i) => declared[(start + 1 + i) % declared.length])
        .filter(factor => !existing.has(factor.id));
    const target = candidates.find(factor => factor.category === source.category) ?? candidates[0];
    return target && { source: source.id, target: target.id, sameCategory: target.category === source.category };
}

/**
 * One new relation from the same source as `chooseNewRelation` to a factor of the file in another
 * top-level category: an edit that should re-route relations without moving any factor.
 */
export function chooseRelationBetweenCategories(graph: ModelGraph, fileUri: string): AddedRelation | undefined {
    const source = middleFactor(graph, fileUri);
    if (!source) {
        return undefined;
    }
    const area = (category: string | undefined): string | undefined => category === undefined ? undefined : graph.categoryPath(category)[0]?.id;
    const existing = new Set(graph.outgoing(source.id).map(relation => relation.target));
    const target = graph.factors.find(factor => !existing.has(factor.id) && factor.id !== source.id && area(factor.category) !== area(source.category));
    return target && { source: source.id, target: target.id, sameCategory: false };
}

/**
 * A new factor in the category of the factor `chooseNewRelation` starts from, with a relation
 * from it: an edit that changes what the category holds, so that its layout must be made again.
 */
export function chooseNewFactor(graph: ModelGraph, fileUri: string): AddedRelation | undefined {
    const source = middleFactor(graph, fileUri);
    if (source?.category === undefined) {
        return undefined;
    }
    let target = 'benchAddedFactor';
    while (graph.factor(target)) {
        target += '_';
    }
    return { source: source.id, target, sameCategory: true, newFactorIn: source.category };
}

function declaredIn(graph: ModelGraph, fileUri: string): FactorNode[] {
    return graph.factors.filter(factor => factor.location.uri === fileUri);
}

/** The factor every edit starts from: the one in the middle of the file's declarations. */
function middleFactor(graph: ModelGraph, fileUri: string): FactorNode | undefined {
    const declared = declaredIn(graph, fileUri);
    return declared[Math.floor(declared.length / 2)];
}

/** The files with the relation (and its new factor) appended at the top level of the file at `fileUri`. */
export function withRelation(files: readonly SourceFile[], fileUri: string, relation: AddedRelation): SourceFile[] {
    const declaration = relation.newFactorIn === undefined ? '' : `factor ${relation.target} "Added factor" in ${relation.newFactorIn}\n`;
    return files.map(file => file.uri.toString() === fileUri
        ? { uri: file.uri, text: `${file.text.trimEnd()}\n\n${declaration}${relation.source} -> +${relation.target}\n` }
        : file);
}

export interface Displacement {
    /** Factors present in both scenes, the relation's two ends left out. */
    readonly compared: number;
    readonly meanPx: number;
    readonly medianPx: number;
    readonly maxPx: number;
    /** Share of the compared factors whose centre stayed where it was. */
    readonly unmovedShare: number;
}

/** Below this a centre counts as not moved: ELK's coordinates are floating point. */
const unmovedPx = 0.01;

/** How far the centres of the factors other than `ignore` moved from one scene to the other. */
export function displacement(before: DiagramScene, after: DiagramScene, ignore: ReadonlySet<string>): Displacement {
    const previous = new Map(before.nodes.map(node => [node.id, node]));
    const distances: number[] = [];
    for (const node of after.nodes) {
        const old = previous.get(node.id);
        if (old && !ignore.has(node.id)) {
            const dx = (node.x + node.width / 2) - (old.x + old.width / 2);
            const dy = (node.y + node.height / 2) - (old.y + old.height / 2);
            distances.push(Math.hypot(dx, dy));
        }
    }
    const sum = distances.reduce((total, d) => total + d, 0);
    return {
        compared: distances.length,
        meanPx: distances.length === 0 ? Number.NaN : sum / distances.length,
        medianPx: median(distances),
        maxPx: Math.max(0, ...distances),
        unmovedShare: distances.length === 0 ? Number.NaN : distances.filter(d => d < unmovedPx).length / distances.length
    };
}
