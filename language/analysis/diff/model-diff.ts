import type { FactorNode, ModelGraph, RelationEdge } from '../model-graph.js';
import { summarizeInterventionEffects } from '../tracing/effect-summary.js';
import type { FeedbackLoop, LoopKind } from '../tracing/loops.js';
import { findLoops } from '../tracing/loops.js';
import type { Effect } from '../tracing/signs.js';

/**
 * What a change does to a model, in the terms a reviewer reads it in: factors and relations
 * added, removed or changed, feedback loops that appear, vanish or change kind, and the
 * interventions whose effect on a KPI changed. Factors are matched by identifier, relations by
 * source and target, loops by their factors in cycle order.
 */
export interface ModelDiff {
    readonly factors: Changes<FactorSummary, FactorChange>;
    readonly relations: Changes<RelationSummary, RelationChange>;
    readonly loops: Changes<LoopSummary, LoopChange> & {
        /** A loop search hit a bound on either side: loops beyond it are not compared. */
        readonly truncated: boolean;
    };
    /** Intervention–KPI pairs whose effect differs (`none`: no path; absent on one side: `null`). */
    readonly effects: readonly EffectChange[];
}

export interface Changes<Item, Change> {
    readonly added: readonly Item[];
    readonly removed: readonly Item[];
    readonly changed: readonly Change[];
}

export interface FactorSummary {
    readonly id: string;
    readonly label: string;
    readonly kind: FactorNode['kind'];
    readonly role: FactorNode['role'];
}

export interface FieldChange {
    readonly field: string;
    readonly before: string | number | boolean | null;
    readonly after: string | number | boolean | null;
}

export interface FactorChange {
    readonly id: string;
    readonly label: string;
    readonly changes: readonly FieldChange[];
}

export interface RelationSummary {
    readonly source: string;
    readonly target: string;
    readonly sign: RelationEdge['sign'];
}

export interface RelationChange {
    readonly source: string;
    readonly target: string;
    readonly changes: readonly FieldChange[];
}

export interface LoopSummary {
    readonly nodes: readonly string[];
    readonly kind: LoopKind;
    readonly delayed: boolean;
}

export interface LoopChange {
    readonly nodes: readonly string[];
    readonly changes: readonly FieldChange[];
}

export interface EffectChange {
    readonly intervention: string;
    readonly kpi: string;
    readonly before: Effect | null;
    readonly after: Effect | null;
}

export function diffModels(before: ModelGraph, after: ModelGraph): ModelDiff {
    return {
        factors: diffFactors(before, after),
        relations: diffRelations(before, after),
        loops: diffLoops(before, after),
        effects: diffEffects(before, after)
    };
}

/** True when the diff holds no change at all. */
export function isEmptyDiff(diff: ModelDiff): boolean {
    const none = (changes: Changes<unknown, unknown>): boolean => changes.added.length + changes.removed.length + changes.changed.length === 0;
    return none(diff.factors) && none(diff.relations) && none(diff.loops) && diff.effects.length === 0;
}

function diffFactors(before: ModelGraph, after: ModelGraph): Changes<FactorSummary, FactorChange> {
    const summary = (f: FactorNode): FactorSummary => ({ id: f.id, label: f.label, kind: f.kind, role: f.role });
    const changed: FactorChange[] = [];
    for (const factor of after.factors) {
        const old = before.factor(factor.id);
        if (old) {
            const changes = fieldChanges(old, factor, ['label', 'kind', 'role', 'direction', 'category', 'initial', 'description']);
            if (changes.length > 0) {
                changed.push({ id: factor.id, label: factor.label, changes });
            }
        }
    }
    return {
        added: after.factors.filter(f => !before.factor(f.id)).map(summary),
        removed: before.factors.filter(f => !after.factor(f.id)).map(summary),
        changed
    };
}

function diffRelations(before: ModelGraph, after: ModelGraph): Changes<RelationSummary, RelationChange> {
    const byPair = (graph: ModelGraph): Map<string, RelationEdge[]> => {
        const pairs = new Map<string, RelationEdge[]>();
        for (const relation of graph.relations) {
            const key = `${relation.source}\u0000${relation.target}`;
            pairs.set(key, [...pairs.get(key) ?? [], relation]);
        }
        return pairs;
    };
    const summary = (r: RelationEdge): RelationSummary => ({ source: r.source, target: r.target, sign: r.sign });
    const old = byPair(before);
    const current = byPair(after);
    const added: RelationSummary[] = [];
    const removed: RelationSummary[] = [];
    const changed: RelationChange[] = [];
    // A pair stated more than once (a duplicate or a contradiction) is compared statement by statement.
    for (const [key, relations] of current) {
        const previous = old.get(key) ?? [];
        relations.forEach((relation, i) => {
            const was = previous[i];
            if (!was) {
                added.push(summary(relation));
                return;
            }
            const changes = fieldChanges(was, relation, ['sign', 'strength', 'strengthClass', 'speedClass', 'delay', 'note']);
            if (changes.length > 0) {
                changed.push({ source: relation.source, target: relation.target, changes });
            }
        });
        removed.push(...previous.slice(relations.length).map(summary));
    }
    for (const [key, relations] of old) {
        if (!current.has(key)) {
            removed.push(...relations.map(summary));
        }
    }
    return { added, removed, changed };
}

function diffLoops(before: ModelGraph, after: ModelGraph): ModelDiff['loops'] {
    const oldSearch = findLoops(before);
    const newSearch = findLoops(after);
    const key = (loop: FeedbackLoop): string => loop.nodes.join('\u0000');
    const summary = (loop: FeedbackLoop): LoopSummary => ({ nodes: loop.nodes, kind: loop.kind, delayed: loop.delayed });
    const old = new Map(oldSearch.loops.map(loop => [key(loop), loop] as const));
    const current = new Map(newSearch.loops.map(loop => [key(loop), loop] as const));
    const changed: LoopChange[] = [];
    for (const loop of newSearch.loops) {
        const was = old.get(key(loop));
        if (was) {
            const changes = fieldChanges(was, loop, ['kind', 'delayed']);
            if (changes.length > 0) {
                changed.push({ nodes: loop.nodes, changes });
            }
        }
    }
    return {
        added: newSearch.loops.filter(loop => !old.has(key(loop))).map(summary),
        removed: oldSearch.loops.filter(loop => !current.has(key(loop))).map(summary),
        changed,
        truncated: oldSearch.truncated || newSearch.truncated
    };
}

function diffEffects(before: ModelGraph, after: ModelGraph): EffectChange[] {
    const effects = (graph: ModelGraph): Map<string, Effect> => {
        const result = new Map<string, Effect>();
        for (const [intervention, kpis] of summarizeInterventionEffects(graph)) {
            for (const kpi of kpis) {
                result.set(`${intervention}\u0000${kpi.kpi}`, kpi.effect);
            }
        }
        return result;
    };
    const old = effects(before);
    const current = effects(after);
    const pairs = [...new Set([...current.keys(), ...old.keys()])];
    return pairs
        .map(pair => {
            const [intervention, kpi] = pair.split('\u0000');
            return { intervention, kpi, before: old.get(pair) ?? null, after: current.get(pair) ?? null };
        })
        .filter(change => change.before !== change.after);
}

function fieldChanges<T extends object>(before: T, after: T, fields: ReadonlyArray<keyof T & string>): FieldChange[] {
    const value = (item: T, field: keyof T): string | number | boolean | null => {
        const raw = item[field];
        return typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' ? raw : null;
    };
    return fields
        .filter(field => value(before, field) !== value(after, field))
        .map(field => ({ field, before: value(before, field), after: value(after, field) }));
}
