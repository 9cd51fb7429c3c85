import type { ElementChange } from '../../../language/analysis/diff/diff-union.js';
import type { DiffEntry, DiffLoopEntry, DiffVerdictEntry } from '../../../language/analysis/diff/diff-review.js';
import type { DiffPictureChange } from '../../../language/protocol/diff-protocol.js';
import { isArrayOf, isRecord } from '../shape.js';

const changeKinds = ['added', 'removed', 'changed'];

/**
 * Whether a posted value has the shape of a {@link DiffPictureChange}, down to what diff mode
 * reads: the panel writes every string into the page and the marks colour the diagram by
 * these ids and indices, so a malformed one is refused whole.
 */
export function isDiffChange(value: unknown): value is DiffPictureChange {
    if (!isRecord(value) || typeof value.against !== 'string' || !isRecord(value.marking) || !isRecord(value.review)) {
        return false;
    }
    const { marking, review } = value;
    return isRecord(marking.factors) && Object.values(marking.factors).every(isElementChange)
        && isRecord(marking.relations) && Object.entries(marking.relations).every(([index, change]) => Number.isInteger(Number(index)) && isElementChange(change))
        && isArrayOf(marking.plain, 'string')
        && typeof review.summary === 'string' && typeof review.loopsTruncated === 'boolean'
        && Array.isArray(review.changes) && (review.changes as unknown[]).every(isEntry)
        && Array.isArray(review.loops) && (review.loops as unknown[]).every(isLoopEntry)
        && Array.isArray(review.verdicts) && (review.verdicts as unknown[]).every(isVerdictEntry);
}

function isElementChange(value: unknown): value is ElementChange {
    return isRecord(value) && typeof value.kind === 'string' && changeKinds.includes(value.kind) && isArrayOf(value.details, 'string');
}

function isEntry(value: unknown): value is DiffEntry {
    return isRecord(value) && typeof value.kind === 'string' && changeKinds.includes(value.kind) && typeof value.text === 'string'
        && (value.factor === undefined || typeof value.factor === 'string') && (value.relation === undefined || typeof value.relation === 'number');
}

function isLoopEntry(value: unknown): value is DiffLoopEntry {
    return isRecord(value) && typeof value.change === 'string' && typeof value.kind === 'string' && typeof value.text === 'string'
        && isArrayOf(value.nodes, 'string') && isArrayOf(value.relations, 'number');
}

function isVerdictEntry(value: unknown): value is DiffVerdictEntry {
    return isRecord(value) && typeof value.text === 'string' && typeof value.intervention === 'string' && typeof value.kpi === 'string';
}
