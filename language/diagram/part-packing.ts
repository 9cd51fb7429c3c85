import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { diagramMetrics } from './diagram-style.js';

/** Anything that lays out an ELK graph: elkjs in this process, in a worker, or a stand-in in tests. */
export interface ElkLayouter {
    layout(graph: ElkNode): Promise<ElkNode>;
}

/** Box sizes are rounded up to this grid, so that small changes inside a category leave the others in place. */
const grid = { width: 60, height: 40 } as const;
/** Between two parts; routes between categories run along the middle of it. */
export const partGap = 28;
/** The shape of a screen, for a picture whose panel is not known. */
export const defaultAspectRatio = 1.6;

/**
 * Lays out each top-level part of the ELK graph (a category with everything in it, or a
 * factor outside any category) on its own, rounds its size up to a grid, and packs the parts
 * in declaration order (packOnSkyline), to the width that gives the whole picture the shape closest to
 * `aspectRatio` (width / height: the preview's panel, or an export's). An edit inside one
 * category then moves nothing else unless that category outgrows its grid cell, and the parts
 * lay out independently.
 */
export async function layoutInParts(root: ElkNode, elk: ElkLayouter, aspectRatio = defaultAspectRatio): Promise<ElkNode> {
    const parts = await Promise.all((root.children ?? []).map(part => layoutPart(part, elk)));
    for (const part of parts) {
        part.width = Math.ceil((part.width ?? 0) / grid.width) * grid.width;
        part.height = Math.ceil((part.height ?? 0) / grid.height) * grid.height;
    }
    const { width, height } = packToAspectRatio(parts, aspectRatio);
    return { ...root, children: parts, edges: [], width, height };
}

async function layoutPart(part: ElkNode, elk: ElkLayouter): Promise<ElkNode> {
    if (!part.children) {
        return { ...part };
    }
    const wrapper = await elk.layout({ id: `part:${part.id}`, layoutOptions: { 'elk.algorithm': 'layered', 'elk.padding': '[top=0,left=0,bottom=0,right=0]' }, children: [part], edges: [] });
    return wrapper.children![0];
}

interface PartSize {
    readonly width: number;
    readonly height: number;
}

/**
 * Packs to the width, among every width at which the packing changes, whose picture comes
 * closest to the aspect ratio (compared on a log scale, so too wide and too tall weigh alike).
 */
function packToAspectRatio(parts: ElkNode[], aspectRatio: number): { width: number; height: number } {
    const sizes = parts.map(p => ({ width: p.width!, height: p.height! }));
    let best = { rowWidth: 0, misfit: Infinity };
    for (const rowWidth of candidateRowWidths(sizes, aspectRatio)) {
        const { width, height } = packOnSkyline(sizes, rowWidth, () => undefined);
        const misfit = Math.abs(Math.log(width / height / aspectRatio));
        if (misfit < best.misfit - 1e-9) {
            best = { rowWidth, misfit };
        }
    }
    return packOnSkyline(sizes, best.rowWidth, (index, x, y) => {
        parts[index].x = x;
        parts[index].y = y;
    });
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
function packOnSkyline(sizes: readonly PartSize[], width: number, place: (index: number, x: number, y: number) => void): { width: number; height: number } {
    const margin = diagramMetrics.margin;
    /** The lowest free y above each stretch of the width, as [x, y] from left to right; each stretch ends where the next starts. */
    let skyline: Array<[number, number]> = [[0, 0]];
    let right = 0;
    let bottom = 0;
    sizes.forEach((size, index) => {
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
        place(index, margin + bestX, margin + bestY);
        const end = bestX + size.width + partGap;
        const top = bestY + size.height + partGap;
        const heightAt = (x: number): number => skyline.filter(([at]) => at <= x).at(-1)![1];
        skyline = [...skyline.filter(([at]) => at < bestX), [bestX, top] as [number, number], ...(skyline.some(([at]) => at === end) ? [] : [[end, heightAt(end)] as [number, number]]), ...skyline.filter(([at]) => at > end || (at === end))]
            .filter(([at], k, all) => k === 0 || at !== all[k - 1][0]);
        right = Math.max(right, bestX + size.width);
        bottom = Math.max(bottom, bestY + size.height);
    });
    return { width: right + 2 * margin, height: bottom + 2 * margin };
}
