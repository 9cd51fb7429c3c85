import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import { categoryOptions } from '../../language/diagram/elk-graph.js';

/**
 * A category of a typical size (40 factors, 100 relations, one port per relation end, and four
 * sub-categories as boxes joined to factors and to each other by edges without ports), laid out
 * by the worker a number of times as soon as it starts: elkjs is Java compiled to JavaScript and
 * runs several times slower until the JIT has compiled it, which the preview's first drawing
 * would pay. The boxes and their edges make ELK run the code a category with sub-categories
 * needs too (elk-graph.ts): without them the first 500-factor drawing took about an eighth more cpu.
 */
export function warmUpGraph(): ElkNode {
    const factors = 40;
    const relations = 100;
    const subCategories = 4;
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
    for (let box = 0; box < subCategories; box++) {
        const id = `c:warm-up-${box}`;
        children.push({ id, width: 300 + 60 * box, height: 200 + 40 * box });
        for (let k = 0; k < 4; k++) {
            const factor = `f:${(box * 11 + k * 3) % factors}`;
            edges.push({ id: `p:${id}:${k}`, sources: [k % 2 === 0 ? id : factor], targets: [k % 2 === 0 ? factor : id] });
        }
    }
    edges.push({ id: 'p:boxes:0', sources: ['c:warm-up-0'], targets: ['c:warm-up-1'] }, { id: 'p:boxes:1', sources: ['c:warm-up-2'], targets: ['c:warm-up-3'] });
    // Shaped as a category is given to ELK (part-packing.ts): the category itself is the root.
    return { id: 'c:warm-up', layoutOptions: categoryOptions, children, edges };
}

/**
 * At most this many warm-up layouts: the first drawing of 500 factors takes about a fifth less
 * cpu after twenty than after ten (the seed example's 0.3–0.4 s after ten, 0.5 s after four, 0.7 s
 * without any). The first task stops the warm-up.
 */
export const warmUpRuns = 20;
