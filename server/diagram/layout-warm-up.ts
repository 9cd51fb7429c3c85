import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import { categoryOptions } from '../../language/diagram/elk-graph.js';

/**
 * A category of a typical size (40 factors, 100 relations, one port per relation end), laid out
 * by the worker a few times as soon as it starts: elkjs is Java compiled to JavaScript and runs
 * several times slower until the JIT has compiled it, which the preview's first drawing would pay.
 */
export function warmUpGraph(): ElkNode {
    const factors = 40;
    const relations = 100;
    const children: ElkNode[] = Array.from({ length: factors }, (_, k) => ({ id: `f:${k}`, width: 90 + (k % 4) * 20, height: 40, ports: [] }));
    const edges: ElkExtendedEdge[] = [];
    for (let k = 0; k < relations; k++) {
        // A fixed scramble, so the graph has the cycles and long edges of a real model.
        const source = (k * 7) % factors;
        const target = (k * 13 + 5) % factors;
        if (source !== target) {
            children[source].ports!.push({ id: `r:${k}:out`, width: 1, height: 1 });
            children[target].ports!.push({ id: `r:${k}:in`, width: 1, height: 1 });
            edges.push({ id: `r:${k}`, sources: [`r:${k}:out`], targets: [`r:${k}:in`] });
        }
    }
    // Shaped as a category is given to ELK (part-packing.ts): the category itself is the root.
    return { id: 'c:warm-up', layoutOptions: categoryOptions, children, edges };
}

/**
 * At most this many warm-up layouts: the seed example's first drawing takes 0.3–0.4 s of cpu
 * after ten of them, 0.5 s after four and 0.7 s without any. The first task stops the warm-up.
 */
export const warmUpRuns = 10;
