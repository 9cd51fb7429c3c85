import type { CategoryNode, FactorNode, ModelGraph, RelationEdge } from '../model-graph.js';
import { ModelGraph as Graph } from '../model-graph.js';
import type { FieldChange, ModelDiff } from './model-diff.js';

/** How an element of the union of two models fared in the change. */
export type ChangeKind = 'added' | 'removed' | 'changed' | 'unchanged';

/**
 * Both states of a change in one model graph, so that one layout shows them and nothing jumps:
 * every factor, category and relation of the new model, plus the removed ones from the old model
 * (a removed factor right after the factor it followed in the old model, in its old category).
 * Renamed factors stand under their new identifier. Each factor and relation carries its kind of
 * change and, when changed, what changed ("strength average → strong").
 */
export interface DiffUnion {
    readonly graph: ModelGraph;
    readonly factorChanges: ReadonlyMap<string, ElementChange>;
    /** By relation index in {@link graph}. */
    readonly relationChanges: readonly ElementChange[];
}

export interface ElementChange {
    readonly kind: ChangeKind;
    /** What changed, one phrase per field; empty unless `changed`. */
    readonly details: readonly string[];
}

const unchanged: ElementChange = { kind: 'unchanged', details: [] };

export function diffUnion(before: ModelGraph, after: ModelGraph, diff: ModelDiff): DiffUnion {
    const renamedTo = new Map(diff.factors.renamed.map(r => [r.from, r.to] as const));
    const newId = (id: string): string => renamedTo.get(id) ?? id;
    const factorChanges = new Map<string, ElementChange>();
    diff.factors.added.forEach(f => factorChanges.set(f.id, { kind: 'added', details: [] }));
    diff.factors.removed.forEach(f => factorChanges.set(f.id, { kind: 'removed', details: [] }));
    diff.factors.changed.forEach(c => factorChanges.set(c.id, { kind: 'changed', details: c.changes.map(fieldText) }));
    for (const rename of diff.factors.renamed) {
        const details = factorChanges.get(rename.to)?.details ?? [];
        factorChanges.set(rename.to, { kind: 'changed', details: [`renamed ${rename.from} → ${rename.to}`, ...details] });
    }

    const removedFactors = new Set(diff.factors.removed.map(f => f.id));
    const factors = withRemovedInPlace(before.factors, after.factors, removedFactors, newId);
    const categories: CategoryNode[] = [...after.categories, ...before.categories.filter(c => !after.category(c.id))];

    const pair = (source: string, target: string): string => `${source}\u0000${target}`;
    const addedPerPair = countBy(diff.relations.added.map(r => pair(r.source, r.target)));
    const changedPairs = new Map(diff.relations.changed.map(c => [pair(c.source, c.target), c.changes] as const));
    const seenPerPair = new Map<string, number>();
    const statedPerPair = countBy(after.relations.map(r => pair(r.source, r.target)));
    const relations: RelationEdge[] = [];
    const relationChanges: ElementChange[] = [];
    for (const relation of after.relations) {
        const key = pair(relation.source, relation.target);
        const nth = (seenPerPair.get(key) ?? 0) + 1;
        seenPerPair.set(key, nth);
        // Statement by statement, as the diff compares them: the last ones of a pair are the added ones.
        const added = nth > (statedPerPair.get(key) ?? 0) - (addedPerPair.get(key) ?? 0);
        const changes = nth === 1 && !added ? changedPairs.get(key) : undefined;
        relationChanges.push(added ? { kind: 'added', details: [] } : changes ? { kind: 'changed', details: relationDetails(changes) } : unchanged);
        relations.push({ ...relation, index: relations.length });
    }
    // The removed statements of a pair are its last ones, as the diff compares them statement by statement.
    const oldStatements = new Map<string, RelationEdge[]>();
    before.relations.forEach(r => oldStatements.set(pair(r.source, r.target), [...oldStatements.get(pair(r.source, r.target)) ?? [], r]));
    const removedPerPair = countBy(diff.relations.removed.map(r => pair(r.source, r.target)));
    for (const [key, count] of removedPerPair) {
        for (const was of (oldStatements.get(key) ?? []).slice(-count)) {
            relations.push({ ...was, index: relations.length, source: newId(was.source), target: newId(was.target) });
            relationChanges.push({ kind: 'removed', details: [] });
        }
    }
    return {
        graph: new Graph({ ...after.data, factors, categories, relations }),
        factorChanges,
        relationChanges
    };
}

export function factorChangeOf(union: DiffUnion, id: string): ElementChange {
    return union.factorChanges.get(id) ?? unchanged;
}

/**
 * The factors a picture of the change shows: `changed` the changed factors and the ends of
 * changed relations; `neighbourhood` also the factors one relation away from them; `all` every factor.
 */
export type DiffScope = 'changed' | 'neighbourhood' | 'all';

export function factorsInScope(union: DiffUnion, scope: DiffScope): Set<string> {
    const { graph } = union;
    if (scope === 'all') {
        return new Set(graph.factors.map(f => f.id));
    }
    const shown = new Set([...union.factorChanges.keys()].filter(id => graph.factor(id)));
    graph.relations.forEach((relation, i) => {
        if (union.relationChanges[i].kind !== 'unchanged') {
            shown.add(relation.source).add(relation.target);
        }
    });
    if (scope === 'neighbourhood') {
        for (const id of [...shown]) {
            graph.outgoing(id).forEach(r => shown.add(r.target));
            graph.incoming(id).forEach(r => shown.add(r.source));
        }
    }
    return shown;
}

/** "label 'A' → 'B'", "initial 0.5 → 0.3". */
export function fieldText(change: FieldChange): string {
    const shown = (value: FieldChange['before']): string => value === null ? 'none' : typeof value === 'string' ? `'${value}'` : String(value);
    return `${change.field} ${shown(change.before)} → ${shown(change.after)}`;
}

/** A relation's changes as a reader names them: the strength and speed words rather than their numbers when both changed. */
function relationDetails(changes: readonly FieldChange[]): string[] {
    const fields = new Set(changes.map(c => c.field));
    const plain = (value: FieldChange['before']): string => value === null ? 'none' : String(value);
    return changes
        .filter(c => !(c.field === 'strength' && fields.has('strengthClass')) && !(c.field === 'delay' && fields.has('speedClass')))
        .map(c => {
            const name = c.field === 'strengthClass' ? 'strength' : c.field === 'speedClass' ? 'speed' : c.field;
            return c.field === 'note' ? fieldText(c) : `${name} ${plain(c.before)} → ${plain(c.after)}`;
        });
}

function withRemovedInPlace(before: readonly FactorNode[], after: readonly FactorNode[], removed: ReadonlySet<string>, newId: (id: string) => string): FactorNode[] {
    const following = new Map<string | undefined, FactorNode[]>();
    let previous: string | undefined;
    for (const factor of before) {
        if (removed.has(factor.id)) {
            following.set(previous, [...following.get(previous) ?? [], factor]);
        } else {
            previous = newId(factor.id);
        }
    }
    return [...following.get(undefined) ?? [], ...after.flatMap(factor => [factor, ...following.get(factor.id) ?? []])];
}

function countBy(keys: readonly string[]): Map<string, number> {
    const counts = new Map<string, number>();
    keys.forEach(key => counts.set(key, (counts.get(key) ?? 0) + 1));
    return counts;
}
