import type { SceneBox, ScenePoint } from './diagram-scene.js';
import { BoxIndex, movedRouteClearance, passesUnderOtherBoxes } from './drawing-quality.js';
import type { EndedRoute } from './route-ends.js';
import { spreadRouteEnds } from './route-ends.js';

/** How far apart lines that shared a stretch are set, at most: a line's width and a clear gap. */
const lineSpacing = 5;
/** Closer than this, lines would lie wholly on each other: such a stretch is left as it was. Many lines in a narrow gap become a band, each seen where it leaves. */
const leastSpacing = 0.5;
/** How far a moved line keeps from a box: the router keeps 6, so lines beside a box still move a little. */
const boxMargin = 3;
/** How far to either side a line may move at most: lines stay in the channel they were routed through. */
const reach = 40;

/** Where lines may go: within the picture, and out of the areas (top-level categories) a line runs beside. */
export interface SeparationRoom {
    readonly picture: SceneBox;
    /** A line in a gap spreads up to these, never into one; a line inside one moves only within `reach`. */
    readonly areas: readonly SceneBox[];
}

/** A straight stretch of a route along a line: `along` is the fixed coordinate, `from`..`to` its extent. */
interface Stretch {
    readonly route: number;
    /** Its index in the route: from point `index` to point `index + 1`. */
    readonly index: number;
    readonly vertical: boolean;
    readonly along: number;
    readonly from: number;
    readonly to: number;
    readonly movable: boolean;
}

/**
 * The routes as drawn: the ends that meet a box's side set apart along it (route-ends.ts), then
 * the stretches that run along one line set apart across it. ELK's routes (not movable) stay
 * as they are and are kept clear of; the result has a route, or undefined, for each given.
 */
export function setRoutesApart(routes: readonly (EndedRoute | undefined)[], obstacles: readonly SceneBox[], where: SeparationRoom): (ScenePoint[] | undefined)[] {
    const ends = spreadRouteEnds(routes, obstacles);
    return separateSharedStretches(ends.map((points, k) => points && { ...routes[k]!, points }), obstacles, where);
}

/**
 * Sets apart routes that run along each other on one line. The router takes every relation
 * between two categories through the middle of the gaps and along the same lines beside boxes,
 * so lines merged there and the eye could not tell which of them went where. Each group of
 * stretches sharing a line is spread across the room beside it (clear of boxes and of the next
 * lines), in an order that keeps lines that leave the group towards one side on that side, so
 * separating them adds as few crossings as it can. Only the inner stretches of the router's
 * routes move (their ends stay where route-ends.ts put them), and lines in a gap stay in it and in
 * the picture; ELK's routes stay as they are, and where a move would take a route under a box or
 * fold it back on itself, that part of the route keeps its old course.
 */
export function separateSharedStretches(routes: readonly (EndedRoute | undefined)[], obstacles: readonly SceneBox[], where: SeparationRoom): (ScenePoint[] | undefined)[] {
    const stretches = routes.flatMap((route, k) => route ? stretchesOf(route, k) : []);
    const lines = new LineIndex(stretches);
    const boxes = new BoxIndex(obstacles);
    const offsets = new Map<Stretch, number>();
    for (const group of lines.groups()) {
        const count = group.stretches.length;
        if (count > 1 && 2 * reach / (count - 1) >= leastSpacing && group.stretches.some(stretch => stretch.movable)) {
            // Where the next lines leave too little room, the group spreads up to the boxes across them:
            // crossing a line is easier to read than lines lying on each other all the way.
            const spreadOut = spread(group.stretches, routes, room(group, lines, boxes, where)) ?? spread(group.stretches, routes, room(group, undefined, boxes, where));
            spreadOut?.forEach((offset, stretch) => offsets.set(stretch, offset));
        }
    }
    /** By route, the moves of its stretches. */
    const movesOf = new Map<number, Map<Stretch, number>>();
    for (const [stretch, offset] of offsets) {
        if (offset !== 0) {
            const moves = movesOf.get(stretch.route) ?? movesOf.set(stretch.route, new Map()).get(stretch.route)!;
            moves.set(stretch, offset);
        }
    }
    return routes.map((route, k) => {
        const moves = movesOf.get(k);
        if (!route || !moves) {
            return route && [...route.points];
        }
        // A move that would fold the route back on itself or take it under a box is undone, with
        // the moves beside it, until the route is clear: the rest of the route keeps its moves.
        for (;;) {
            const points = movedPoints(route.points, moves);
            const blocked = [...moves.keys()].flatMap(stretch => [stretch.index - 1, stretch.index, stretch.index + 1])
                .find(segment => segment >= 0 && segment + 1 < points.length && !(sameWay(route.points[segment], route.points[segment + 1], points[segment], points[segment + 1])
                    && !passesUnderOtherBoxes([points[segment], points[segment + 1]], boxes, route.source, route.target, movedRouteClearance)));
            if (blocked === undefined) {
                return points;
            }
            [...moves.keys()].filter(stretch => Math.abs(stretch.index - blocked) <= 1).forEach(stretch => moves.delete(stretch));
        }
    });
}

/** A route's points with its stretches moved across their lines. */
function movedPoints(points: readonly ScenePoint[], moves: ReadonlyMap<Stretch, number>): ScenePoint[] {
    const moved = [...points];
    for (const [stretch, offset] of moves) {
        for (const k of [stretch.index, stretch.index + 1]) {
            moved[k] = stretch.vertical ? { x: moved[k].x + offset, y: moved[k].y } : { x: moved[k].x, y: moved[k].y + offset };
        }
    }
    return moved;
}

/** The straight stretches of a route; only the inner ones of a movable route may move. */
function stretchesOf(route: EndedRoute, routeIndex: number): Stretch[] {
    const { points } = route;
    const stretches: Stretch[] = [];
    for (let k = 0; k + 1 < points.length; k++) {
        const a = points[k];
        const b = points[k + 1];
        const vertical = a.x === b.x;
        if (!vertical && a.y !== b.y) {
            continue;
        }
        const [from, to] = vertical ? [Math.min(a.y, b.y), Math.max(a.y, b.y)] : [Math.min(a.x, b.x), Math.max(a.x, b.x)];
        stretches.push({ route: routeIndex, index: k, vertical, along: vertical ? a.x : a.y, from, to, movable: route.movable && k > 0 && k + 2 < points.length });
    }
    return stretches;
}

/** Stretches on one line that run along each other (joined by overlaps of more than a pixel), and how far they reach together. */
interface Group {
    readonly stretches: readonly Stretch[];
    readonly from: number;
    readonly to: number;
}

/** The lines the stretches run on, each with its groups in order along it, and the lines in order across; vertical and horizontal apart. */
class LineIndex {
    private readonly lines = { vertical: new Map<number, Group[]>(), horizontal: new Map<number, Group[]>() };
    private readonly across: { readonly vertical: number[]; readonly horizontal: number[] };

    constructor(stretches: readonly Stretch[]) {
        const byLine = { vertical: new Map<number, Stretch[]>(), horizontal: new Map<number, Stretch[]>() };
        for (const stretch of stretches) {
            const lines = stretch.vertical ? byLine.vertical : byLine.horizontal;
            const line = lines.get(stretch.along);
            if (line) {
                line.push(stretch);
            } else {
                lines.set(stretch.along, [stretch]);
            }
        }
        const across = (direction: 'vertical' | 'horizontal'): number[] => {
            for (const [along, line] of byLine[direction]) {
                this.lines[direction].set(along, overlappingGroups(line));
            }
            return [...byLine[direction].keys()].sort((p, q) => p - q);
        };
        this.across = { vertical: across('vertical'), horizontal: across('horizontal') };
    }

    groups(): Iterable<Group> {
        return [...this.lines.vertical.values(), ...this.lines.horizontal.values()].flat();
    }

    /** The coordinates of the other lines of one direction within `distance` of `along` that run somewhere between `from` and `to`. */
    *near(vertical: boolean, along: number, distance: number, from: number, to: number): Iterable<number> {
        const coordinates = vertical ? this.across.vertical : this.across.horizontal;
        const lines = vertical ? this.lines.vertical : this.lines.horizontal;
        const first = firstIndex(coordinates.length, k => coordinates[k] >= along - distance);
        for (let k = first; k < coordinates.length && coordinates[k] <= along + distance; k++) {
            const groups = lines.get(coordinates[k])!;
            const next = firstIndex(groups.length, g => groups[g].to > from);
            if (coordinates[k] !== along && next < groups.length && groups[next].from < to) {
                yield coordinates[k];
            }
        }
    }
}

/** The first of `count` indices at which `holds` is true, where it is false before and true after; `count` if none. */
function firstIndex(count: number, holds: (index: number) => boolean): number {
    let low = 0;
    let high = count;
    while (low < high) {
        const middle = (low + high) >> 1;
        if (holds(middle)) {
            high = middle;
        } else {
            low = middle + 1;
        }
    }
    return low;
}

/** The stretches of one line in groups that run along each other, in order along it. */
function overlappingGroups(line: readonly Stretch[]): Group[] {
    const sorted = [...line].sort((s, t) => s.from - t.from);
    const groups: Array<{ stretches: Stretch[]; from: number; to: number }> = [];
    for (const stretch of sorted) {
        const last = groups[groups.length - 1];
        if (last && stretch.from < last.to - 1) {
            last.stretches.push(stretch);
            last.to = Math.max(last.to, stretch.to);
        } else {
            groups.push({ stretches: [stretch], from: stretch.from, to: stretch.to });
        }
    }
    return groups;
}

/**
 * How far a group's line may move down (negative) and up (positive) its coordinate: clear of
 * boxes and of the areas beside it, inside the picture, and halfway to the next lines (given
 * `lines`; without, across them).
 */
function room(group: Group, lines: LineIndex | undefined, boxes: BoxIndex<SceneBox>, { picture, areas }: SeparationRoom): { low: number; high: number } {
    const { vertical, along } = group.stretches[0];
    const { from, to } = group;
    const [pictureLow, pictureHigh] = vertical ? [picture.x, picture.x + picture.width] : [picture.y, picture.y + picture.height];
    let low = Math.max(-reach, pictureLow + 1 - along);
    let high = Math.min(reach, pictureHigh - 1 - along);
    /** Narrows the room to keep clear of a box beside the line; false where the line runs through it. */
    const keepClearOf = (box: SceneBox): boolean => {
        const [boxFrom, boxTo, boxLow, boxHigh] = vertical ? [box.y, box.y + box.height, box.x, box.x + box.width] : [box.x, box.x + box.width, box.y, box.y + box.height];
        if (boxTo <= from || boxFrom >= to) {
            return true;
        }
        if (boxHigh <= along) {
            low = Math.max(low, boxHigh + boxMargin - along);
        } else if (boxLow >= along) {
            high = Math.min(high, boxLow - boxMargin - along);
        } else {
            return false;
        }
        return true;
    };
    // A line inside an area (a route to or from one of its boxes) is bounded by that area's boxes only.
    areas.forEach(keepClearOf);
    const corner = (across: number, on: number): ScenePoint => vertical ? { x: across, y: on } : { x: on, y: across };
    for (const box of boxes.near(corner(along - reach - boxMargin, from), corner(along + reach + boxMargin, to))) {
        if (!keepClearOf(box)) {
            return { low: 0, high: 0 };
        }
    }
    for (const other of lines?.near(vertical, along, 2 * reach, from, to) ?? []) {
        const distance = other - along;
        if (distance < 0) {
            low = Math.max(low, distance / 2);
        } else {
            high = Math.min(high, distance / 2);
        }
    }
    return { low: Math.min(0, low), high: Math.max(0, high) };
}

/**
 * Offsets for the stretches of a group, in their order across the line, `lineSpacing` apart or
 * closer to fit the room; stretches that may not move keep their place, as one, and the others
 * are set round them. Undefined where they cannot be told apart in the room there is.
 */
function spread(group: readonly Stretch[], routes: readonly (EndedRoute | undefined)[], { low, high }: { low: number; high: number }): Map<Stretch, number> | undefined {
    const fixed = group.filter(stretch => !stretch.movable);
    const placed = [...group.filter(stretch => stretch.movable), ...fixed.slice(0, 1)];
    if (placed.length < 2 || (high - low) / (placed.length - 1) < leastSpacing) {
        return undefined;
    }
    const ordered = placed.sort((s, t) => sideOrder(s, t, routes) || s.route - t.route);
    const count = ordered.length;
    const pinned = fixed.length > 0 ? ordered.indexOf(fixed[0]) : -1;
    let spacing: number;
    let first: number;
    if (pinned < 0) {
        spacing = Math.min(lineSpacing, (high - low) / (count - 1));
        const width = spacing * (count - 1);
        first = Math.min(Math.max(-width / 2, low), high - width);
    } else {
        const below = pinned;
        const above = count - 1 - pinned;
        spacing = Math.min(lineSpacing, below > 0 ? -low / below : Infinity, above > 0 ? high / above : Infinity);
        first = -below * spacing;
    }
    if (spacing < leastSpacing) {
        return undefined;
    }
    return new Map([...ordered.map((stretch, k): [Stretch, number] => [stretch, Math.round((first + k * spacing) * 10) / 10]), ...fixed.map((stretch): [Stretch, number] => [stretch, 0])]);
}

/**
 * Which of two stretches on one line goes on the lower side of the other (-1: `s`, 1: `t`, 0:
 * either), from where their routes part: following both routes from the stretch in the
 * direction of the line's coordinate, the one that turns off towards the lower side first
 * belongs there; where they part nowhere that way, following them the other way decides.
 */
function sideOrder(s: Stretch, t: Stretch, routes: readonly (EndedRoute | undefined)[]): number {
    const forward = partingSide(walk(s, routes, 1), walk(t, routes, 1), s.vertical, 1);
    return forward !== 0 ? forward : partingSide(walk(s, routes, -1), walk(t, routes, -1), s.vertical, -1);
}

/** The points of a stretch's route from the stretch's start, going the way `direction` along its line (1: up the coordinate). */
function walk(stretch: Stretch, routes: readonly (EndedRoute | undefined)[], direction: 1 | -1): readonly ScenePoint[] {
    const points = routes[stretch.route]!.points;
    const a = points[stretch.index];
    const b = points[stretch.index + 1];
    const rising = (stretch.vertical ? b.y - a.y : b.x - a.x) > 0;
    return rising === (direction === 1) ? points.slice(stretch.index + 1) : points.slice(0, stretch.index + 1).reverse();
}

/**
 * Walks two routes from where they run together and returns on which side of the other the
 * first to turn off lies (-1: the first route on the lower side of the line's coordinate, as
 * seen when heading the way `direction` gives).
 */
function partingSide(a: readonly ScenePoint[], b: readonly ScenePoint[], vertical: boolean, direction: 1 | -1): number {
    // Heading along the line, the lower side of the coordinate across it is to the left or the right; turns keep that.
    let heading: ScenePoint = vertical ? { x: 0, y: direction } : { x: direction, y: 0 };
    let i = 0;
    let j = 0;
    const lowerSide = leftOf(heading, vertical ? { x: -1, y: 0 } : { x: 0, y: -1 });
    while (i < a.length && j < b.length) {
        const reachA = reachAlong(heading, a[i]);
        const reachB = reachAlong(heading, b[j]);
        if (reachA !== reachB) {
            // The one whose corner comes first turns off there, left or right of the heading.
            const [points, k, sign] = reachA < reachB ? [a, i, -1] : [b, j, 1];
            const turn = k + 1 < points.length ? leftOf(heading, stepDirection(points[k], points[k + 1])) : 0;
            return turn === 0 ? 0 : sign * turn * lowerSide;
        }
        const nextA = a[i + 1];
        const nextB = b[j + 1];
        if (!nextA || !nextB) {
            return 0;
        }
        const turnA = leftOf(heading, stepDirection(a[i], nextA));
        const turnB = leftOf(heading, stepDirection(b[j], nextB));
        if (turnA !== turnB) {
            return (turnA > turnB ? -1 : 1) * lowerSide;
        }
        heading = stepDirection(a[i], nextA);
        i++;
        j++;
    }
    return 0;
}

/** 1 where `to` turns left of `heading`, -1 right, 0 straight on (screen coordinates, y down). */
function leftOf(heading: ScenePoint, to: ScenePoint): number {
    return Math.sign(heading.y * to.x - heading.x * to.y);
}

function stepDirection(from: ScenePoint, to: ScenePoint): ScenePoint {
    return { x: Math.sign(to.x - from.x), y: Math.sign(to.y - from.y) };
}

function reachAlong(heading: ScenePoint, point: ScenePoint): number {
    return heading.x * point.x + heading.y * point.y;
}

/** Whether a moved segment still runs the way it ran: a move larger than a neighbouring stretch would fold the route back on itself. */
function sameWay(wasFrom: ScenePoint, wasTo: ScenePoint, from: ScenePoint, to: ScenePoint): boolean {
    const was = stepDirection(wasFrom, wasTo);
    const is = stepDirection(from, to);
    return was.x === is.x && was.y === is.y;
}
