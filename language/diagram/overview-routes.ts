import { borderPoint, bowedCurve, centre, curvePoint, round } from './box-geometry.js';
import type { SceneBox, ScenePoint } from './diagram-scene.js';
import { segmentEntersBox } from './drawing-quality.js';

/**
 * The way of an overview arrow from card to card: a gentle curve where the straight way is
 * free, else a polyline around the cards in between, with rounded corners. A line that
 * disappears under a card would seem to end at the wrong category.
 */
export type ArrowShape =
    | { readonly kind: 'curve'; readonly points: readonly [ScenePoint, ScenePoint, ScenePoint] }
    | { readonly kind: 'around'; readonly points: readonly ScenePoint[]; readonly radius: number };

/**
 * The shape of the arrow from `source` to `target` that passes under none of `others`: the
 * usual curve, bowed to its right by up to `bow` so that the two arrows between a pair of
 * cards run apart, when it passes clear of them; else the shortest polyline from centre to
 * centre through corners of the other cards, kept `clearance` away from them, within `bounds`
 * (the picture). The arrow back (`back`) keeps twice that distance, so that it runs beside the
 * arrow there, not on it.
 */
export function arrowShape(source: SceneBox, target: SceneBox, others: readonly SceneBox[], bounds: SceneBox, bow: number, clearance: number, back: boolean): ArrowShape {
    const from = centre(source);
    const to = centre(target);
    const curve = bowedCurve(source, target, Math.min(bow, 0.15 * Math.hypot(to.x - from.x, to.y - from.y)));
    const curveShape: ArrowShape = { kind: 'curve', points: curve };
    if (!passesUnder(curveShape, others)) {
        return curveShape;
    }
    // Where the gaps are too narrow for that distance, closer.
    const distances = back ? [2 * clearance, clearance, clearance / 4] : [clearance, clearance / 4];
    let way: ScenePoint[] | undefined;
    for (const keep of distances) {
        way ??= shortestWay(from, to, others.map(box => ({ x: box.x - keep, y: box.y - keep, width: box.width + 2 * keep, height: box.height + 2 * keep })), bounds);
    }
    if (!way) {
        return curveShape;
    }
    const points = [borderPoint(source, way[1]), ...way.slice(1, -1), borderPoint(target, way[way.length - 2])].map(p => ({ x: round(p.x), y: round(p.y) }));
    return { kind: 'around', points, radius: 2 * clearance };
}

/** The point of a shape at `t`, from 0 at its start to 1 at its end (along its length, for a polyline). */
export function shapePoint(shape: ArrowShape, t: number): ScenePoint {
    if (shape.kind === 'curve') {
        return curvePoint(shape.points, t);
    }
    const { points } = shape;
    const lengths = points.slice(1).map((p, k) => Math.hypot(p.x - points[k].x, p.y - points[k].y));
    let rest = t * lengths.reduce((sum, length) => sum + length, 0);
    for (const [k, length] of lengths.entries()) {
        if (rest <= length || k === lengths.length - 1) {
            const f = length === 0 ? 0 : Math.min(1, rest / length);
            return { x: points[k].x + (points[k + 1].x - points[k].x) * f, y: points[k].y + (points[k + 1].y - points[k].y) * f };
        }
        rest -= length;
    }
    return points[points.length - 1];
}

/** The SVG path data of a shape: a polyline's corners rounded, as far as its segments allow. */
export function shapePathData(shape: ArrowShape): string {
    const [first, ...rest] = shape.points;
    if (shape.kind === 'curve') {
        return `M${first.x},${first.y} Q${rest[0].x},${rest[0].y} ${rest[1].x},${rest[1].y}`;
    }
    const parts = [`M${first.x},${first.y}`];
    for (let k = 1; k < shape.points.length - 1; k++) {
        const [before, corner, after] = [shape.points[k - 1], shape.points[k], shape.points[k + 1]];
        const into = towards(corner, before, shape.radius);
        const out = towards(corner, after, shape.radius);
        parts.push(`L${into.x},${into.y} Q${corner.x},${corner.y} ${out.x},${out.y}`);
    }
    const last = shape.points[shape.points.length - 1];
    parts.push(`L${last.x},${last.y}`);
    return parts.join(' ');
}

/** Whether a shape passes under one of the boxes (checked at points along it). */
export function passesUnder(shape: ArrowShape, boxes: readonly SceneBox[]): boolean {
    for (let sample = 1; sample < curveSamples; sample++) {
        const point = shapePoint(shape, sample / curveSamples);
        if (boxes.some(box => inside(point, box))) {
            return true;
        }
    }
    return false;
}

/** Points of a shape checked against the boxes it might pass under. */
const curveSamples = 48;

/** The point `distance` from `corner` towards `toward`, at most halfway there. */
function towards(corner: ScenePoint, toward: ScenePoint, distance: number): ScenePoint {
    const length = Math.hypot(toward.x - corner.x, toward.y - corner.y);
    const f = length === 0 ? 0 : Math.min(0.5, distance / length);
    return { x: round(corner.x + (toward.x - corner.x) * f), y: round(corner.y + (toward.y - corner.y) * f) };
}

/**
 * The shortest polyline from `from` to `to` that crosses the inside of no obstacle, through
 * their corners within `bounds` (Dijkstra over the corners that see each other), or undefined.
 * An overview has a few dozen cards at most, so every pair of corners is tried.
 */
function shortestWay(from: ScenePoint, to: ScenePoint, obstacles: readonly SceneBox[], bounds: SceneBox): ScenePoint[] | undefined {
    const corners = obstacles.flatMap(box => [
        { x: box.x, y: box.y }, { x: box.x + box.width, y: box.y }, { x: box.x, y: box.y + box.height }, { x: box.x + box.width, y: box.y + box.height }
    ]).filter(corner => within(corner, bounds) && !obstacles.some(box => inside(corner, box)));
    const nodes = [from, ...corners, to];
    const goal = nodes.length - 1;
    const cost = nodes.map((_, k) => (k === 0 ? 0 : Infinity));
    const previous = nodes.map(() => -1);
    const done = nodes.map(() => false);
    for (;;) {
        let next = -1;
        for (let k = 0; k < nodes.length; k++) {
            if (!done[k] && cost[k] < Infinity && (next < 0 || cost[k] < cost[next])) {
                next = k;
            }
        }
        if (next < 0) {
            return undefined;
        }
        if (next === goal) {
            break;
        }
        done[next] = true;
        for (let k = 0; k < nodes.length; k++) {
            const through = cost[next] + Math.hypot(nodes[k].x - nodes[next].x, nodes[k].y - nodes[next].y);
            if (!done[k] && through < cost[k] && !obstacles.some(box => segmentEntersBox(nodes[next], nodes[k], box))) {
                cost[k] = through;
                previous[k] = next;
            }
        }
    }
    const way: ScenePoint[] = [];
    for (let k = goal; k >= 0; k = previous[k]) {
        way.unshift(nodes[k]);
    }
    return way;
}

/** Inside a box or on its border. */
function within(point: ScenePoint, box: SceneBox): boolean {
    return point.x >= box.x && point.x <= box.x + box.width && point.y >= box.y && point.y <= box.y + box.height;
}

/** Strictly inside a box: its border does not count. */
function inside(point: ScenePoint, box: SceneBox): boolean {
    return point.x > box.x && point.x < box.x + box.width && point.y > box.y && point.y < box.y + box.height;
}
