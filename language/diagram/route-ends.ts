import type { SceneBox, ScenePoint } from './diagram-scene.js';
import { BoxIndex, movedRouteClearance, passesUnderOtherBoxes } from './drawing-quality.js';
import { cornerMargin } from './routing-grids.js';

/** A route to place the ends of: its points, and the boxes it leaves and enters. */
export interface EndedRoute {
    readonly points: readonly ScenePoint[];
    readonly source: SceneBox;
    readonly target: SceneBox;
    /** Whether its ends may move along their sides (the router's routes); ELK's stay where ELK put them. */
    readonly movable: boolean;
}

type Side = 'left' | 'right' | 'top' | 'bottom';

interface RouteEnd {
    readonly route: number;
    readonly start: boolean;
    readonly box: SceneBox;
    readonly side: Side;
    /** Where along its side the end is: y on the left and right, x on the top and bottom. */
    readonly at: number;
    /** Where the route goes after leaving the side, along the side's direction: ends are ordered by it so they do not cross. */
    readonly heading: number;
}

/** How far apart ends on one side are set, at most: enough to tell them apart at the zoom text reads at. */
const endSpacing = 12;
/** How far off its side a moved end steps back to its route: within the router's clearance of 6. */
const stepOut = 4;

/**
 * Sets apart the ends of routes that meet a box's side at one point. The router brings every
 * route to the middle of a side, so an arrow into a box and one out of it met there, and the
 * one seemed to go on into the other: a relation that is not in the model. Each movable end
 * moves along its side to a place of its own, in the order the routes leave in so that they
 * do not cross at the box, clear of ELK's ends there; the straight stretch that leaves the side
 * moves with it. A move that would take a route under a box is not made.
 */
export function spreadRouteEnds(routes: readonly (EndedRoute | undefined)[], obstacles: readonly SceneBox[]): (ScenePoint[] | undefined)[] {
    const result = routes.map(route => route && [...route.points]);
    const index = new BoxIndex(obstacles);
    const bySide = new Map<SceneBox, Map<Side, RouteEnd[]>>();
    routes.forEach((route, k) => {
        if (!route || route.points.length < 2) {
            return;
        }
        for (const start of [true, false]) {
            const end = routeEnd(route, k, start);
            if (end) {
                const sides = bySide.get(end.box) ?? bySide.set(end.box, new Map()).get(end.box)!;
                (sides.get(end.side) ?? sides.set(end.side, []).get(end.side)!).push(end);
            }
        }
    });
    for (const sides of bySide.values()) {
        for (const ends of sides.values()) {
            const movable = ends.filter(end => routes[end.route]!.movable).sort((a, b) => a.heading - b.heading || a.route - b.route);
            if (movable.length === 0 || ends.length < 2) {
                continue;
            }
            const fixed = ends.filter(end => !routes[end.route]!.movable).map(end => end.at);
            const places = placesAlong(movable, fixed);
            movable.forEach((end, k) => {
                const points = result[end.route]!;
                const place = places[k];
                if (place === undefined || place === end.at) {
                    return;
                }
                // The whole stretch moved keeps the route straight; where that would take it under a box, a step just off the side does.
                const moved = [movedEnd(points, end, place), steppedEnd(points, end, place)].find(route => !passesUnderOtherBoxes(route.changed, index, routes[end.route]!.source, routes[end.route]!.target, movedRouteClearance));
                if (moved) {
                    result[end.route] = moved.points;
                }
            });
        }
    }
    return result;
}

function routeEnd(route: EndedRoute, index: number, start: boolean): RouteEnd | undefined {
    const points = start ? route.points : [...route.points].reverse();
    const box = start ? route.source : route.target;
    const [end, next] = points;
    const side = sideOf(end, box);
    if (!side) {
        return undefined;
    }
    const along = (point: ScenePoint): number => side === 'left' || side === 'right' ? point.y : point.x;
    // The first point off the straight stretch that leaves the side shows which way the route turns.
    const turn = points.find(point => along(point) !== along(end)) ?? next;
    return { route: index, start, box, side, at: along(end), heading: along(turn) };
}

function sideOf(point: ScenePoint, box: SceneBox): Side | undefined {
    // ELK ends its arrows a pixel short of the box (rounded to tenths), so an arrow into a box and a route out of it met unnoticed.
    const near = (a: number, b: number): boolean => Math.abs(a - b) < 1.5;
    if (near(point.x, box.x)) {
        return 'left';
    }
    if (near(point.x, box.x + box.width)) {
        return 'right';
    }
    if (near(point.y, box.y)) {
        return 'top';
    }
    return near(point.y, box.y + box.height) ? 'bottom' : undefined;
}

/**
 * Places along a side for its movable ends, in order: spread evenly `endSpacing` apart (closer on
 * a short side), with a place left out where ELK ends a route already. They are spread about the
 * side's middle where ELK ends routes there too; else about where the ends are, as far as the side
 * reaches: a route the router ended off the middle, clear of a box in front of it, stays clear.
 */
function placesAlong(ends: readonly RouteEnd[], fixed: readonly number[]): number[] {
    const [end] = ends;
    const vertical = end.side === 'left' || end.side === 'right';
    const from = vertical ? end.box.y : end.box.x;
    const length = vertical ? end.box.height : end.box.width;
    const margin = cornerMargin(length);
    const total = ends.length + fixed.length;
    const spacing = total > 1 ? Math.min(endSpacing, (length - 2 * margin) / (total - 1)) : 0;
    const spread = (total - 1) * spacing;
    const wanted = ends.reduce((sum, one) => sum + one.at, 0) / ends.length;
    const middle = fixed.length > 0 ? from + length / 2 : Math.min(Math.max(wanted, from + margin + spread / 2), from + length - margin - spread / 2);
    const places = Array.from({ length: total }, (_, k) => middle + (k - (total - 1) / 2) * spacing);
    for (const taken of fixed) {
        const nearest = places.reduce((best, place, k) => Math.abs(place - taken) < Math.abs(places[best] - taken) ? k : best, 0);
        places.splice(nearest, 1);
    }
    return places.map(place => Math.round(place * 10) / 10);
}

/** A route with one end moved, and the part of it that is new (from that end): only that part needs checking against the boxes. */
interface MovedRoute {
    readonly points: ScenePoint[];
    readonly changed: readonly ScenePoint[];
}

/** The route with one end moved along its side to `at`, the straight stretch leaving the side moved with it. */
function movedEnd(points: readonly ScenePoint[], end: RouteEnd, at: number): MovedRoute {
    const vertical = end.side === 'left' || end.side === 'right';
    const along = (point: ScenePoint): number => vertical ? point.y : point.x;
    const moved = (point: ScenePoint): ScenePoint => vertical ? { x: point.x, y: at } : { x: at, y: point.y };
    const ordered = end.start ? [...points] : [...points].reverse();
    let run = 1;
    while (run < ordered.length && along(ordered[run]) === end.at) {
        run++;
    }
    let shifted: ScenePoint[];
    let changed: number;
    if (run < ordered.length) {
        shifted = [...ordered.slice(0, run).map(moved), ...ordered.slice(run)];
        changed = run + 1;
    } else {
        // A straight route from side to side: it steps across halfway, so its other end stays.
        const first = ordered[0];
        const last = ordered[ordered.length - 1];
        const half = vertical ? { x: (first.x + last.x) / 2, y: end.at } : { x: end.at, y: (first.y + last.y) / 2 };
        shifted = [moved(first), moved(half), half, last];
        changed = shifted.length;
    }
    return { points: end.start ? shifted : [...shifted].reverse(), changed: shifted.slice(0, changed) };
}

/**
 * The route with one end moved along its side to `at` and stepping back to where it ran a
 * little off the side: within the clearance the router keeps round every box.
 */
function steppedEnd(points: readonly ScenePoint[], end: RouteEnd, at: number): MovedRoute {
    const ordered = end.start ? [...points] : [...points].reverse();
    const [first, next] = ordered;
    const out = Math.min(stepOut, Math.abs(next.x - first.x) / 2 + Math.abs(next.y - first.y) / 2);
    const outward = { left: { x: -out, y: 0 }, right: { x: out, y: 0 }, top: { x: 0, y: -out }, bottom: { x: 0, y: out } }[end.side];
    const vertical = end.side === 'left' || end.side === 'right';
    const moved = vertical ? { x: first.x, y: at } : { x: at, y: first.y };
    const stepped = [moved, { x: moved.x + outward.x, y: moved.y + outward.y }, { x: first.x + outward.x, y: first.y + outward.y }, ...ordered.slice(1)];
    return { points: end.start ? stepped : [...stepped].reverse(), changed: stepped.slice(0, 4) };
}
