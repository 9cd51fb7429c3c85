import type { DiagramScene } from '../../../language/diagram/diagram-scene.js';
import type { TraceView } from '../../../language/protocol/trace-protocol.js';

/**
 * Whether a trace still fits the drawn diagram: every relation of its paths that is drawn
 * joins the same two factors. After an edit the indices shift; a trace made before it would
 * light up the wrong arrows, so it waits for the host's fresh one instead. Relations that
 * are not drawn (a category or focus view) do not count against it.
 */
export function fitsScene(trace: TraceView, scene: DiagramScene): boolean {
    const edges = new Map(scene.edges.map(e => [e.relation, e]));
    return trace.targets.every(target => target.paths.every(path => path.steps.every(step => step.relations.every(relation => {
        const edge = edges.get(relation);
        return edge === undefined || (edge.source === step.source && edge.target === step.target);
    }))));
}
