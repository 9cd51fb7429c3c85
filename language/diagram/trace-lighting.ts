import type { Verdict } from '../analysis/tracing/signs.js';
import type { TraceLoopView, TracePathView, TraceView } from '../protocol/trace-protocol.js';

/*
 * What a trace lights up in the diagram. The preview marks the drawn elements with it, and
 * the renderer draws it into exported pictures and `marvel render --trace`.
 */

/** How a relation on a shown path works for the KPIs; the colour it gets in trace mode. */
export type RelationVerdict = 'desired' | 'undesired' | 'mixed' | 'unknown';

/** What trace mode shows of a trace: all its paths, one path (figure 9), or one loop (figure 10). */
export type TraceFocus =
    | { readonly kind: 'all' }
    | { readonly kind: 'path'; readonly target: number; readonly path: number }
    | { readonly kind: 'loop'; readonly id: string };

/** A loop the host asked to show alone, outside a trace (from the Loops view). */
export interface LoopAlone {
    readonly uri: string;
    readonly relations: readonly number[];
    readonly nodes: readonly string[];
}

/**
 * What stays bright: factors and relations by id, each relation with its verdict colour
 * (`loop` for a loop's relations, which keep their sign colours: a loop is not judged
 * against a KPI). Everything else in the diagram is dimmed.
 */
export interface TraceLighting {
    readonly nodes: ReadonlySet<string>;
    readonly relations: ReadonlyMap<number, RelationVerdict | 'loop'>;
    /** The traced intervention, drawn emphasised. */
    readonly origin?: string;
    /** The KPIs the shown paths reach. */
    readonly targets: ReadonlySet<string>;
}

export const relationVerdicts: readonly RelationVerdict[] = ['desired', 'undesired', 'mixed', 'unknown'];

export function lightingOf(trace: TraceView, focus: TraceFocus): TraceLighting {
    if (focus.kind === 'loop') {
        const loop = trace.loops.find(l => l.id === focus.id);
        return loop ? loopLighting(loop) : lightingOf(trace, { kind: 'all' });
    }
    if (focus.kind === 'path') {
        const target = trace.targets[focus.target];
        const path = target?.paths[focus.path];
        if (!target || !path) {
            return lightingOf(trace, { kind: 'all' });
        }
        // One path alone is coloured by its own verdict: a relation that is mixed over all
        // paths still works one way on this one.
        const verdict = relationVerdictOf(path.verdict);
        return {
            nodes: new Set(path.nodes),
            relations: new Map(relationsOf(path).map(r => [r, verdict])),
            origin: trace.from,
            targets: new Set([target.target])
        };
    }
    const relations = new Map<number, RelationVerdict>();
    for (const [key, verdict] of Object.entries(trace.relationVerdicts)) {
        relations.set(Number(key), verdict);
    }
    const paths = trace.targets.flatMap(t => t.paths);
    // Relations on a path that the verdict table missed still belong to the picture.
    for (const relation of paths.flatMap(relationsOf)) {
        if (!relations.has(relation)) {
            relations.set(relation, 'unknown');
        }
    }
    return {
        nodes: new Set([trace.from, ...paths.flatMap(p => p.nodes)]),
        relations,
        origin: trace.from,
        targets: new Set(trace.targets.filter(t => t.paths.length > 0).map(t => t.target))
    };
}

export function loopLighting(loop: Pick<TraceLoopView, 'nodes' | 'relations'>): TraceLighting {
    return { nodes: new Set(loop.nodes), relations: new Map(loop.relations.map(r => [r, 'loop'])), targets: new Set() };
}

export function relationVerdictOf(verdict: Verdict): RelationVerdict {
    return verdict === 'desired' || verdict === 'undesired' || verdict === 'mixed' ? verdict : 'unknown';
}

export function relationsOf(path: TracePathView): number[] {
    return path.steps.flatMap(step => step.relations);
}
