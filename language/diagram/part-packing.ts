import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { diagramMetrics } from './diagram-style.js';

/** Anything that lays out an ELK graph: elkjs in this process, in a worker, or a stand-in in tests. */
export interface ElkLayouter {
    layout(graph: ElkNode): Promise<ElkNode>;
}

/** Box sizes are rounded up to this grid, so that small changes inside a category leave the others in place. */
const grid = { width: 60, height: 40 } as const;
const gap = 28;
/** Rows are filled up to a width that gives the whole picture about the shape of a screen. */
const aspectRatio = 1.6;

/**
 * Lays out each top-level part of the ELK graph (a category with everything in it, or a
 * factor outside any category) on its own, rounds its size up to a grid, and packs the parts
 * in rows in declaration order. An edit inside one category then moves nothing else unless
 * that category outgrows its grid cell, and the parts lay out independently.
 */
export async function layoutInParts(root: ElkNode, elk: ElkLayouter): Promise<ElkNode> {
    const parts = await Promise.all((root.children ?? []).map(part => layoutPart(part, elk)));
    for (const part of parts) {
        part.width = Math.ceil((part.width ?? 0) / grid.width) * grid.width;
        part.height = Math.ceil((part.height ?? 0) / grid.height) * grid.height;
    }
    const { width, height } = packInRows(parts);
    return { ...root, children: parts, edges: [], width, height };
}

async function layoutPart(part: ElkNode, elk: ElkLayouter): Promise<ElkNode> {
    if (!part.children) {
        return { ...part };
    }
    const wrapper = await elk.layout({ id: `part:${part.id}`, layoutOptions: { 'elk.algorithm': 'layered', 'elk.padding': '[top=0,left=0,bottom=0,right=0]' }, children: [part], edges: [] });
    return wrapper.children![0];
}

function packInRows(parts: ElkNode[]): { width: number; height: number } {
    const margin = diagramMetrics.margin;
    const area = parts.reduce((sum, p) => sum + (p.width! + gap) * (p.height! + gap), 0);
    const rowWidth = Math.max(...parts.map(p => p.width!), Math.sqrt(area * aspectRatio), 0);
    let x = margin;
    let y = margin;
    let rowHeight = 0;
    let width = 0;
    for (const part of parts) {
        if (x > margin && x + part.width! > margin + rowWidth) {
            x = margin;
            y += rowHeight + gap;
            rowHeight = 0;
        }
        part.x = x;
        part.y = y;
        x += part.width! + gap;
        rowHeight = Math.max(rowHeight, part.height!);
        width = Math.max(width, x - gap);
    }
    return { width: width + margin, height: y + rowHeight + margin };
}
