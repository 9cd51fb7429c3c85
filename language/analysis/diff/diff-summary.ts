import type { ModelDiff } from './model-diff.js';
import { verdictChanged } from './model-diff.js';
import { counted } from '../../text/counted.js';

/**
 * The whole change in one line, biggest news first among equals: "2 relations added, 1 sign
 * flipped, 1 verdict changed". Empty diff: "no changes".
 */
export function diffSummary(diff: ModelDiff): string {
    const signFlips = diff.relations.changed.filter(c => c.changes.some(f => f.field === 'sign')).length;
    const verdicts = diff.effects.filter(verdictChanged).length;
    const loopKinds = diff.loops.changed.filter(c => c.changes.some(f => f.field === 'kind')).length;
    const parts = [
        countedIfAny(diff.factors.added.length, 'factor', 'added'),
        countedIfAny(diff.factors.removed.length, 'factor', 'removed'),
        countedIfAny(diff.factors.renamed.length, 'factor', 'renamed'),
        countedIfAny(diff.factors.changed.length, 'factor', 'changed'),
        countedIfAny(diff.relations.added.length, 'relation', 'added'),
        countedIfAny(diff.relations.removed.length, 'relation', 'removed'),
        countedIfAny(signFlips, 'sign', 'flipped'),
        countedIfAny(diff.relations.changed.length - signFlips, 'relation', 'changed'),
        countedIfAny(diff.loops.added.length, 'loop', 'appeared'),
        countedIfAny(diff.loops.removed.length, 'loop', 'vanished'),
        countedIfAny(loopKinds, 'loop', 'changed kind'),
        countedIfAny(diff.loops.changed.length - loopKinds, 'loop', 'changed'),
        countedIfAny(verdicts, 'verdict', 'changed'),
        countedIfAny(diff.effects.length - verdicts, 'effect', 'changed')
    ].filter(part => part !== undefined);
    return parts.length === 0 ? 'no changes' : parts.join(', ');
}

function countedIfAny(count: number, noun: string, what: string): string | undefined {
    return count === 0 ? undefined : `${counted(count, noun)} ${what}`;
}
