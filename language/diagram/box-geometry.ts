import type { SceneBox, ScenePoint } from './diagram-scene.js';

/** Points on and between the boxes of a scene. */

export function centre(box: SceneBox): ScenePoint {
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Where the line from a box's centre towards `toward` leaves the box. */
export function borderPoint(box: SceneBox, toward: ScenePoint): ScenePoint {
    const c = centre(box);
    const dx = toward.x - c.x;
    const dy = toward.y - c.y;
    const scale = Math.min(dx === 0 ? Infinity : (box.width / 2) / Math.abs(dx), dy === 0 ? Infinity : (box.height / 2) / Math.abs(dy));
    return Number.isFinite(scale) ? { x: round(c.x + dx * scale), y: round(c.y + dy * scale) } : c;
}

/**
 * A quadratic curve [start, control, end] from border to border between the centres of two
 * boxes, its control point `bow` to the right of the straight line's middle (left when negative).
 */
export function bowedCurve(source: SceneBox, target: SceneBox, bow: number): [ScenePoint, ScenePoint, ScenePoint] {
    const from = centre(source);
    const to = centre(target);
    const dx = to.x - from.x;
    const dy = to.y - from.y;
    const length = Math.hypot(dx, dy) || 1;
    const control = { x: round((from.x + to.x) / 2 - (dy / length) * bow), y: round((from.y + to.y) / 2 + (dx / length) * bow) };
    return [borderPoint(source, control), control, borderPoint(target, control)];
}

/** The point of a quadratic curve at `t` (0 at its start, 1 at its end). */
export function curvePoint([a, c, b]: readonly [ScenePoint, ScenePoint, ScenePoint], t: number): ScenePoint {
    const u = 1 - t;
    return { x: u * u * a.x + 2 * u * t * c.x + t * t * b.x, y: u * u * a.y + 2 * u * t * c.y + t * t * b.y };
}

export function round(value: number): number {
    return Math.round(value * 10) / 10;
}
