import type { SceneBox } from '../../language/diagram/diagram-scene.js';

export type StepDirection = 'left' | 'right' | 'up' | 'down';

/** The step a Shift+arrow key asks for, if the key is one. */
export function stepDirectionOf(event: KeyboardEvent): StepDirection | undefined {
    if (!event.shiftKey || event.ctrlKey || event.metaKey || event.altKey) {
        return undefined;
    }
    switch (event.key) {
        case 'ArrowLeft': return 'left';
        case 'ArrowRight': return 'right';
        case 'ArrowUp': return 'up';
        case 'ArrowDown': return 'down';
        default: return undefined;
    }
}

/**
 * The box a keyboard step from `from` lands on: among the boxes wholly beyond `from` in that
 * direction, the closest, a box beside the line of sight counting twice its distance from it
 * (so the step goes on along the row or column, as the eye does). When none is wholly beyond,
 * a box whose middle is beyond will do: boxes of a layered layout overlap in their columns.
 */
export function stepFrom<Box extends SceneBox>(from: SceneBox, boxes: readonly Box[], direction: StepDirection): Box | undefined {
    const beyond = boxes.filter(box => box !== from && gapAlong(from, box, direction) >= 0);
    const candidates = beyond.length > 0 ? beyond : boxes.filter(box => box !== from && centreAlong(from, box, direction) > 0);
    let best: Box | undefined;
    let bestScore = Infinity;
    for (const box of candidates) {
        const score = Math.max(0, gapAlong(from, box, direction)) + 2 * gapAcross(from, box, direction) + Math.abs(centreAcross(from, box, direction)) / 4;
        if (score < bestScore) {
            best = box;
            bestScore = score;
        }
    }
    return best;
}

/** The box whose middle is closest to a point: where the first step goes when nothing is selected, and the factor the eye keeps across a redraw. */
export function nearestTo<Box extends SceneBox>(point: { readonly x: number; readonly y: number }, boxes: readonly Box[]): Box | undefined {
    let best: Box | undefined;
    let bestDistance = Infinity;
    for (const box of boxes) {
        const distance = Math.hypot(box.x + box.width / 2 - point.x, box.y + box.height / 2 - point.y);
        if (distance < bestDistance) {
            best = box;
            bestDistance = distance;
        }
    }
    return best;
}

const horizontal = (direction: StepDirection): boolean => direction === 'left' || direction === 'right';
const sign = (direction: StepDirection): number => direction === 'left' || direction === 'up' ? -1 : 1;

/** The free space between the boxes along the direction; negative when `to` is not wholly beyond `from`. */
function gapAlong(from: SceneBox, to: SceneBox, direction: StepDirection): number {
    if (horizontal(direction)) {
        return sign(direction) > 0 ? to.x - (from.x + from.width) : from.x - (to.x + to.width);
    }
    return sign(direction) > 0 ? to.y - (from.y + from.height) : from.y - (to.y + to.height);
}

/** How far `to` lies beside the band `from` spans across the direction; 0 when they overlap. */
function gapAcross(from: SceneBox, to: SceneBox, direction: StepDirection): number {
    const [start, length, toStart, toLength] = horizontal(direction) ? [from.y, from.height, to.y, to.height] : [from.x, from.width, to.x, to.width];
    return Math.max(0, toStart - (start + length), start - (toStart + toLength));
}

function centreAlong(from: SceneBox, to: SceneBox, direction: StepDirection): number {
    const offset = horizontal(direction) ? to.x + to.width / 2 - (from.x + from.width / 2) : to.y + to.height / 2 - (from.y + from.height / 2);
    return sign(direction) * offset;
}

function centreAcross(from: SceneBox, to: SceneBox, direction: StepDirection): number {
    return horizontal(direction) ? to.y + to.height / 2 - (from.y + from.height / 2) : to.x + to.width / 2 - (from.x + from.width / 2);
}
