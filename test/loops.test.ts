import { describe, expect, it } from 'vitest';
import { literalModelGraph } from '../language/analysis/graph-literal.js';
import type { LiteralFactor, LiteralRelation } from '../language/analysis/graph-literal.js';
import type { ModelGraph } from '../language/analysis/model-graph.js';
import type { LoopSearch } from '../language/analysis/tracing/index.js';
import { compareIds, findLoops, loopsByFactor } from '../language/analysis/tracing/index.js';

/** Relations `i -> +j` for every ordered pair of distinct factors `f0 … f(n-1)`. */
function completeGraph(n: number): ModelGraph {
    const ids = Array.from({ length: n }, (_, i) => `f${String(i).padStart(2, '0')}`);
    return literalModelGraph(ids, ids.flatMap(a => ids.filter(b => b !== a).map(b => `${a} -> +${b}`)));
}

/** Σ_{k=2..n} C(n,k)·(k−1)!: the number of elementary cycles of the complete directed graph. */
function completeGraphCycles(n: number): number {
    let total = 0;
    for (let k = 2; k <= n; k++) {
        let choose = 1;
        for (let i = 0; i < k; i++) {
            choose = choose * (n - i) / (i + 1);
        }
        let factorial = 1;
        for (let i = 2; i < k; i++) {
            factorial *= i;
        }
        total += choose * factorial;
    }
    return total;
}

/** Every elementary cycle by plain depth-first search, in the promised order: the reference for Johnson's. */
function bruteForceCycles(graph: ModelGraph): string[][] {
    const ids = graph.factors.map(f => f.id).sort(compareIds);
    const successors = (id: string): string[] => [...new Set(graph.outgoing(id).map(r => r.target))].filter(t => t !== id).sort(compareIds);
    const cycles: string[][] = [];
    for (const start of ids) {
        const walk = (path: string[]): void => {
            for (const next of successors(path[path.length - 1])) {
                if (next === start && path.length >= 2) {
                    cycles.push([...path]);
                } else if (next > start && !path.includes(next)) {
                    walk([...path, next]);
                }
            }
        };
        walk([start]);
    }
    return cycles.sort(compareSequences);
}

function compareSequences(a: readonly string[], b: readonly string[]): number {
    if (a.length !== b.length) {
        return a.length - b.length;
    }
    for (let i = 0; i < a.length; i++) {
        const order = compareIds(a[i], b[i]);
        if (order !== 0) {
            return order;
        }
    }
    return 0;
}

/** A small seeded generator, so that a failing random case can be reproduced. */
function randomGraph(seed: number, nodes: number, edges: number): ModelGraph {
    let state = seed;
    const next = (): number => {
        state = (state * 1103515245 + 12345) % 2147483648;
        return state / 2147483648;
    };
    const ids = Array.from({ length: nodes }, (_, i) => `n${i}`);
    const relations: string[] = [];
    for (let i = 0; i < edges; i++) {
        const a = ids[Math.floor(next() * nodes)];
        const b = ids[Math.floor(next() * nodes)];
        const sign = next() < 0.5 ? '+' : next() < 0.8 ? '-' : '?';
        relations.push(`${a} -> ${sign}${b}`);
    }
    return literalModelGraph(ids, relations);
}

/** What the command-line contract prints for a loop. */
function contract(search: LoopSearch): unknown {
    return { loops: search.loops.map(l => ({ id: l.id, nodes: l.nodes, kind: l.kind, delayed: l.delayed })), truncated: search.truncated };
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
    const copy = [...items];
    let state = seed;
    for (let i = copy.length - 1; i > 0; i--) {
        state = (state * 1103515245 + 12345) % 2147483648;
        const j = state % (i + 1);
        [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
}

describe('elementary cycles of complete directed graphs', () => {
    it.each([[2, 1], [3, 5], [4, 20], [5, 84], [6, 409]])('K%i has %i cycles', (n, expected) => {
        expect(completeGraphCycles(n)).toBe(expected);
        const search = findLoops(completeGraph(n));
        expect(search.loops).toHaveLength(expected);
        expect(search.truncated).toBe(false);
        expect(search.truncatedBy).toEqual([]);
        // Every loop is elementary and starts at its smallest factor.
        for (const loop of search.loops) {
            expect(new Set(loop.nodes).size).toBe(loop.nodes.length);
            expect([...loop.nodes].sort(compareIds)[0]).toBe(loop.nodes[0]);
        }
    });

    it('lists them shortest first, then lexicographically', () => {
        const nodes = findLoops(completeGraph(5)).loops.map(l => l.nodes);
        expect(nodes).toEqual([...nodes].sort(compareSequences));
        expect(nodes[0]).toEqual(['f00', 'f01']);
        expect(nodes.at(-1)).toEqual(['f00', 'f04', 'f03', 'f02', 'f01']);
    });
});

describe('loops agree with a brute-force enumeration', () => {
    it.each(Array.from({ length: 40 }, (_, i) => i + 1))('random graph %i', seed => {
        const graph = randomGraph(seed, 4 + (seed % 5), 6 + (seed % 13));
        const expected = bruteForceCycles(graph);
        const search = findLoops(graph, { maxLength: 12, maxLoops: 100000 });
        expect(search.loops.map(l => l.nodes)).toEqual(expected);
        expect(search.truncated).toBe(false);
        // With a length cap: exactly the short cycles, and 'length' exactly when a longer one exists.
        for (const maxLength of [2, 3, 4]) {
            const capped = findLoops(graph, { maxLength, maxLoops: 100000 });
            expect(capped.loops.map(l => l.nodes)).toEqual(expected.filter(c => c.length <= maxLength));
            expect(capped.truncatedBy).toEqual(expected.some(c => c.length > maxLength) ? ['length'] : []);
        }
    });
});

describe('strongly connected components', () => {
    it('finds no loop across components', () => {
        // Two loops joined one way only: a → b → a and c → d → c, with b → c.
        const graph = literalModelGraph([], ['a -> +b', 'b -> +a', 'b -> +c', 'c -> -d', 'd -> +c']);
        const search = findLoops(graph);
        expect(search.loops.map(l => l.nodes)).toEqual([['a', 'b'], ['c', 'd']]);
        expect(search.loops.map(l => l.id)).toEqual(['R1', 'B1']);
    });

    it('finds none in an acyclic graph', () => {
        const graph = literalModelGraph([], ['a -> +b', 'b -> +c', 'a -> +c', 'c -> -d']);
        expect(findLoops(graph)).toMatchObject({ loops: [], truncated: false });
    });

    it('handles a chain of thousands of factors without deep recursion', () => {
        const ids = Array.from({ length: 20000 }, (_, i) => `x${i}`);
        const relations = ids.slice(1).map((id, i) => `${ids[i]} -> +${id}`);
        relations.push(`${ids.at(-1)} -> -${ids[0]}`);
        const search = findLoops(literalModelGraph(ids, relations));
        expect(search.loops).toHaveLength(0);
        expect(search.truncatedBy).toEqual(['length']);
    });
});

describe('loop kinds, delays and ids', () => {
    const relations: LiteralRelation[] = [
        { source: 'a', target: 'b', sign: '+' },
        { source: 'b', target: 'a', sign: '+', speed: 'low' },
        { source: 'b', target: 'c', sign: '-' },
        { source: 'c', target: 'b', sign: '+', delay: 2 },
        { source: 'c', target: 'd', sign: '?' },
        { source: 'd', target: 'c', sign: '-', speed: 'high' },
        { source: 'd', target: 'e', sign: '-' },
        { source: 'e', target: 'd', sign: '-', speed: 'very high' }
    ];
    const search = findLoops(literalModelGraph([], relations));

    it('classifies by the product of signs and numbers loops per kind', () => {
        expect(contract(search)).toEqual({
            loops: [
                { id: 'R1', nodes: ['a', 'b'], kind: 'reinforcing', delayed: true },
                { id: 'B1', nodes: ['b', 'c'], kind: 'balancing', delayed: true },
                { id: 'U1', nodes: ['c', 'd'], kind: 'unknown', delayed: false },
                { id: 'R2', nodes: ['d', 'e'], kind: 'reinforcing', delayed: false }
            ],
            truncated: false
        });
    });

    it('adds up strengths and delays', () => {
        const [r1] = search.loops;
        expect(r1.strength).toBeCloseTo(0.25);
        expect(r1.delay).toBeCloseTo(1 + 3);
        expect(r1.links.map(l => [l.source, l.target])).toEqual([['a', 'b'], ['b', 'a']]);
    });

    it('indexes loops by factor', () => {
        expect(loopsByFactor(search).get('c')?.map(l => l.id)).toEqual(['B1', 'U1']);
    });

    it('does not count a self-relation as a loop', () => {
        expect(findLoops(literalModelGraph([], ['a -> +a', 'a -> +b'])).loops).toEqual([]);
    });

    it('treats parallel relations as one link, `?` when their signs disagree', () => {
        const merged = findLoops(literalModelGraph([], ['a -> +b', 'a -> +b', 'b -> +a']));
        expect(merged.loops.map(l => l.kind)).toEqual(['reinforcing']);
        const contradictory = findLoops(literalModelGraph([], ['a -> +b', 'a -> -b', 'b -> +a']));
        expect(contradictory.loops.map(l => l.kind)).toEqual(['unknown']);
        expect(contradictory.loops[0].links[0].relations).toEqual([0, 1]);
    });
});

describe('bounds', () => {
    const full = findLoops(completeGraph(6));

    it('caps the count, keeping the first loops of the full order', () => {
        const capped = findLoops(completeGraph(6), { maxLoops: 25 });
        expect(capped.loops).toHaveLength(25);
        expect(capped.truncatedBy).toEqual(['count']);
        expect(contract(capped)).toEqual(contract({ ...full, loops: full.loops.slice(0, 25), truncated: true }));
    });

    it('reports no truncation when the count is exactly the cap', () => {
        expect(findLoops(completeGraph(4), { maxLoops: 20 })).toMatchObject({ truncated: false });
        expect(findLoops(completeGraph(4), { maxLoops: 19 })).toMatchObject({ truncated: true, truncatedBy: ['count'] });
    });

    it('caps the length', () => {
        const capped = findLoops(completeGraph(5), { maxLength: 3 });
        expect(capped.loops).toHaveLength(10 + 20);
        expect(capped.truncatedBy).toEqual(['length']);
        expect(findLoops(completeGraph(5), { maxLength: 5 }).truncated).toBe(false);
    });

    it('caps the work, still keeping a prefix of the full order', () => {
        const capped = findLoops(completeGraph(6), { maxSteps: 300 });
        expect(capped.truncatedBy).toContain('steps');
        expect(capped.loops.length).toBeLessThan(full.loops.length);
        expect(capped.loops.map(l => l.nodes)).toEqual(full.loops.slice(0, capped.loops.length).map(l => l.nodes));
    });

    it('never hangs on a dense graph: the search stops at its count bound', () => {
        const search = findLoops(completeGraph(40));
        expect(search.truncated).toBe(true);
        expect(search.loops).toHaveLength(500);
        expect(search.truncatedBy).toEqual(['count']);
        // 40·39/2 = 780 two-factor loops: the 500 kept are all among the shortest.
        expect(search.loops.every(l => l.nodes.length === 2)).toBe(true);
    });
});

describe('determinism', () => {
    it('gives the same loops whatever the declaration order', () => {
        const factors: LiteralFactor[] = ['p', 'q', 'r', 's', 't', 'u'].map(id => ({ id }));
        const relations = ['p -> +q', 'q -> -r', 'r -> +p', 'r -> +s', 's -> +t', 't -> ?r', 'q -> +u', 'u -> -p', 't -> +q'];
        const reference = contract(findLoops(literalModelGraph(factors, relations)));
        for (let seed = 1; seed <= 10; seed++) {
            const graph = literalModelGraph(shuffled(factors, seed), shuffled(relations, seed * 7));
            expect(contract(findLoops(graph))).toEqual(reference);
        }
        expect(contract(findLoops(literalModelGraph(factors, relations)))).toEqual(reference);
    });
});
