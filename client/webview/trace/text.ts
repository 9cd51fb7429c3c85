import { boundWords, pathTallyWords, verdictPhrase } from '../../../language/analysis/tracing/effect-words.js';
import { productSign } from '../../../language/analysis/tracing/signs.js';
import type { SceneEdge } from '../../../language/diagram/diagram-scene.js';
import type { DiagramResponse } from '../../../language/protocol/diagram-protocol.js';
import type { TraceTargetView, TraceView } from '../../../language/protocol/trace-protocol.js';
import type { LoopAlone } from '../../../language/diagram/trace-lighting.js';

/**
 * The panel's sentences about a trace, in plain words. Pure strings: the panel puts them
 * in with textContent like every label.
 */

/** "mixed, mostly desired": the verdict in the words of the code lens, the Effects view and `marvel trace`. */
export function verdictWords(target: TraceTargetView): string {
    return verdictPhrase(target.effect, target.verdict, target.dominant, target.direction);
}

/**
 * "200+ paths: 182 desired, 16 undesired, 2 unknown (only the 200 shortest paths are counted).
 * The 25 strongest are listed." The count of the whole search, as everywhere, and what the list shows.
 */
export function pathCounts(target: TraceTargetView, pathBounds: TraceView['pathBounds']): string {
    const bound = boundWords(target.tally.truncatedBy, pathBounds);
    const shown = target.paths.length;
    const listed = shown === 0 ? '' : shown < target.tally.found ? ` The ${shown} strongest are listed.` : shown === 1 ? ' It is listed.' : ' All are listed.';
    return `${capitalised(pathTallyWords(target.tally, target.direction))}${bound ? ` (${bound})` : ''}.${listed}`;
}

function capitalised(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "should decrease" for a KPI, nothing for another factor. */
export function directionWords(target: TraceTargetView): string {
    return target.direction === null ? '' : `should ${target.direction}`;
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
