import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { ElkLayouter } from '../../language/diagram/diagram-layout.js';

const gap = 24;
const padding = { top: 30, side: 14 } as const;

/**
 * A stand-in for ELK that puts every container's children in a square grid and routes no
 * edge (they are drawn as curves). Instant at any size, so the preview can be tested with
 * thousands of factors; the picture is not what ELK would draw.
 */
export class GridLayouter implements ElkLayouter {
    async layout(graph: ElkNode): Promise<ElkNode> {
        const copy = structuredClone(graph);
        place(copy);
        return copy;
    }
}

function place(node: ElkNode): void {
    const children = node.children ?? [];
    if (children.length === 0) {
        return;
    }
    children.forEach(place);
    const columns = Math.ceil(Math.sqrt(children.length));
    let x = padding.side;
    let y = padding.top;
    let rowHeight = 0;
    let width = 0;
    children.forEach((child, i) => {
        if (i > 0 && i % columns === 0) {
            x = padding.side;
            y += rowHeight + gap;
            rowHeight = 0;
        }
        child.x = x;
        child.y = y;
        x += (child.width ?? 0) + gap;
        rowHeight = Math.max(rowHeight, child.height ?? 0);
        width = Math.max(width, x - gap);
    });
    node.width = Math.max(node.width ?? 0, width + padding.side);
    node.height = y + rowHeight + padding.side;
}
