import type { LoopKind } from '../../language/analysis/tracing/loops.js';
import { productSign, verdictOf } from '../../language/analysis/tracing/signs.js';
import { pathsShownPerTarget } from '../../language/analysis/tracing/trace-view.js';
import type { SceneEdge } from '../../language/diagram/diagram-scene.js';
import type { DiagramResponse } from '../../language/protocol/diagram-protocol.js';
import type { TraceTargetView } from '../../language/protocol/trace-protocol.js';
import type { LoopAlone } from '../../language/diagram/trace-lighting.js';
import { relationVerdictOf } from '../../language/diagram/trace-lighting.js';

/**
 * The panel's sentences about a trace, in plain words. Pure strings: the panel puts them
 * in with textContent like every label.
 */

/** "mixed — mostly desired": the verdict, and for a mixed one which way the weight leans. */
export function verdictWords(target: TraceTargetView): string {
    switch (target.verdict) {
        case 'desired': return 'desired';
        case 'undesired': return 'undesired';
        case 'mixed': return `mixed \u2014 ${leaning(target)}`;
        case 'unknown': return 'unknown \u2014 no path has an agreed sign';
        default: return target.paths.length === 0 ? 'no effect \u2014 no path reaches it' : 'no verdict';
    }
}

/** Which way the strongest paths push (the target's dominant sign), judged as the verdict is. */
function leaning(target: TraceTargetView): string {
    switch (target.dominant) {
        case '+':
        case '-': {
            const verdict = verdictOf(target.dominant, target.direction ?? undefined);
            return verdict === 'desired' || verdict === 'undesired' ? `mostly ${verdict}` : `mostly ${target.dominant === '+' ? 'raising' : 'lowering'} it`;
        }
        case 'mixed': return 'evenly balanced';
        case '?': return 'mostly of unknown sign';
        default: return 'no dominant sign';
    }
}

/** "Of the 25 strongest paths: 23 desired, 0 undesired, 2 unknown." */
export function pathCounts(target: TraceTargetView): string {
    const counts = { desired: 0, undesired: 0, mixed: 0, unknown: 0 };
    for (const path of target.paths) {
        counts[relationVerdictOf(path.verdict)]++;
    }
    const parts = [`${counts.desired} desired`, `${counts.undesired} undesired`];
    if (counts.unknown > 0) {
        parts.push(`${counts.unknown} unknown`);
    }
    const shown = target.paths.length;
    // The host sends the strongest few; a full list means there may be more than it sent.
    const scope = target.truncated || shown >= pathsShownPerTarget ? `Of the ${shown} strongest paths` : shown === 1 ? 'One path' : `All ${shown} paths`;
    return shown === 0 ? 'No paths.' : `${scope}: ${parts.join(', ')}.`;
}

/** "should decrease" for a KPI, nothing for another factor. */
export function directionWords(target: TraceTargetView): string {
    return target.direction === null ? '' : `should ${target.direction}`;
}

export function loopKindWords(kind: LoopKind, delayed: boolean): string {
    return `${kind}${delayed ? ', delayed' : ''}`;
}

/**
 * A loop the host sent without a reading: its factors' labels round the loop, and its kind
 * from the drawn relations' signs (unsaid when some of them are not drawn).
 */
export function loopAloneText(loop: Pick<LoopAlone, 'relations' | 'nodes'>, diagram: DiagramResponse | undefined): { kind: string; reading: string } {
    const label = (id: string): string => diagram?.factors.find(f => f.id === id)?.label ?? id;
    const reading = [...loop.nodes, ...loop.nodes.slice(0, 1)].map(label).join(' \u2192 ');
    const edges = loop.relations.map(r => diagram?.scene?.edges.find(e => e.relation === r)).filter((e): e is SceneEdge => e !== undefined);
    if (edges.length === 0 || edges.length < loop.relations.length) {
        return { kind: 'Feedback loop', reading };
    }
    const sign = productSign(edges.map(e => e.sign));
    return { kind: sign === '+' ? 'Reinforcing loop' : sign === '-' ? 'Balancing loop' : 'Loop of unknown sign', reading };
}
