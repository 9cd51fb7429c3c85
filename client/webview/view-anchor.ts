import { centre } from '../../language/diagram/box-geometry.js';
import type { DiagramScene, SceneBox, ScenePoint } from '../../language/diagram/diagram-scene.js';

/**
 * What the eye was on before a new picture of the same view came (an edit, a panel of another
 * shape): some factors and where their centres were. The view moves with them as far as they
 * moved as one: by the median of their moves across and down. Anchored on the one factor
 * nearest the middle, the view followed whichever factor an edit's new layout of a category
 * happened to move and drifted 45–155 px while typing, though most of what was in view stayed.
 */
export class ViewAnchor {
    private readonly centres: ReadonlyMap<string, ScenePoint>;

    constructor(factors: ReadonlyArray<SceneBox & { readonly id: string }>) {
        this.centres = new Map(factors.map(factor => [factor.id, centre(factor)]));
    }

    /** How far the view should move, in the diagram's units, to keep them in place in the new picture; undefined when none of them is in it. */
    shiftIn(scene: DiagramScene): ScenePoint | undefined {
        const across: number[] = [];
        const down: number[] = [];
        for (const node of scene.nodes) {
            const before = this.centres.get(node.id);
            if (before) {
                const after = centre(node);
                across.push(after.x - before.x);
                down.push(after.y - before.y);
            }
        }
        return across.length > 0 ? { x: median(across), y: median(down) } : undefined;
    }
}

/** The middle value; of an even count, the one nearer zero of the middle two, so that half of them unmoved keeps the view still. */
function median(values: number[]): number {
    values.sort((a, b) => a - b);
    const upper = values[values.length >> 1];
    const lower = values[(values.length - 1) >> 1];
    return Math.abs(lower) <= Math.abs(upper) ? lower : upper;
}
