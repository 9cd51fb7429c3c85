import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { CategoryLayoutMemory } from './category-memory.js';
import { diagramMetrics } from './diagram-style.js';

/** Anything that lays out an ELK graph: elkjs in this process, in a worker, or a stand-in in tests. */
export interface ElkLayouter {
    layout(graph: ElkNode): Promise<ElkNode>;
}

/** Box sizes are rounded up to this grid, so that small changes inside a category leave the others in place. */
const grid = { width: 60, height: 40 } as const;
/** Between two parts; routes between categories run along the middle of it, set apart across it where many do (route-separation.ts). */
export const partGap = 44;

/**
 * Round the packed parts: as wide as a gap where there are several, since routes between
 * categories also run round the outside, half a gap from the parts, and are set apart there.
 */
function pictureMargin(parts: number): number {
    return parts > 1 ? partGap : diagramMetrics.margin;
}
/** The shape of a screen, for a picture whose panel is not known. */
export const defaultAspectRatio = 1.6;

/**
 * Lays out each top-level part of the ELK graph (a category with everything in it, or a
 * factor outside any category) on its own, rounds its size up to a grid, and packs the parts
 * in declaration order (packOnSkyline), to the width that gives the whole picture the shape closest to
 * `aspectRatio` (width / height: the preview's panel, or an export's). An edit inside one
 * category then moves nothing else unless that category outgrows its grid cell, and the parts
 * lay out independently. With a `packing` memory of earlier packings, a part that changed size
 * pushes aside only the parts in its way, and the others keep their places (PackingMemory);
 * with one of the categories' earlier layouts, a category laid out again keeps what it can
 * (layoutCategory).
 */
export async function layoutInParts(root: ElkNode, elk: ElkLayouter, options: PartsLayoutOptions = {}): Promise<ElkNode> {
    const { aspectRatio = defaultAspectRatio, packing: memory, categories, picture = '', recalled } = options;
    const parts = (await Promise.all((root.children ?? []).map(part => layoutPart(part, elk, categories)))).map(roundedUp);
    const sizes = parts.map(p => ({ width: p.width!, height: p.height! }));
    // A category is packed with room to grow by a grid cell, which an edit then fills without moving anything.
    const footprints = parts.map((part, k) => part.children ? { width: sizes[k].width + grid.width, height: sizes[k].height + grid.height } : sizes[k]);
    const packing = memory ? memory.pack(picture, parts.map(part => part.id), sizes, footprints, aspectRatio, recalled) : packToAspectRatio(sizes, footprints, aspectRatio);
    packing.places.forEach((place, index) => {
        parts[index].x = place.x;
        parts[index].y = place.y;
    });
    return { ...root, children: parts, edges: [], width: packing.width, height: packing.height };
}

export interface PartsLayoutOptions {
    readonly aspectRatio?: number;
    readonly packing?: PackingMemory;
    readonly categories?: CategoryLayoutMemory;
    /** Which picture of the model this is (PlacementRequest.picture): its packing is remembered apart from the others'. */
    readonly picture?: string;
    /** The picture's packing before a window reload, kept to as an earlier packing is (PackingMemory.pack). */
    readonly recalled?: KeptPacking;
}

/**
 * A picture's packing as the preview keeps it across a window reload, which starts the layout
 * worker, and its memory, afresh: each part's id, size and place. Without it a model edited
 * during a session came back packed anew, every category elsewhere.
 */
export interface KeptPacking {
    readonly parts: ReadonlyArray<{ readonly id: string; readonly x: number; readonly y: number; readonly width: number; readonly height: number }>;
    readonly width: number;
    readonly height: number;
}

/** The packing of parts laid out by layoutInParts. */
export function keptPackingOf(laidOut: ElkNode): KeptPacking {
    const parts = (laidOut.children ?? []).map(part => ({ id: part.id, x: part.x ?? 0, y: part.y ?? 0, width: part.width ?? 0, height: part.height ?? 0 }));
    return { parts, width: laidOut.width ?? 0, height: laidOut.height ?? 0 };
}

/** Whether a value from outside (a webview's saved state) is a kept packing that can be used: it is only ever a hint. */
export function isKeptPacking(value: unknown): value is KeptPacking {
    const finite = (n: unknown): boolean => typeof n === 'number' && Number.isFinite(n) && n >= 0 && n < 1e7;
    if (typeof value !== 'object' || value === null) {
        return false;
    }
    const { parts, width, height } = value as { parts?: unknown; width?: unknown; height?: unknown };
    return finite(width) && finite(height) && Array.isArray(parts) && parts.length <= 100_000 && parts.every(part => typeof part === 'object' && part !== null
        && typeof (part as { id?: unknown }).id === 'string' && ['x', 'y', 'width', 'height'].every(key => finite((part as Record<string, unknown>)[key])));
}

async function layoutPart(part: ElkNode, elk: ElkLayouter, categories?: CategoryLayoutMemory): Promise<ElkNode> {
    return part.children ? layoutCategory(part, elk, categories) : { ...part };
}

/**
 * Lays out a category one level at a time, innermost first: each sub-category on its own, its
 * size rounded up to the grid, then the category with each sub-category as a box of that size
 * (what ELK does within one call, as it lays out every container separately). The layout
 * cache then keeps every sub-category an edit did not touch, and the category around an edited
 * one for as long as the edited one keeps its rounded size, so its neighbours stay in place. With
 * the `categories` memory of a preview, the category around one that changed size keeps its
 * layout too where the edited one has room (CategoryLayoutMemory).
 */
async function layoutCategory(category: ElkNode, elk: ElkLayouter, categories?: CategoryLayoutMemory): Promise<ElkNode> {
    if ((category.children ?? []).length === 0) {
        // ELK leaves an empty graph 0 by 0, whatever its minimum size: an empty category (one
        // just begun) is a box at that size, its name inside, not a name over its neighbour.
        const [width, height] = /^\((\d+(?:\.\d+)?),(\d+(?:\.\d+)?)\)$/.exec(category.layoutOptions?.['elk.nodeSize.minimum'] ?? '')?.slice(1).map(Number) ?? [0, 0];
        return { ...category, width, height, children: [] };
    }
    const nested = new Map<string, ElkNode>();
    const children = await Promise.all((category.children ?? []).map(async (child): Promise<ElkNode> => {
        if (!child.children) {
            return child;
        }
        const laidOut = roundedUp(await layoutCategory(child, elk, categories));
        nested.set(child.id, laidOut);
        return { id: child.id, width: laidOut.width, height: laidOut.height };
    }));
    // The category is the root of its layout: ELK pads and sizes the root (minimum size included)
    // as it would a child, and a graph around it would cost a second layout pass.
    const graph = { ...category, children };
    const laidOut = categories ? await categories.layout(graph, elk) : await elk.layout(graph);
    laidOut.children = (laidOut.children ?? []).map(child => {
        const inner = nested.get(child.id);
        return inner ? { ...inner, x: child.x, y: child.y } : child;
    });
    return laidOut;
}

function roundedUp(part: ElkNode): ElkNode {
    part.width = Math.ceil((part.width ?? 0) / grid.width) * grid.width;
    part.height = Math.ceil((part.height ?? 0) / grid.height) * grid.height;
    return part;
}

interface PartSize {
    readonly width: number;
    readonly height: number;
}

interface PartPlace {
    readonly x: number;
    readonly y: number;
}

/** Where each part goes, and the size of the whole picture. */
interface Packing {
    readonly places: readonly PartPlace[];
    readonly width: number;
    readonly height: number;
}

/** How much further from the aspect ratio a kept packing may be than a fresh one (on a log scale: about 20 %). */
const keptMisfitAllowance = 0.18;
/** Packings of this many sets of parts are remembered: the whole model and a few views of it. */
const rememberedPackings = 8;

/**
 * The packings of earlier layouts, by picture. When the parts come back with some sizes
 * changed (an edit made a category a grid cell larger or smaller), every part whose size did
 * not change keeps its place, and a part whose size changed stays where it was if it still
 * fits; one that grew into another either pushes the parts beyond it away as far as it grew
 * (roomMadeFor) or moves to the nearest free place, whichever moves less of the picture (by
 * area) less far: moving to the nearest free place took a category being edited 1,300 px
 * across the seed model, and the view with it, where pushing moved two categories 80 px.
 * A new part (a category just written)
 * goes to the free place nearest the right of the part declared before it, and a removed one
 * leaves its place empty. A fresh packing is made for another aspect ratio or another picture
 * of the model, or when the kept one has drifted too far from the aspect ratio (as a model
 * that lost a category often has).
 */
export class PackingMemory {
    /**
     * By the picture and the aspect ratio: a preview and an export of the same model keep theirs
     * apart, and so do the whole model and a part of it that has factors in every category (a
     * trace drawn alone), whose much smaller categories would otherwise sit scattered at the
     * whole model's places.
     */
    private readonly packings = new Map<string, RememberedPacking>();

    pack(picture: string, ids: readonly string[], sizes: readonly PartSize[], footprints: readonly PartSize[], aspectRatio: number, recalled?: KeptPacking): Packing {
        const key = [picture, aspectRatio].join('\n');
        // A packing recalled from before a reload counts as the one before if it packed the same parts (the same model),
        // also where this memory has packed them since: the server's head start packs a model just opened anew.
        const previous = (recalled && sameParts(recalled.parts.map(part => part.id), ids) ? rememberedFrom(recalled) : undefined) ?? this.packings.get(key);
        let packing: Packing;
        if (previous && sameParts(previous.ids, ids) && sameSizes(previous.sizes, sizes)) {
            packing = previous.packing;
        } else {
            const fresh = packToAspectRatio(sizes, footprints, aspectRatio);
            const kept = previous && keepPlaces(previous, ids, sizes);
            packing = kept && misfit(kept, aspectRatio) <= misfit(fresh, aspectRatio) + keptMisfitAllowance ? kept : fresh;
        }
        this.packings.delete(key);
        this.packings.set(key, { ids, sizes, packing });
        while (this.packings.size > rememberedPackings) {
            this.packings.delete(this.packings.keys().next().value!);
        }
        return packing;
    }
}

/** A packing as remembered: the parts' ids and sizes it packed, and where it put them. */
interface RememberedPacking {
    readonly ids: readonly string[];
    readonly sizes: readonly PartSize[];
    readonly packing: Packing;
}

function rememberedFrom(kept: KeptPacking): RememberedPacking {
    return {
        ids: kept.parts.map(part => part.id),
        sizes: kept.parts.map(({ width, height }) => ({ width, height })),
        packing: { places: kept.parts.map(({ x, y }) => ({ x, y })), width: kept.width, height: kept.height }
    };
}

function sameParts(a: readonly string[], b: readonly string[]): boolean {
    return a.length === b.length && a.every((id, k) => id === b[k]);
}

function sameSizes(a: readonly PartSize[], b: readonly PartSize[]): boolean {
    return a.length === b.length && a.every((size, k) => sameSize(size, b[k]));
}

function sameSize(a: PartSize, b: PartSize): boolean {
    return a.width === b.width && a.height === b.height;
}

type PlacedPart = PartPlace & PartSize;

/**
 * The parts that were packed before with the same size at their places; each other part at its
 * place, the others pushed away from it if it grew (or it at the nearest free place), a new one
 * beside the part declared before it if it fits there, or else at the nearest free place.
 */
function keepPlaces(previous: RememberedPacking, ids: readonly string[], sizes: readonly PartSize[]): Packing {
    const before = new Map(previous.ids.map((id, k) => [id, k]));
    const places: PartPlace[] = [];
    /** The parts placed so far, by index. */
    const placed: number[] = [];
    const moving: number[] = [];
    ids.forEach((id, k) => {
        const was = before.get(id);
        if (was !== undefined && sameSize(sizes[k], previous.sizes[was])) {
            places[k] = previous.packing.places[was];
            placed.push(k);
        } else {
            moving.push(k);
        }
    });
    const margin = pictureMargin(sizes.length);
    const boxes = (): PlacedPart[] => placed.map(j => ({ ...places[j], ...sizes[j] }));
    for (const k of moving) {
        const was = before.get(ids[k]);
        if (was !== undefined) {
            // A part that grew stays where it was and pushes what lies beyond it away, as far as it
            // grew, or moves to the nearest free place: whichever moves less of the picture less far.
            const at = previous.packing.places[was];
            const others = boxes();
            const pushed = roomMadeFor(at, previous.sizes[was], sizes[k], others);
            const free = nearestFreePlace(at, sizes[k], others, margin);
            const pushing = pushed ? others.reduce((sum, other, n) => sum + areaOf(other) * distance(other, pushed[n]), 0) : Infinity;
            if (pushed && pushing <= areaOf(sizes[k]) * distance(at, free)) {
                pushed.forEach((place, n) => { places[placed[n]] = place; });
                places[k] = at;
            } else {
                places[k] = free;
            }
        } else {
            const wanted = k > 0 ? { x: places[k - 1].x + sizes[k - 1].width + partGap, y: places[k - 1].y } : { x: margin, y: margin };
            places[k] = nearestFreePlace(wanted, sizes[k], boxes(), margin);
        }
        placed.push(k);
    }
    const right = Math.max(0, ...places.map((place, k) => place.x + sizes[k].width - margin));
    const bottom = Math.max(0, ...places.map((place, k) => place.y + sizes[k].height - margin));
    return { places, width: right + 2 * margin, height: bottom + 2 * margin };
}

/**
 * The places of the other parts once a part at `at` grew from `was` to `size`: the parts wholly
 * below its old bottom moved down by what it grew in height, those wholly right of its old right
 * edge moved right by what it grew in width, or both — whichever frees its place moving the
 * fewest parts, as a line or a column inserted into the picture keeps the rest as it was.
 * Undefined when none does (a part it grew into reaches across both edges).
 */
function roomMadeFor(at: PartPlace, was: PartSize, size: PartSize, others: readonly PlacedPart[]): PartPlace[] | undefined {
    const grownDown = Math.max(0, size.height - was.height);
    const grownRight = Math.max(0, size.width - was.width);
    const candidates = [{ down: 0, right: 0 }, { down: grownDown, right: 0 }, { down: 0, right: grownRight }, { down: grownDown, right: grownRight }];
    let best: { places: PartPlace[]; moved: number } | undefined;
    for (const { down, right } of candidates) {
        const places = others.map(other => ({
            x: other.x + (right > 0 && other.x >= at.x + was.width ? right : 0),
            y: other.y + (down > 0 && other.y >= at.y + was.height ? down : 0)
        }));
        const moved = places.filter((place, n) => place.x !== others[n].x || place.y !== others[n].y).length;
        const clear = places.every((place, n) => !overlaps({ ...at, ...size }, { ...place, width: others[n].width, height: others[n].height }));
        if (clear && (!best || moved < best.moved)) {
            best = { places, moved };
        }
    }
    return best?.places;
}

function areaOf(size: PartSize): number {
    return size.width * size.height;
}

function distance(from: PartPlace, to: PartPlace): number {
    return Math.abs(to.x - from.x) + Math.abs(to.y - from.y);
}

/** Whether two parts come closer than the gap between parts. */
function overlaps(one: PlacedPart, other: PlacedPart): boolean {
    return one.x < other.x + other.width + partGap && other.x < one.x + one.width + partGap
        && one.y < other.y + other.height + partGap && other.y < one.y + one.height + partGap;
}

/**
 * `wanted` if a part of `size` fits there, a gap clear of every placed part; otherwise the
 * nearest place that does, among those level with or next to a placed part's edge.
 */
function nearestFreePlace(wanted: PartPlace, size: PartSize, placed: readonly PlacedPart[], margin: number): PartPlace {
    const free = (x: number, y: number): boolean => !placed.some(other => overlaps({ x, y, ...size }, other));
    if (free(wanted.x, wanted.y)) {
        return wanted;
    }
    const xs = [wanted.x, margin, ...placed.flatMap(other => [other.x, other.x + other.width + partGap])];
    const ys = [wanted.y, margin, ...placed.flatMap(other => [other.y, other.y + other.height + partGap])];
    let best: PartPlace & { distance: number } = { x: margin, y: margin + Math.max(0, ...placed.map(other => other.y + other.height + partGap - margin)), distance: Infinity };
    for (const x of xs) {
        for (const y of ys) {
            const distance = Math.abs(x - wanted.x) + Math.abs(y - wanted.y);
            if (distance < best.distance && x >= margin && y >= margin && free(x, y)) {
                best = { x, y, distance };
            }
        }
    }
    return { x: best.x, y: best.y };
}

function misfit(packing: Packing, aspectRatio: number): number {
    return Math.abs(Math.log(packing.width / packing.height / aspectRatio));
}

/** How far from the aspect ratio a packing in declaration order may come before the tallest-first order is taken instead: 10 %. */
const declarationOrderMisfit = Math.log(1.1);

/**
 * Packs the parts in declaration order, which reads like the model; when that cannot come
 * within 10 % of the aspect ratio (a wide or tall category in an awkward place leaves a ragged
 * edge), the widest or the tallest first, whichever comes closest.
 */
function packToAspectRatio(sizes: readonly PartSize[], footprints: readonly PartSize[], aspectRatio: number): Packing {
    let best = packInOrder(sizes, footprints, aspectRatio);
    if (misfit(best, aspectRatio) <= declarationOrderMisfit) {
        return best;
    }
    const indices = sizes.map((_, index) => index);
    for (const order of [
        [...indices].sort((a, b) => footprints[b].width - footprints[a].width || a - b),
        [...indices].sort((a, b) => footprints[b].height - footprints[a].height || a - b)
    ]) {
        const packed = packInOrder(order.map(index => sizes[index]), order.map(index => footprints[index]), aspectRatio);
        if (misfit(packed, aspectRatio) < misfit(best, aspectRatio) - 1e-9) {
            const places = new Array<PartPlace>(sizes.length);
            order.forEach((index, k) => {
                places[index] = packed.places[k];
            });
            best = { ...packed, places };
        }
    }
    return best;
}

/**
 * Packs to the width, among every width at which the packing changes, whose picture comes
 * closest to the aspect ratio (compared on a log scale, so too wide and too tall weigh alike).
 */
function packInOrder(sizes: readonly PartSize[], footprints: readonly PartSize[], aspectRatio: number): Packing {
    let best: Packing | undefined;
    for (const rowWidth of candidateRowWidths(footprints, aspectRatio)) {
        const packing = packOnSkyline(sizes, footprints, rowWidth);
        if (!best || misfit(packing, aspectRatio) < misfit(best, aspectRatio) - 1e-9) {
            best = packing;
        }
    }
    return best ?? { places: [], width: 2 * pictureMargin(0), height: 2 * pictureMargin(0) };
}

const maxCandidateWidths = 60;

/** The widths at which the packing can change: the widths of every run of consecutive parts. */
function candidateRowWidths(sizes: readonly PartSize[], aspectRatio: number): number[] {
    const widest = Math.max(0, ...sizes.map(size => size.width));
    // Widths four times what a square-ish packing of the area would need cannot be the best fit.
    const area = sizes.reduce((sum, size) => sum + (size.width + partGap) * (size.height + partGap), 0);
    const widestUseful = Math.max(widest, 4 * Math.sqrt(area * aspectRatio));
    const widths = new Set<number>([widest]);
    for (let first = 0; first < sizes.length; first++) {
        let run = -partGap;
        for (let last = first; last < sizes.length && run <= widestUseful; last++) {
            run += sizes[last].width + partGap;
            if (run >= widest) {
                widths.add(run);
            }
        }
    }
    const sorted = [...widths].sort((a, b) => a - b);
    // Hundreds of loose factors give tens of thousands of widths; a few dozen spread over them find the shape as well.
    const step = Math.max(1, Math.floor(sorted.length / maxCandidateWidths));
    return sorted.filter((_, k) => k % step === 0 || k === sorted.length - 1);
}

/**
 * Places the parts in declaration order, each as high as it can go within the width and, among
 * the places that high, the leftmost: a short category tucks in under a tall one's neighbour
 * instead of leaving the space empty, as rows would.
 */
function packOnSkyline(sizes: readonly PartSize[], footprints: readonly PartSize[], width: number): Packing {
    const margin = pictureMargin(sizes.length);
    /** The lowest free y above each stretch of the width, as [x, y] from left to right; each stretch ends where the next starts. */
    let skyline: Array<[number, number]> = [[0, 0]];
    let right = 0;
    let bottom = 0;
    const places: PartPlace[] = [];
    footprints.forEach((size, index) => {
        let bestX = 0;
        let bestY = Infinity;
        for (let k = 0; k < skyline.length; k++) {
            const x = skyline[k][0];
            if (x > 0 && x + size.width > width) {
                break;
            }
            let y = 0;
            for (let m = k; m < skyline.length && skyline[m][0] < x + size.width; m++) {
                y = Math.max(y, skyline[m][1]);
            }
            if (y < bestY) {
                bestX = x;
                bestY = y;
            }
        }
        places.push({ x: margin + bestX, y: margin + bestY });
        const end = bestX + size.width + partGap;
        const top = bestY + size.height + partGap;
        const heightAt = (x: number): number => skyline.filter(([at]) => at <= x).at(-1)![1];
        skyline = [...skyline.filter(([at]) => at < bestX), [bestX, top] as [number, number], ...(skyline.some(([at]) => at === end) ? [] : [[end, heightAt(end)] as [number, number]]), ...skyline.filter(([at]) => at > end || (at === end))]
            .filter(([at], k, all) => k === 0 || at !== all[k - 1][0]);
        right = Math.max(right, bestX + sizes[index].width);
        bottom = Math.max(bottom, bestY + sizes[index].height);
    });
    return { places, width: right + 2 * margin, height: bottom + 2 * margin };
}
