import type { TraceLoopView, TracePathView, TraceView } from '../../language/protocol/trace-protocol.js';

/**
 * The loops in the order worth reading: those that come first in the strongest paths' lists
 * (each path lists the loops running along it first), taking the first of every path, then
 * the second, and so on. A trace can touch hundreds of loops; the panel shows the head.
 */
export function rankLoops(trace: TraceView): TraceLoopView[] {
    const byId = new Map(trace.loops.map(loop => [loop.id, loop]));
    const paths = interleave(trace.targets.map(t => t.paths));
    const ranked = new Map<string, TraceLoopView>();
    const longest = Math.max(0, ...paths.map(p => p.loops.length));
    for (let position = 0; position < longest && ranked.size < byId.size; position++) {
        for (const path of paths) {
            const loop = byId.get(path.loops[position] ?? '');
            if (loop && !ranked.has(loop.id)) {
                ranked.set(loop.id, loop);
            }
        }
    }
    for (const loop of trace.loops) {
        if (!ranked.has(loop.id)) {
            ranked.set(loop.id, loop);
        }
    }
    return [...ranked.values()];
}

/** The strongest path of every KPI, then the second of every KPI, and so on. */
function interleave(lists: ReadonlyArray<readonly TracePathView[]>): TracePathView[] {
    const result: TracePathView[] = [];
    const longest = Math.max(0, ...lists.map(l => l.length));
    for (let i = 0; i < longest; i++) {
        for (const list of lists) {
            if (i < list.length) {
                result.push(list[i]);
            }
        }
    }
    return result;
}
