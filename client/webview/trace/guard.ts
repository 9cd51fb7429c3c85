import type { TraceLoopView, TracePathView, TraceTargetView, TraceView } from '../../../language/protocol/trace-protocol.js';
import { isArrayOf, isRecord } from '../shape.js';

/**
 * Whether a posted value has the shape of a {@link TraceView}, down to what trace mode reads.
 * The panel writes every string into the page and the marks index the diagram by these
 * numbers, so a malformed message is refused whole rather than half drawn.
 */
export function isTraceView(value: unknown): value is TraceView {
    return isRecord(value) && typeof value.uri === 'string' && isArrayOf(value.files, 'string') && typeof value.from === 'string' && typeof value.fromLabel === 'string'
        && Array.isArray(value.targets) && (value.targets as unknown[]).every(isTarget)
        && Array.isArray(value.loops) && (value.loops as unknown[]).every(isLoop)
        && isRecord(value.relationVerdicts) && Object.values(value.relationVerdicts).every(v => typeof v === 'string')
        && (value.problem === undefined || typeof value.problem === 'string');
}

function isTarget(value: unknown): value is TraceTargetView {
    return isRecord(value) && typeof value.target === 'string' && typeof value.label === 'string'
        && (value.direction === null || typeof value.direction === 'string')
        && typeof value.effect === 'string' && typeof value.verdict === 'string' && typeof value.dominant === 'string'
        && typeof value.truncated === 'boolean' && Array.isArray(value.paths) && (value.paths as unknown[]).every(isPath);
}

function isPath(value: unknown): value is TracePathView {
    return isRecord(value) && isArrayOf(value.nodes, 'string') && isArrayOf(value.loops, 'string')
        && typeof value.verdict === 'string' && typeof value.reading === 'string'
        && Array.isArray(value.steps) && (value.steps as unknown[]).every(step =>
            isRecord(step) && typeof step.source === 'string' && typeof step.target === 'string' && isArrayOf(step.relations, 'number'));
}

function isLoop(value: unknown): value is TraceLoopView {
    return isRecord(value) && typeof value.id === 'string' && typeof value.kind === 'string' && typeof value.reading === 'string'
        && typeof value.delayed === 'boolean' && isArrayOf(value.nodes, 'string') && isArrayOf(value.relations, 'number');
}
