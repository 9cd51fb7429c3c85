import { loopKindWords } from '../tracing/effect-words.js';
import type { LoopKind } from '../tracing/loops.js';
import { diffSummary } from './diff-summary.js';
import type { ChangeKind, DiffUnion } from './diff-union.js';
import type { EffectChange, FieldChange, ModelDiff } from './model-diff.js';
import { verdictChanged } from './model-diff.js';

/**
 * A change as the preview's diff panel lists it: every changed factor and relation with the
 * words its hover shows, the feedback loops that appear, vanish or change kind, and the
 * verdicts on KPIs that change — each pointing at what it is about in the union's diagram.
 */
export interface DiffReview {
    /** "2 relations added, 1 sign flipped, 1 verdict changed". */
    readonly summary: string;
    readonly changes: readonly DiffEntry[];
    readonly loops: readonly DiffLoopEntry[];
    readonly verdicts: readonly DiffVerdictEntry[];
    /** The loop search hit its bound on a side: loops beyond it are not compared. */
    readonly loopsTruncated: boolean;
}

export interface DiffEntry {
    readonly kind: Exclude<ChangeKind, 'unchanged'>;
    /** "Pakkans → Daders: sign - → +". */
    readonly text: string;
    /** The factor it is about, or the relation (an index in the union's graph). */
    readonly factor?: string;
    readonly relation?: number;
}

export interface DiffLoopEntry {
    readonly change: 'appeared' | 'vanished' | 'changed';
    readonly kind: LoopKind;
    /** "Daders → Pakkans → Daders (balancing)", or for a changed loop what changed ("kind reinforcing → balancing"). */
    readonly text: string;
    /** The loop in the union's graph, as trace mode shows a loop alone. */
    readonly nodes: readonly string[];
    readonly relations: readonly number[];
}

export interface DiffVerdictEntry {
    /** "Pilot on Slachtoffers: desired → mixed". */
    readonly text: string;
    readonly intervention: string;
    readonly kpi: string;
}

export function diffReview(diff: ModelDiff, union: DiffUnion): DiffReview {
    const { graph } = union;
    const label = (id: string): string => graph.factor(id)?.label ?? id;
    const changes: DiffEntry[] = [];
    for (const factor of graph.factors) {
        const change = union.factorChanges.get(factor.id);
        if (change && change.kind !== 'unchanged') {
            changes.push({ kind: change.kind, text: withDetails(factor.label, change.details), factor: factor.id });
        }
    }
    graph.relations.forEach((relation, index) => {
        const change = union.relationChanges[index];
        if (change.kind !== 'unchanged') {
            const details = change.kind === 'changed' ? change.details : [`sign ${relation.sign}`];
            changes.push({ kind: change.kind, text: withDetails(`${label(relation.source)} \u2192 ${label(relation.target)}`, details), relation: index });
        }
    });
    const renamedTo = new Map(diff.factors.renamed.map(r => [r.from, r.to] as const));
    const loop = (change: DiffLoopEntry['change'], nodes: readonly string[], kind: LoopKind, text: string): DiffLoopEntry => {
        const ids = nodes.map(id => renamedTo.get(id) ?? id);
        const relations = ids.flatMap((source, i) => {
            const target = ids[(i + 1) % ids.length];
            const found = graph.outgoing(source).find(r => r.target === target);
            return found ? [found.index] : [];
        });
        return { change, kind, text, nodes: ids, relations };
    };
    const reading = (nodes: readonly string[]): string => loopText(nodes.map(id => label(renamedTo.get(id) ?? id)));
    return {
        summary: diffSummary(diff),
        changes,
        loops: [
            ...diff.loops.added.map(l => loop('appeared', l.nodes, l.kind, `${reading(l.nodes)} (${loopKindWords(l.kind, l.delayed)})`)),
            ...diff.loops.removed.map(l => loop('vanished', l.nodes, l.kind, `${reading(l.nodes)} (${loopKindWords(l.kind, l.delayed)})`)),
            ...diff.loops.changed.map(c => loop('changed', c.nodes, c.kind, `${reading(c.nodes)}: ${c.changes.map(loopFieldText).join(', ')}`))
        ],
        verdicts: diff.effects
            .filter(verdictChanged)
            .map(e => ({ text: verdictChangeText(e, label), intervention: e.intervention, kpi: e.kpi })),
        loopsTruncated: diff.loops.truncated
    };
}

/** A loop's factors in cycle order, back to the first: "a → b → a". */
export function loopText(nodes: readonly string[]): string {
    return [...nodes, nodes[0]].join(' \u2192 ');
}

/** "pilot on slachtoffers: desired → mixed, mostly desired", each name as `name` gives it; `absent` where the pair is on one side only. */
export function verdictChangeText(change: EffectChange, name: (id: string) => string): string {
    return `${name(change.intervention)} on ${name(change.kpi)}: ${change.beforeVerdictWords ?? 'absent'} \u2192 ${change.afterVerdictWords ?? 'absent'}`;
}

function withDetails(subject: string, details: readonly string[]): string {
    return details.length > 0 ? `${subject}: ${details.join('; ')}` : subject;
}

function loopFieldText(change: FieldChange): string {
    return change.field === 'delayed' ? (change.after === true ? 'now delayed' : 'no longer delayed') : `${change.field} ${String(change.before)} \u2192 ${String(change.after)}`;
}
