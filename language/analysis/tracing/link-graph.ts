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
    /** Sources of the links entering factor `i`, ascending; self-relations are left out. */
    readonly predecessors: ReadonlyArray<readonly number[]>;
    /** The link from `source` to `target`, if any. */
    link(source: number, target: number): CausalLink | undefined;
    /** The links leaving factor `source`, aligned with {@link successors}. */
    linksFrom(source: number): readonly CausalLink[];
    /** The links that merge more than one relation (a duplicate or a contradiction), by source and target. */
    readonly repeatedLinks: readonly CausalLink[];
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

/**
 * Links are merged on demand: a search touches few of them, and building tens of thousands of
 * link objects on every edit of a large model mostly feeds the garbage collector.
 */
function buildLinkGraph(graph: ModelGraph): LinkGraph {
    const ids = graph.factors.map(f => f.id).sort(compareIds);
    const index = new Map<string, number>();
    ids.forEach((id, i) => index.set(id, i));
    const relations = graph.relations;
    // The lists are kept with the model and number in the hundreds of thousands for a large one: each is made
    // its exact size, counted first, as a list grown by pushing keeps room for 16 items however few it has.
    const outDegree = new Int32Array(ids.length);
    const inDegree = new Int32Array(ids.length);
    forEachLink(relations, index, (source, target) => {
        outDegree[source]++;
        inDegree[target]++;
    });
    // Per source: its relations' indices (sorted by target number, then declaration order) and those target numbers.
    const relationsBySource: number[][] = Array.from(outDegree, size => new Array<number>(size));
    const targetsBySource: number[][] = Array.from(outDegree, size => new Array<number>(size));
    const filled = new Int32Array(ids.length);
    forEachLink(relations, index, (source, target, relation) => {
        const at = filled[source]++;
        relationsBySource[source][at] = relation.index;
        targetsBySource[source][at] = target;
    });
    const successors: number[][] = [];
    /** Per source, where each successor's relations start in its relation list; absent when every link has one relation. */
    const linkStarts: Array<number[] | undefined> = [];
    // Room for every relation entering a factor; fewer when some come from the same source (trimmed below).
    const predecessors: number[][] = Array.from(inDegree, size => new Array<number>(size));
    filled.fill(0);
    const repeated: Array<[number, number]> = [];
    for (let source = 0; source < ids.length; source++) {
        const sourceRelations = sortByTarget(relationsBySource[source], targetsBySource[source]);
        const targets = targetsBySource[source];
        const sourceSuccessors = new Array<number>(targets.length);
        let successorCount = 0;
        let starts: number[] | undefined;
        for (let at = 0; at < targets.length; at++) {
            if (at > 0 && targets[at] === targets[at - 1]) {
                starts ??= Array.from({ length: successorCount }, (_, k) => k);
                continue;
            }
            starts?.push(at);
            sourceSuccessors[successorCount++] = targets[at];
            // Sources are visited in ascending number, so every predecessor list comes out sorted.
            predecessors[targets[at]][filled[targets[at]]++] = source;
        }
        starts?.push(targets.length);
        for (let k = 0; starts && k < successorCount; k++) {
            if (starts[k + 1] - starts[k] > 1) {
                repeated.push([source, k]);
            }
        }
        relationsBySource[source] = sourceRelations;
        successors.push(successorCount < targets.length ? sourceSuccessors.slice(0, successorCount) : sourceSuccessors);
        linkStarts.push(starts);
    }
    for (let target = 0; target < ids.length; target++) {
        if (filled[target] < inDegree[target]) {
            predecessors[target] = predecessors[target].slice(0, filled[target]);
        }
    }
    const merged: Array<Array<CausalLink | undefined> | undefined> = [];
    const linkAt = (source: number, k: number): CausalLink => {
        const cache = merged[source] ??= [];
        let link = cache[k];
        if (!link) {
            const starts = linkStarts[source];
            const group = starts ? relationsBySource[source].slice(starts[k], starts[k + 1]) : [relationsBySource[source][k]];
            link = mergeRelations(group.map(i => relations[i]));
            cache[k] = link;
        }
        return link;
    };
    return {
        ids,
        indexOf: id => index.get(id),
        successors,
        predecessors,
        link(source, target) {
            const k = binarySearch(successors[source], target);
            return k < 0 ? undefined : linkAt(source, k);
        },
        linksFrom: source => successors[source].map((_, k) => linkAt(source, k)),
        repeatedLinks: repeated.map(([source, k]) => linkAt(source, k))
    };
}

/** Calls `visit` for each relation between two different known factors, with their numbers. */
function forEachLink(relations: readonly RelationEdge[], index: ReadonlyMap<string, number>, visit: (source: number, target: number, relation: RelationEdge) => void): void {
    for (const relation of relations) {
        const source = index.get(relation.source);
        const target = index.get(relation.target);
        // A self-relation is no path step and, as `check` says, no feedback loop either.
        if (source !== undefined && target !== undefined && source !== target) {
            visit(source, target, relation);
        }
    }
}

/**
 * Sorts `targets` ascending in place and returns the relation indices in the same order; a
 * stable sort keeps the relations of one pair in declaration order.
 */
function sortByTarget(relationIndices: number[], targets: number[]): number[] {
    let sorted = true;
    for (let i = 1; i < targets.length && sorted; i++) {
        sorted = targets[i - 1] <= targets[i];
    }
    if (sorted) {
        return relationIndices;
    }
    const order = targets.map((_, at) => at).sort((a, b) => targets[a] - targets[b]);
    const sortedTargets = order.map(at => targets[at]);
    sortedTargets.forEach((target, at) => {
        targets[at] = target;
    });
    return order.map(at => relationIndices[at]);
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
