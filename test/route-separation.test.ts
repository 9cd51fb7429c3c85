import { describe, expect, test } from 'vitest';
import type { SceneBox, ScenePoint } from '../language/diagram/diagram-scene.js';
import { crossingPairs, passesUnderOtherBoxes, BoxIndex, sharedStretchPairs } from '../language/diagram/drawing-quality.js';
import type { EndedRoute } from '../language/diagram/route-ends.js';
import { separateSharedStretches } from '../language/diagram/route-separation.js';

/** A picture round the routes, without areas: only boxes and the picture's edges bound the room. */
const room = { picture: { x: -100, y: -100, width: 400, height: 400 }, areas: [] };

/** A route between two small boxes at its first and last points. */
function route(points: readonly ScenePoint[], movable = true): EndedRoute {
    const boxAt = (point: ScenePoint): SceneBox => ({ x: point.x - 20, y: point.y - 5, width: 20, height: 10 });
    return { points, movable, source: boxAt(points[0]), target: boxAt(points[points.length - 1]) };
}

function drawn(routes: readonly (readonly ScenePoint[] | undefined)[]): Array<{ source: string; target: string; points: readonly ScenePoint[] }> {
    return routes.map((points, k) => ({ source: `s${k}`, target: `t${k}`, points: points! }));
}

/** Two routes along the vertical line x = 50 from y = 20 to 100: the first leaves it to the right, the second goes on and leaves to the left. */
const partingRoutes = [
    route([{ x: 10, y: 0 }, { x: 50, y: 0 }, { x: 50, y: 100 }, { x: 90, y: 100 }]),
    route([{ x: 10, y: 20 }, { x: 50, y: 20 }, { x: 50, y: 120 }, { x: 10, y: 120 }])
];

describe('routes that run along each other are set apart', () => {
    test('two routes on one line get lines of their own, each on the side it leaves to, without crossing', () => {
        expect(sharedStretchPairs(drawn(partingRoutes.map(r => r.points)))).toBe(1);
        const separated = separateSharedStretches(partingRoutes, [], room);
        expect(sharedStretchPairs(drawn(separated))).toBe(0);
        expect(crossingPairs(drawn(separated))).toBe(0);
        const [right, left] = separated.map(points => points![1].x);
        expect(right - left).toBeGreaterThanOrEqual(4);
        // The ends stay where they were: only the inner stretches move.
        separated.forEach((points, k) => {
            expect(points![0]).toEqual(partingRoutes[k].points[0]);
            expect(points!.at(-1)).toEqual(partingRoutes[k].points.at(-1));
        });
    });

    test('two routes running together round a corner keep their sides through it, and part without crossing', () => {
        const routes = [
            route([{ x: 10, y: 0 }, { x: 50, y: 0 }, { x: 50, y: 100 }, { x: 150, y: 100 }, { x: 150, y: 140 }]),
            route([{ x: 10, y: -20 }, { x: 50, y: -20 }, { x: 50, y: 100 }, { x: 150, y: 100 }, { x: 150, y: 60 }])
        ];
        expect(sharedStretchPairs(drawn(routes.map(r => r.points)))).toBe(1);
        const separated = separateSharedStretches(routes, [], room);
        expect(sharedStretchPairs(drawn(separated))).toBe(0);
        expect(crossingPairs(drawn(separated))).toBe(0);
    });

    test('a box beside the line keeps the lines clear of it: they move to the other side', () => {
        const box: SceneBox = { x: 52, y: 30, width: 40, height: 40 };
        const separated = separateSharedStretches(partingRoutes, [box], room);
        expect(sharedStretchPairs(drawn(separated))).toBe(0);
        for (const [k, points] of separated.entries()) {
            expect(passesUnderOtherBoxes(points!, new BoxIndex([box]), partingRoutes[k].source, partingRoutes[k].target)).toBe(false);
            expect(points![1].x).toBeLessThanOrEqual(50);
        }
    });

    test('a route ELK drew stays as it is, and the router\'s route moves off its line', () => {
        const routes = [{ ...partingRoutes[0], movable: false }, partingRoutes[1]];
        const separated = separateSharedStretches(routes, [], room);
        expect(separated[0]).toEqual(routes[0].points);
        expect(sharedStretchPairs(drawn(separated))).toBe(0);
    });

    test('where two of ELK\'s routes share the line, both stay and the router\'s route moves off it', () => {
        const elk = [{ ...partingRoutes[0], movable: false }, route([{ x: 10, y: 10 }, { x: 50, y: 10 }, { x: 50, y: 110 }, { x: 90, y: 110 }], false)];
        const separated = separateSharedStretches([...elk, partingRoutes[1]], [], room);
        expect(separated.slice(0, 2)).toEqual(elk.map(r => r.points));
        expect(separated[2]![1].x).not.toBe(50);
    });

    test('lines hemmed in by the next lines spread across them, up to the boxes', () => {
        // Two of ELK's lines a fifth of a pixel to either side, all along: halfway to them there is no room.
        const neighbours = [49.8, 50.2].map(x => route([{ x: 10, y: 10 }, { x, y: 10 }, { x, y: 110 }, { x: 10, y: 110 }], false));
        const separated = separateSharedStretches([...partingRoutes, ...neighbours], [], room);
        expect(separated[0]![1].x).not.toBe(separated[1]![1].x);
        expect(sharedStretchPairs(drawn(separated.slice(0, 2)), 8, 0.5)).toBe(0);
    });

    test('lines too many for the room beside them stay as they were', () => {
        const walls: SceneBox[] = [{ x: 20, y: 30, width: 27, height: 60 }, { x: 53, y: 30, width: 40, height: 60 }];
        const separated = separateSharedStretches(partingRoutes, walls, room);
        expect(separated).toEqual(partingRoutes.map(r => r.points));
    });
});
