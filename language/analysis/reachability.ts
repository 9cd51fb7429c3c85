import type { ModelGraph } from './model-graph.js';

/** Every factor reachable from `start` along relations (not including `start` unless on a loop). */
export function reachableFrom(graph: ModelGraph, start: string): Set<string> {
    return reachableFromAny(graph, [start]);
}

/** Every factor reachable from at least one of `starts` (not including a start unless it is reached). */
export function reachableFromAny(graph: ModelGraph, starts: Iterable<string>): Set<string> {
    return walk(starts, id => graph.outgoing(id).map(r => r.target));
}

/** Every factor from which at least one of `targets` can be reached (not including the targets themselves unless on a loop). */
export function reachingAny(graph: ModelGraph, targets: Iterable<string>): Set<string> {
    return walk(targets, id => graph.incoming(id).map(r => r.source));
}

function walk(starts: Iterable<string>, next: (id: string) => Iterable<string>): Set<string> {
    const seen = new Set<string>();
    const stack = [...starts];
    while (stack.length > 0) {
        const current = stack.pop()!;
        for (const neighbour of next(current)) {
            if (!seen.has(neighbour)) {
                seen.add(neighbour);
                stack.push(neighbour);
            }
        }
    }
    return seen;
}
