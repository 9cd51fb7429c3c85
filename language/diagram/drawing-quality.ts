import type { SceneBox, SceneEdge, ScenePoint } from './diagram-scene.js';

/**
 * Measures of how readable a drawing is, the same for our scene and for another tool's layout
 * of the same graph (the benchmark reads Graphviz's): how many relations pass under a box that
 * is not one of their ends, where a line seems to end at the wrong factor, and how many pairs of
 * relations cross.
 */

/** A relation as drawn: a polyline from its source to its target. */
export interface DrawnRelation {
    readonly source: string;
    readonly target: string;
    readonly points: readonly ScenePoint[];
}

export interface DrawnBox extends SceneBox {
    readonly id: string;
}

/** A line that only grazes a box's border is not under it. */
const borderTolerance = 1.5;

/** Points along a scene edge: its polyline, or its quadratic curve sampled finely enough to follow it. */
export function drawnRelation(edge: SceneEdge): DrawnRelation {
    if (!edge.curved || edge.points.length !== 3) {
        return edge;
    }
    const [start, control, end] = edge.points;
    return { source: edge.source, target: edge.target, points: sampleCurve([start, control, control, end], 16) };
}

/** A cubic Bézier (four points) as a polyline of `steps` segments. */
export function sampleCurve(curve: readonly [ScenePoint, ScenePoint, ScenePoint, ScenePoint], steps: number): ScenePoint[] {
    const [p0, p1, p2, p3] = curve;
    return Array.from({ length: steps + 1 }, (_, k) => {
        const t = k / steps;
        const u = 1 - t;
        const a = u * u * u;
        const b = 3 * u * u * t;
        const c = 3 * u * t * t;
        const d = t * t * t;
        return { x: a * p0.x + b * p1.x + c * p2.x + d * p3.x, y: a * p0.y + b * p1.y + c * p2.y + d * p3.y };
    });
}

export interface UnderBoxes {
    /** Relations that pass under at least one box that is not one of their ends. */
    readonly relations: number;
    /** (relation, box) pairs of that kind. */
    readonly boxes: number;
}

/** Which relations pass under boxes that are not their ends. */
export function relationsUnderBoxes(relations: readonly DrawnRelation[], boxes: readonly DrawnBox[]): UnderBoxes {
    const index = new BoxIndex(boxes);
    let relationCount = 0;
    let pairCount = 0;
    for (const relation of relations) {
        const under = new Set<string>();
        forEachSegment(relation.points, (a, b) => {
            for (const box of index.near(a, b)) {
                if (box.id !== relation.source && box.id !== relation.target && segmentEntersBox(a, b, box)) {
                    under.add(box.id);
                }
            }
        });
        relationCount += under.size > 0 ? 1 : 0;
        pairCount += under.size;
    }
    return { relations: relationCount, boxes: pairCount };
}

/**
 * Stretches of relations that run along the border of a box that is not their end, closer than
 * `closerThan` pixels outside it (or grazing it inside) for more than 4 px: such a line reads as
 * an arrow touching that box.
 */
export function stretchesAlongBoxes(relations: readonly DrawnRelation[], boxes: readonly DrawnBox[], closerThan = 3): number {
    const index = new BoxIndex(boxes);
    let count = 0;
    for (const relation of relations) {
        forEachSegment(relation.points, (a, b) => {
            const vertical = a.x === b.x;
            if (!vertical && a.y !== b.y) {
                return;
            }
            const reach = { x: vertical ? closerThan : 0, y: vertical ? 0 : closerThan };
            for (const box of index.near({ x: Math.min(a.x, b.x) - reach.x, y: Math.min(a.y, b.y) - reach.y }, { x: Math.max(a.x, b.x) + reach.x, y: Math.max(a.y, b.y) + reach.y })) {
                if (box.id === relation.source || box.id === relation.target) {
                    continue;
                }
                const [along, low, high, from, to] = vertical ? [a.x, box.x, box.x + box.width, box.y, box.y + box.height] : [a.y, box.y, box.y + box.height, box.x, box.x + box.width];
                const [start, end] = vertical ? [Math.min(a.y, b.y), Math.max(a.y, b.y)] : [Math.min(a.x, b.x), Math.max(a.x, b.x)];
                // Just inside the border counts too: the under-box test lets a line graze it.
                const apart = Math.min(Math.abs(along - low), Math.abs(along - high));
                const inside = along > low && along < high;
                if (apart < (inside ? borderTolerance : closerThan) && Math.min(end, to) - Math.max(start, from) > 4) {
                    count++;
                }
            }
        });
    }
    return count;
}

/**
 * Short detours round a box that is not the relation's end: a leg out, one across and one back
 * the opposite way, each out-and-back leg between 15 and `shorterThan` px long, hemming in that
 * box alone. Such a route frames the box as though the arrow were its own.
 */
export function detoursRoundBoxes(relations: readonly DrawnRelation[], boxes: readonly DrawnBox[], shorterThan = 150): number {
    const index = new BoxIndex(boxes);
    const leg = (from: ScenePoint, to: ScenePoint): ScenePoint => ({ x: to.x - from.x, y: to.y - from.y });
    const back = (one: number, other: number): boolean => one * other < 0 && Math.min(Math.abs(one), Math.abs(other)) > 15 && Math.max(Math.abs(one), Math.abs(other)) <= shorterThan;
    let count = 0;
    for (const relation of relations) {
        const points = relation.points;
        for (let k = 0; k + 3 < points.length; k++) {
            const [a, b, c, d] = [points[k], points[k + 1], points[k + 2], points[k + 3]];
            const out = leg(a, b);
            const home = leg(c, d);
            if (!back(out.x, home.x) && !back(out.y, home.y)) {
                continue;
            }
            const low = { x: Math.min(a.x, b.x, c.x, d.x), y: Math.min(a.y, b.y, c.y, d.y) };
            const high = { x: Math.max(a.x, b.x, c.x, d.x), y: Math.max(a.y, b.y, c.y, d.y) };
            const hemmedIn = [...index.near(low, high)].filter(box => box.id !== relation.source && box.id !== relation.target
                && box.x < high.x && box.x + box.width > low.x && box.y < high.y && box.y + box.height > low.y);
            count += hemmedIn.length === 1 ? 1 : 0;
        }
    }
    return count;
}

/** Pairs of relations whose lines cross (touching or running along each other does not count). */
export function crossingPairs(relations: readonly DrawnRelation[]): number {
    const cell = 120;
    const buckets = new Map<string, Array<{ relation: number; a: ScenePoint; b: ScenePoint }>>();
    relations.forEach((relation, index) => forEachSegment(relation.points, (a, b) => {
        for (let cx = Math.floor(Math.min(a.x, b.x) / cell); cx <= Math.floor(Math.max(a.x, b.x) / cell); cx++) {
            for (let cy = Math.floor(Math.min(a.y, b.y) / cell); cy <= Math.floor(Math.max(a.y, b.y) / cell); cy++) {
                const key = `${cx},${cy}`;
                const bucket = buckets.get(key);
                if (bucket) {
                    bucket.push({ relation: index, a, b });
                } else {
                    buckets.set(key, [{ relation: index, a, b }]);
                }
            }
        }
    }));
    const pairs = new Set<number>();
    for (const bucket of buckets.values()) {
        for (let i = 0; i < bucket.length; i++) {
            for (let j = i + 1; j < bucket.length; j++) {
                const s = bucket[i];
                const t = bucket[j];
                if (s.relation !== t.relation && segmentsCross(s.a, s.b, t.a, t.b)) {
                    const [low, high] = s.relation < t.relation ? [s.relation, t.relation] : [t.relation, s.relation];
                    pairs.add(low * relations.length + high);
                }
            }
        }
    }
    return pairs.size;
}

/**
 * Pairs of relations that run along each other on one line (less than `closerThan` pixels
 * apart: below one their strokes merge, below half a pixel they lie on each other) for more
 * than `longerThan` pixels: there the eye cannot tell which of them goes where.
 */
export function sharedStretchPairs(relations: readonly DrawnRelation[], longerThan = 8, closerThan = 1): number {
    const stretches = { vertical: [] as Stretch[], horizontal: [] as Stretch[] };
    relations.forEach((relation, index) => forEachSegment(relation.points, (a, b) => {
        if (Math.abs(a.x - b.x) < 0.5) {
            stretches.vertical.push({ relation: index, across: a.x, from: Math.min(a.y, b.y), to: Math.max(a.y, b.y) });
        } else if (Math.abs(a.y - b.y) < 0.5) {
            stretches.horizontal.push({ relation: index, across: a.y, from: Math.min(a.x, b.x), to: Math.max(a.x, b.x) });
        }
    }));
    const pairs = new Set<number>();
    for (const line of [stretches.vertical, stretches.horizontal]) {
        line.sort((s, t) => s.across - t.across);
        for (let i = 0; i < line.length; i++) {
            for (let j = i + 1; j < line.length && line[j].across - line[i].across < closerThan; j++) {
                const s = line[i];
                const t = line[j];
                if (s.relation !== t.relation && Math.min(s.to, t.to) - Math.max(s.from, t.from) > longerThan) {
                    const [low, high] = s.relation < t.relation ? [s.relation, t.relation] : [t.relation, s.relation];
                    pairs.add(low * relations.length + high);
                }
            }
        }
    }
    return pairs.size;
}

/** A straight piece of a drawn relation: `across` is its fixed coordinate, `from`..`to` its extent. */
interface Stretch {
    readonly relation: number;
    readonly across: number;
    readonly from: number;
    readonly to: number;
}

function forEachSegment(points: readonly ScenePoint[], visit: (a: ScenePoint, b: ScenePoint) => void): void {
    for (let k = 0; k + 1 < points.length; k++) {
        visit(points[k], points[k + 1]);
    }
}

/** Proper crossing: each segment has the other's ends strictly on opposite sides. */
function segmentsCross(a: ScenePoint, b: ScenePoint, c: ScenePoint, d: ScenePoint): boolean {
    const side = (p: ScenePoint, q: ScenePoint, r: ScenePoint): number => Math.sign((q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x));
    return side(a, b, c) * side(a, b, d) < 0 && side(c, d, a) * side(c, d, b) < 0;
}

/** Whether the segment passes through the box's interior (shrunk by the tolerance): Liang–Barsky clipping. */
export function segmentEntersBox(a: ScenePoint, b: ScenePoint, box: SceneBox): boolean {
    const left = box.x + borderTolerance;
    const right = box.x + box.width - borderTolerance;
    const top = box.y + borderTolerance;
    const bottom = box.y + box.height - borderTolerance;
    if (left >= right || top >= bottom) {
        return false;
    }
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    let enter = 0;
    let leave = 1;
    const clip = (p: number, q: number): boolean => {
        if (p === 0) {
            return q > 0;
        }
        const t = q / p;
        if (p < 0) {
            enter = Math.max(enter, t);
        } else {
            leave = Math.min(leave, t);
        }
        return enter < leave;
    };
    return clip(-dx, a.x - left) && clip(dx, right - a.x) && clip(-dy, a.y - top) && clip(dy, bottom - a.y);
}

/**
 * How far a route moved to set it apart (route-ends.ts, route-separation.ts) keeps from boxes
 * that are not its ends: on a box's border, or half a pixel inside it, a line reads as touching
 * that box, and the under-box test lets a line graze a border.
 */
export const movedRouteClearance = 1;

/**
 * Whether a route passes through a box other than its own two ends (as `relationsUnderBoxes`
 * counts it); with a `clearance`, whether it comes closer to one than that.
 */
export function passesUnderOtherBoxes(points: readonly ScenePoint[], boxes: BoxIndex<SceneBox>, source: SceneBox, target: SceneBox, clearance = 0): boolean {
    // The under-box test lets a line graze a border by borderTolerance: a clearance starts beyond it.
    const grow = clearance === 0 ? 0 : clearance + borderTolerance;
    const grown = (box: SceneBox): SceneBox => ({ x: box.x - grow, y: box.y - grow, width: box.width + 2 * grow, height: box.height + 2 * grow });
    for (let k = 1; k < points.length; k++) {
        const [a, b] = [points[k - 1], points[k]];
        for (const box of boxes.near({ x: Math.min(a.x, b.x) - grow, y: Math.min(a.y, b.y) - grow }, { x: Math.max(a.x, b.x) + grow, y: Math.max(a.y, b.y) + grow })) {
            if (box !== source && box !== target && segmentEntersBox(a, b, grown(box))) {
                return true;
            }
        }
    }
    return false;
}

/** Boxes by the cells of a coarse grid they cover, so a segment is tested only against boxes near it. */
export class BoxIndex<Box extends SceneBox> {
    private readonly cell = 200;
    private readonly cells = new Map<string, Box[]>();

    constructor(boxes: readonly Box[]) {
        for (const box of boxes) {
            this.cover(box.x, box.y, box.x + box.width, box.y + box.height, key => {
                const list = this.cells.get(key);
                if (list) {
                    list.push(box);
                } else {
                    this.cells.set(key, [box]);
                }
            });
        }
    }

    near(a: ScenePoint, b: ScenePoint): Set<Box> {
        const found = new Set<Box>();
        this.cover(Math.min(a.x, b.x), Math.min(a.y, b.y), Math.max(a.x, b.x), Math.max(a.y, b.y), key => {
            this.cells.get(key)?.forEach(box => found.add(box));
        });
        return found;
    }

    private cover(x0: number, y0: number, x1: number, y1: number, visit: (key: string) => void): void {
        for (let cx = Math.floor(x0 / this.cell); cx <= Math.floor(x1 / this.cell); cx++) {
            for (let cy = Math.floor(y0 / this.cell); cy <= Math.floor(y1 / this.cell); cy++) {
                visit(`${cx},${cy}`);
            }
        }
    }
}
