import type { ModelGraph } from './model-graph.js';
import type { LinkGraph } from './tracing/link-graph.js';
import { linkGraphOf } from './tracing/link-graph.js';

/*
 * Reachability along relations. Self-relations are no step: as `check` says, a factor
 * influencing itself is no feedback loop.
 */

/** Every factor reachable from `start` along relations (not including `start` unless on a loop). */
export function reachableFrom(graph: ModelGraph, start: string): Set<string> {
    return reachableFromAny(graph, [start]);
}

/** Every factor reachable from at least one of `starts` (not including a start unless it is reached). */
export function reachableFromAny(graph: ModelGraph, starts: Iterable<string>): Set<string> {
    const links = linkGraphOf(graph);
    return walk(links, starts, links.successors);
}

/** Every factor from which at least one of `targets` can be reached (not including the targets themselves unless on a loop). */
export function reachingAny(graph: ModelGraph, targets: Iterable<string>): Set<string> {
    const links = linkGraphOf(graph);
    return walk(links, targets, links.predecessors);
}

function walk(links: LinkGraph, starts: Iterable<string>, next: ReadonlyArray<readonly number[]>): Set<string> {
    const seen = new Uint8Array(links.ids.length);
    const stack: number[] = [];
    for (const id of starts) {
        const start = links.indexOf(id);
        if (start !== undefined) {
            stack.push(start);
        }
    }
    while (stack.length > 0) {
        for (const neighbour of next[stack.pop()!]) {
            if (!seen[neighbour]) {
                seen[neighbour] = 1;
                stack.push(neighbour);
            }
        }
    }
    const reached = new Set<string>();
    seen.forEach((flag, i) => {
        if (flag) {
            reached.add(links.ids[i]);
        }
    });
    return reached;
}
