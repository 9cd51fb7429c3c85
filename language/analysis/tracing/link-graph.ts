import type { ModelGraph, RelationEdge, Sign } from '../model-graph.js';
import { isDelayedRelation } from '../relation-scales.js';

/**
 * One causal link: every relation from one factor to another, merged. Paths and loops are
 * sequences of factors, so two relations between the same pair (a duplicate, or a
 * contradiction that `check` reports as an error) must not double the paths through them.
 */
export interface CausalLink {
    readonly source: string;
    readonly target: string;
    /** The common sign of the relations; `?` when they disagree (a contradiction is not a direction). */
    readonly sign: Sign;
    /** The largest strength of the relations (absolute value). */
    readonly strength: number;
    /** The shortest delay τ of the relations: the change arrives through the fastest one. */
    readonly delay: number;
    /** Some relation of the link is slow (`speed: low`) or has an explicit delay. */
    readonly delayed: boolean;
    /** Indices of the merged relations in {@link ModelGraph.relations}, in declaration order. */
    readonly relations: readonly number[];
}

/**
 * The model graph reduced to what path and loop searches need, indexed by integers.
 * Factor number `i` is the `i`-th identifier in code-unit order, so comparing numbers compares
 * identifiers: visiting neighbours in ascending number yields lexicographic order for free,
 * whatever order the model declares things in.
 */
export interface LinkGraph {
    /** Factor identifiers in code-unit order. */
    readonly ids: readonly string[];
    /** Number of a factor identifier; undefined for an unknown one. */
    indexOf(id: string): number | undefined;
    /** Targets of the links leaving factor `i`, ascending; self-relations are left out. */
    readonly successors: ReadonlyArray<readonly number[]>;
    /** The links leaving factor `i`, aligned with {@link successors}. */
    readonly outLinks: ReadonlyArray<readonly CausalLink[]>;
    /** Sources of the links entering factor `i`, ascending; self-relations are left out. */
    readonly predecessors: ReadonlyArray<readonly number[]>;
    /** The link from `source` to `target`, if any. */
    link(source: number, target: number): CausalLink | undefined;
}

const cache = new WeakMap<ModelGraph, LinkGraph>();

/** The link graph of a model graph; built once per (immutable) model graph and shared by every analysis. */
export function linkGraphOf(graph: ModelGraph): LinkGraph {
    let links = cache.get(graph);
    if (!links) {
        links = buildLinkGraph(graph);
        cache.set(graph, links);
    }
    return links;
}

/** Code-unit order, not locale order: the same on every machine and cheap to compute. */
export function compareIds(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

function buildLinkGraph(graph: ModelGraph): LinkGraph {
    const ids = graph.factors.map(f => f.id).sort(compareIds);
    const index = new Map<string, number>();
    ids.forEach((id, i) => index.set(id, i));
    // Relations bucketed by source number, in declaration order, with their target numbers alongside.
    const relationsBySource: RelationEdge[][] = ids.map(() => []);
    const targetsBySource: number[][] = ids.map(() => []);
    for (const relation of graph.relations) {
        const source = index.get(relation.source);
        const target = index.get(relation.target);
        // A self-relation is no path step and, as `check` says, no feedback loop either.
        if (source === undefined || target === undefined || source === target) {
            continue;
        }
        relationsBySource[source].push(relation);
        targetsBySource[source].push(target);
    }
    const successors: number[][] = [];
    const outLinks: CausalLink[][] = [];
    const predecessors: number[][] = ids.map(() => []);
    for (let source = 0; source < ids.length; source++) {
        const relations = relationsBySource[source];
        const targets = targetsBySource[source];
        // A stable sort keeps the relations of one pair in declaration order.
        const order = targets.map((_, at) => at).sort((a, b) => targets[a] - targets[b]);
        const sourceSuccessors: number[] = [];
        const sourceLinks: CausalLink[] = [];
        for (let from = 0; from < order.length;) {
            const target = targets[order[from]];
            let to = from + 1;
            while (to < order.length && targets[order[to]] === target) {
                to++;
            }
            sourceSuccessors.push(target);
            sourceLinks.push(mergeRelations(order.slice(from, to).map(at => relations[at])));
            // Sources are visited in ascending number, so every predecessor list comes out sorted.
            predecessors[target].push(source);
            from = to;
        }
        successors.push(sourceSuccessors);
        outLinks.push(sourceLinks);
    }
    return {
        ids,
        indexOf: id => index.get(id),
        successors,
        outLinks,
        predecessors,
        link(source, target) {
            const at = binarySearch(successors[source], target);
            return at < 0 ? undefined : outLinks[source][at];
        }
    };
}

function mergeRelations(relations: readonly RelationEdge[]): CausalLink {
    const [first] = relations;
    let sign = first.sign;
    let strength = Math.abs(first.strength);
    let delay = first.delay;
    let delayed = isDelayedRelation(first);
    for (let i = 1; i < relations.length; i++) {
        const relation = relations[i];
        sign = relation.sign === sign ? sign : '?';
        strength = Math.max(strength, Math.abs(relation.strength));
        delay = Math.min(delay, relation.delay);
        delayed ||= isDelayedRelation(relation);
    }
    return { source: first.source, target: first.target, sign, strength, delay, delayed, relations: relations.map(r => r.index) };
}

function binarySearch(sorted: readonly number[], value: number): number {
    let low = 0;
    let high = sorted.length - 1;
    while (low <= high) {
        const middle = (low + high) >> 1;
        if (sorted[middle] === value) {
            return middle;
        }
        if (sorted[middle] < value) {
            low = middle + 1;
        } else {
            high = middle - 1;
        }
    }
    return -1;
}
