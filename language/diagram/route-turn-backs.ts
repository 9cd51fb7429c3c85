import type { SceneBox, ScenePoint } from './diagram-scene.js';
import type { BoxIndex } from './drawing-quality.js';
import { passesUnderOtherBoxes } from './drawing-quality.js';
import { withoutStraightPoints } from './orthogonal-router.js';

/** Nothing is the end of the stretch a cut adds: every box counts as an obstacle to it. */
const noBox: SceneBox = { x: Number.NaN, y: Number.NaN, width: 0, height: 0 };

/**
 * A route without its turn-backs: where it runs one way, steps across and runs back the other
 * way, the turn is cut off at the end of the shorter leg, where that keeps `clearance` from
 * every box. The router goes to the point of a category's edge nearest the target and on
 * through the gaps from there, so a route could run down to the edge and straight back up
 * beside it, a spike that framed the boxes beside it and lay on other arrows. Its ends stay.
 */
export function withoutTurnBacks(points: readonly ScenePoint[], boxes: BoxIndex<SceneBox>, clearance: number): ScenePoint[] {
    let route = [...points];
    for (let k = 1; k + 4 < route.length;) {
        const [a, b, c, d] = [route[k], route[k + 1], route[k + 2], route[k + 3]];
        const vertical = a.x === b.x && b.y === c.y && c.x === d.x;
        const horizontal = a.y === b.y && b.x === c.x && c.y === d.y;
        const along = (point: ScenePoint): number => vertical ? point.y : point.x;
        const out = along(b) - along(a);
        const back = along(d) - along(c);
        if ((!vertical && !horizontal) || out * back >= 0) {
            k++;
            continue;
        }
        const level = Math.abs(out) < Math.abs(back) ? along(a) : along(d);
        const from = vertical ? { x: a.x, y: level } : { x: level, y: a.y };
        const to = vertical ? { x: d.x, y: level } : { x: level, y: d.y };
        if (passesUnderOtherBoxes([from, to], boxes, noBox, noBox, clearance)) {
            k++;
            continue;
        }
        route = withoutStraightPoints([...route.slice(0, k + 1), from, to, ...route.slice(k + 3)]);
        k = Math.max(1, k - 2);
    }
    return route;
}
