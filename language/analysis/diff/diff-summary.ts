import type { ModelDiff } from './model-diff.js';
import { verdictChanged } from './model-diff.js';

/**
 * The whole change in one line, biggest news first among equals: "2 relations added, 1 sign
 * flipped, 1 verdict changed". Empty diff: "no changes".
 */
export function diffSummary(diff: ModelDiff): string {
    const signFlips = diff.relations.changed.filter(c => c.changes.some(f => f.field === 'sign')).length;
    const verdicts = diff.effects.filter(verdictChanged).length;
    const loopKinds = diff.loops.changed.filter(c => c.changes.some(f => f.field === 'kind')).length;
    const parts = [
        counted(diff.factors.added.length, 'factor', 'added'),
        counted(diff.factors.removed.length, 'factor', 'removed'),
        counted(diff.factors.renamed.length, 'factor', 'renamed'),
        counted(diff.factors.changed.length, 'factor', 'changed'),
        counted(diff.relations.added.length, 'relation', 'added'),
        counted(diff.relations.removed.length, 'relation', 'removed'),
        counted(signFlips, 'sign', 'flipped'),
        counted(diff.relations.changed.length - signFlips, 'relation', 'changed'),
        counted(diff.loops.added.length, 'loop', 'appeared'),
        counted(diff.loops.removed.length, 'loop', 'vanished'),
        counted(loopKinds, 'loop', 'changed kind'),
        counted(diff.loops.changed.length - loopKinds, 'loop', 'changed'),
        counted(verdicts, 'verdict', 'changed'),
        counted(diff.effects.length - verdicts, 'effect', 'changed')
    ].filter(part => part !== undefined);
    return parts.length === 0 ? 'no changes' : parts.join(', ');
}

function counted(count: number, noun: string, what: string): string | undefined {
    return count === 0 ? undefined : `${count} ${noun}${count === 1 ? '' : 's'} ${what}`;
}
