import type { FactorNode, ModelGraph, RelationEdge } from '../model-graph.js';
import { groupBy } from '../grouping.js';
import { summarizeInterventionEffects } from '../tracing/effect-summary.js';
import { verdictPhrase } from '../tracing/effect-words.js';
import type { FeedbackLoop, LoopKind } from '../tracing/loops.js';
import { findLoops } from '../tracing/loops.js';
import type { Effect, Verdict } from '../tracing/signs.js';
import { findRenames } from './factor-renames.js';

/**
 * What a change does to a model, in the terms a reviewer reads it in: factors and relations
 * added, removed or changed, feedback loops that appear, vanish or change kind, and the
 * interventions whose effect on a KPI changed. Factors are matched by identifier, or as a rename
 * when only the identifier changed (see {@link findRenames}); relations by source and target,
 * loops by their factors in cycle order, each with renamed factors under their new identifier.
 */
export interface ModelDiff {
    readonly factors: Changes<FactorSummary, FactorChange> & {
        /** Factors whose identifier changed while label, role and relations stayed. */
        readonly renamed: readonly FactorRename[];
    };
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

export interface FactorRename {
    readonly from: string;
    readonly to: string;
    readonly label: string;
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
    /** Its kind in the new model. */
    readonly kind: LoopKind;
    readonly changes: readonly FieldChange[];
}

export interface EffectChange {
    readonly intervention: string;
    readonly kpi: string;
    readonly before: Effect | null;
    readonly after: Effect | null;
    /** What the effect means for the KPI, given its desired direction on each side. */
    readonly beforeVerdict: Verdict | null;
    readonly afterVerdict: Verdict | null;
    /** Which way the weight of the paths leans, on each side; it decides a mixed verdict's words. */
    readonly beforeDominant: Effect | null;
    readonly afterDominant: Effect | null;
    /** The verdict as the code lens and `marvel trace` say it: "mixed, mostly desired". */
    readonly beforeVerdictWords: string | null;
    readonly afterVerdictWords: string | null;
}

/** Whether the verdict a reviewer reads changed: also a mixed effect that now leans the other way. */
export function verdictChanged(change: EffectChange): boolean {
    return change.beforeVerdictWords !== change.afterVerdictWords;
}

export function diffModels(before: ModelGraph, after: ModelGraph): ModelDiff {
    const renames = findRenames(before, after);
    const newId = (id: string): string => renames.get(id) ?? id;
    return {
        factors: diffFactors(before, after, renames),
        relations: diffRelations(before, after, newId),
        loops: diffLoops(before, after, newId),
        effects: diffEffects(before, after, newId)
    };
}

/** True when the diff holds no change at all. */
export function isEmptyDiff(diff: ModelDiff): boolean {
    const none = (changes: Changes<unknown, unknown>): boolean => changes.added.length + changes.removed.length + changes.changed.length === 0;
    return none(diff.factors) && diff.factors.renamed.length === 0 && none(diff.relations) && none(diff.loops) && diff.effects.length === 0;
}

function diffFactors(before: ModelGraph, after: ModelGraph, renames: ReadonlyMap<string, string>): ModelDiff['factors'] {
    const summary = (f: FactorNode): FactorSummary => ({ id: f.id, label: f.label, kind: f.kind, role: f.role });
    const oldIds = new Map([...renames].map(([from, to]) => [to, from] as const));
    const changed: FactorChange[] = [];
    for (const factor of after.factors) {
        const old = before.factor(oldIds.get(factor.id) ?? factor.id);
        if (old) {
            const changes = fieldChanges(old, factor, ['label', 'kind', 'role', 'direction', 'category', 'initial', 'description']);
            if (changes.length > 0) {
                changed.push({ id: factor.id, label: factor.label, changes });
            }
        }
    }
    return {
        added: after.factors.filter(f => !before.factor(f.id) && !oldIds.has(f.id)).map(summary),
        removed: before.factors.filter(f => !after.factor(f.id) && !renames.has(f.id)).map(summary),
        changed,
        renamed: [...renames].map(([from, to]) => ({ from, to, label: after.labelOf(to) }))
    };
}

function diffRelations(before: ModelGraph, after: ModelGraph, newId: (id: string) => string): Changes<RelationSummary, RelationChange> {
    const byPair = (graph: ModelGraph, id: (id: string) => string): Map<string, RelationEdge[]> =>
        groupBy(graph.relations, relation => `${id(relation.source)}\u0000${id(relation.target)}`);
    const summary = (r: RelationEdge): RelationSummary => ({ source: r.source, target: r.target, sign: r.sign });
    const old = byPair(before, newId);
    const current = byPair(after, id => id);
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

function diffLoops(before: ModelGraph, after: ModelGraph, newId: (id: string) => string): ModelDiff['loops'] {
    const oldSearch = findLoops(before);
    const newSearch = findLoops(after);
    const summary = (loop: FeedbackLoop): LoopSummary => ({ nodes: loop.nodes, kind: loop.kind, delayed: loop.delayed });
    const old = new Map(oldSearch.loops.map(loop => [loopKey(loop.nodes.map(newId)), loop] as const));
    const current = new Map(newSearch.loops.map(loop => [loopKey(loop.nodes), loop] as const));
    const changed: LoopChange[] = [];
    for (const [key, loop] of current) {
        const was = old.get(key);
        if (was) {
            const changes = fieldChanges(was, loop, ['kind', 'delayed']);
            if (changes.length > 0) {
                changed.push({ nodes: loop.nodes, kind: loop.kind, changes });
            }
        }
    }
    return {
        added: [...current].filter(([key]) => !old.has(key)).map(([, loop]) => summary(loop)),
        removed: [...old].filter(([key]) => !current.has(key)).map(([, loop]) => summary(loop)),
        changed,
        truncated: oldSearch.truncated || newSearch.truncated
    };
}

/** A loop's factors in cycle order from the smallest identifier (a rename can change which one that is). */
function loopKey(nodes: readonly string[]): string {
    let start = 0;
    nodes.forEach((node, i) => {
        if (node < nodes[start]) {
            start = i;
        }
    });
    return [...nodes.slice(start), ...nodes.slice(0, start)].join('\u0000');
}

function diffEffects(before: ModelGraph, after: ModelGraph, newId: (id: string) => string): EffectChange[] {
    const effects = (graph: ModelGraph, id: (id: string) => string): Map<string, { effect: Effect; verdict: Verdict; dominant: Effect; words: string }> => {
        const result = new Map<string, { effect: Effect; verdict: Verdict; dominant: Effect; words: string }>();
        for (const [intervention, kpis] of summarizeInterventionEffects(graph)) {
            for (const kpi of kpis) {
                const words = verdictPhrase(kpi.effect, kpi.verdict, kpi.dominant, graph.factor(kpi.kpi)?.direction ?? null);
                result.set(`${id(intervention)}\u0000${id(kpi.kpi)}`, { effect: kpi.effect, verdict: kpi.verdict, dominant: kpi.dominant, words });
            }
        }
        return result;
    };
    const old = effects(before, newId);
    const current = effects(after, id => id);
    const pairs = [...new Set([...current.keys(), ...old.keys()])];
    return pairs
        .map(pair => {
            const [intervention, kpi] = pair.split('\u0000');
            const was = old.get(pair);
            const now = current.get(pair);
            return {
                intervention, kpi,
                before: was?.effect ?? null, after: now?.effect ?? null,
                beforeVerdict: was?.verdict ?? null, afterVerdict: now?.verdict ?? null,
                beforeDominant: was?.dominant ?? null, afterDominant: now?.dominant ?? null,
                beforeVerdictWords: was?.words ?? null, afterVerdictWords: now?.words ?? null
            };
        })
        .filter(change => change.before !== change.after || verdictChanged(change));
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
