import { describe, expect, it } from 'vitest';
import { nearestTo, stepFrom } from '../client/webview/spatial-step.js';

/** Two layers of a layered layout, three boxes each, the second layer shifted down a little. */
const box = (id: string, x: number, y: number): { id: string; x: number; y: number; width: number; height: number } => ({ id, x, y, width: 80, height: 40 });
const a1 = box('a1', 0, 0);
const a2 = box('a2', 0, 60);
const a3 = box('a3', 0, 120);
const b1 = box('b1', 140, 20);
const b2 = box('b2', 140, 80);
const b3 = box('b3', 140, 200);
const boxes = [a1, a2, a3, b1, b2, b3];

describe('keyboard steps between factors', () => {
    it('goes along the row to the next layer, to the box level with it', () => {
        expect(stepFrom(a2, boxes, 'right')?.id).toBe('b2');
        expect(stepFrom(a1, boxes, 'right')?.id).toBe('b1');
        expect(stepFrom(b3, boxes, 'left')?.id).toBe('a3');
    });

    it('goes along the column within a layer rather than across to a nearer box beside it', () => {
        expect(stepFrom(a1, boxes, 'down')?.id).toBe('a2');
        expect(stepFrom(b2, boxes, 'up')?.id).toBe('b1');
        expect(stepFrom(b2, boxes, 'down')?.id).toBe('b3');
    });

    it('finds nothing past the edge of the picture', () => {
        expect(stepFrom(a2, boxes, 'left')).toBeUndefined();
        expect(stepFrom(b3, boxes, 'down')).toBeUndefined();
    });

    it('takes a box whose middle lies beyond when none lies wholly beyond', () => {
        const wide = { x: 0, y: 0, width: 300, height: 40 };
        const under = box('under', 200, 30);
        expect(stepFrom(wide, [under], 'down')?.id).toBe('under');
        expect(stepFrom(wide, [under], 'up')).toBeUndefined();
    });

    it('starts at the box nearest the middle of the view', () => {
        expect(nearestTo({ x: 150, y: 110 }, boxes)?.id).toBe('b2');
    });
});
