import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import { categoryOptions, elkCategoryId, elkNodeId } from '../../language/diagram/elk-graph.js';
import { defaultAspectRatio } from '../../language/diagram/part-packing.js';
import type { PlacedRelation, PlacementRequest } from '../../language/diagram/placement.js';

/**
 * A drawing of a typical model (130 factors in six categories, one with two sub-categories, 280
 * relations inside categories and 50 between them), shaped as the language server asks the
 * layout worker to place a model (elk-graph.ts, placement.ts), placed by the worker a number of
 * times as soon as it starts: elkjs is Java compiled to JavaScript and, like the packing and
 * routing around it, runs several times slower until the JIT has compiled it, which the
 * preview's first drawing would pay. A whole placement warms everything a drawing runs; a single
 * ELK graph warmed ELK alone, and left the first drawing of 100 factors twice as slow as a warm one.
 */
export function warmUpPlacement(): PlacementRequest {
    const relations: PlacedRelation[] = [];
    const factorIds: string[][] = [];
    const root: ElkNode = { id: 'root', children: [], edges: [] };
    categoryFactors.forEach((factors, index) => {
        const category = warmUpCategory(`${index}`, factors, relations);
        if (index === 0) {
            // Two sub-categories, each a box joined to factors of the category and to each other.
            const boxes = [warmUpCategory('0.a', 8, relations), warmUpCategory('0.b', 6, relations)];
            boxes.forEach((box, k) => {
                category.children!.push(box);
                const [into, outOf] = [elkNodeId(`0:${k}`), elkNodeId(`0:${k + 5}`)];
                category.edges!.push(
                    { id: `p:${box.id}>${into}`, sources: [box.id], targets: [into] },
                    { id: `p:${outOf}>${box.id}`, sources: [outOf], targets: [box.id] }
                );
            });
            category.edges!.push({ id: 'p:boxes', sources: [boxes[0].id], targets: [boxes[1].id] });
        }
        root.children!.push(category);
        factorIds.push(Array.from({ length: factors }, (_, k) => elkNodeId(`${index}:${k}`)));
    });
    for (let k = 0; k < relationsBetweenCategories; k++) {
        // A fixed scramble over pairs of categories, as a model's feedback between its domains.
        const from = factorIds[k % factorIds.length];
        const to = factorIds[(k * 5 + 1) % factorIds.length];
        if (from !== to) {
            relations.push({ source: from[(k * 7) % from.length], target: to[(k * 3 + 2) % to.length] });
        }
    }
    return { root, relations, aspectRatio: defaultAspectRatio };
}

/** Factors in each top-level category of the warm-up drawing. */
const categoryFactors = [30, 26, 20, 16, 12, 12];
/** Relations inside a category per factor in it, and relations between categories. */
const relationsPerFactor = 2.2;
const relationsBetweenCategories = 50;

/**
 * A category as toElkGraph makes it: factors of a few widths, one port per relation end, its
 * relations scrambled so that it has the cycles and long edges of a real model.
 */
function warmUpCategory(name: string, factors: number, relations: PlacedRelation[]): ElkNode {
    const children: ElkNode[] = Array.from({ length: factors }, (_, k) => ({ id: elkNodeId(`${name}:${k}`), width: 90 + (k % 4) * 20, height: 40 + (k % 3) * 16, ports: [] }));
    const edges: ElkExtendedEdge[] = [];
    for (let k = 0; k < Math.round(factors * relationsPerFactor); k++) {
        const source = children[(k * 7) % factors];
        const target = children[(k * 13 + 5) % factors];
        if (source !== target) {
            const id = `r:${name}:${k}`;
            source.ports!.push({ id: `${id}:out`, width: 1, height: 1 });
            target.ports!.push({ id: `${id}:in`, width: 1, height: 1 });
            edges.push({ id, sources: [`${id}:out`], targets: [`${id}:in`] });
            relations.push({ source: source.id, target: target.id, edge: id });
        }
    }
    return { id: elkCategoryId(`warm-up-${name}`), layoutOptions: categoryOptions, children, edges };
}

/**
 * At most this many warm-up placements (about 1.5 s of one core): the first drawing of 100
 * factors then takes little more than a warm one. The first task stops the warm-up.
 */
export const warmUpRuns = 12;
