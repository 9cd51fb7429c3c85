import { describe, expect, it } from 'vitest';
import type { LiteralFactor, LiteralRelation } from '../language/analysis/graph-literal.js';
import { literalModelGraph } from '../language/analysis/graph-literal.js';
import type { ModelGraph } from '../language/analysis/model-graph.js';
import type { TraceTarget } from '../language/analysis/tracing/index.js';
import {
    compareIds, defaultLoopBounds, defaultPathBounds, dominantSign, effectOf, findPaths, influenceTree, measurePath, productSign, traceFactor, verdictOf
} from '../language/analysis/tracing/index.js';

const kpi = (id: string, direction: 'increase' | 'decrease'): LiteralFactor => ({ id, kind: 'kpi', direction });
const intervention = (id: string): LiteralFactor => ({ id, kind: 'intervention' });

function pathNodes(graph: ModelGraph, from: string, to: string, bounds = {}): string[][] {
    return findPaths(graph, from, to, bounds).paths.map(p => [...p.nodes]);
}

/** The contract's view of a target (what `marvel trace --format json` prints). */
function contractTarget(target: TraceTarget): unknown {
    const { target: id, kpi: isKpi, direction, effect, verdict, truncated } = target;
    return { target: id, kpi: isKpi, direction, effect, verdict, truncated, paths: target.paths.map(p => ({ nodes: p.nodes, sign: p.sign, loops: p.loops })) };
}

function completeGraph(n: number): ModelGraph {
    const ids = Array.from({ length: n }, (_, i) => `f${String(i).padStart(2, '0')}`);
    return literalModelGraph(ids, ids.flatMap(a => ids.filter(b => b !== a).map(b => `${a} -> +${b}`)));
}

/** Every simple path by plain depth-first search, in the promised order: the reference for the bounded search. */
function bruteForcePaths(graph: ModelGraph, from: string, to: string): string[][] {
    const paths: string[][] = [];
    const walk = (path: string[]): void => {
        const last = path[path.length - 1];
        if (last === to) {
            paths.push(path);
            return;
        }
        for (const next of [...new Set(graph.outgoing(last).map(r => r.target))].sort(compareIds)) {
            if (!path.includes(next)) {
                walk([...path, next]);
            }
        }
    };
    walk([from]);
    return paths.sort((a, b) => a.length - b.length || compareIds(a.join('\u0000'), b.join('\u0000')));
}

describe('signs, effects and verdicts', () => {
    it('multiplies signs; any ? makes ?', () => {
        expect(productSign(['+', '-', '-'])).toBe('+');
        expect(productSign(['+', '-'])).toBe('-');
        expect(productSign(['-', '?', '-'])).toBe('?');
        expect(productSign([])).toBe('+');
    });

    it('combines path signs into an effect; ? paths do not overrule signed ones', () => {
        expect(effectOf([])).toBe('none');
        expect(effectOf(['+', '+'])).toBe('+');
        expect(effectOf(['-'])).toBe('-');
        expect(effectOf(['+', '-'])).toBe('mixed');
        expect(effectOf(['?', '?'])).toBe('?');
        expect(effectOf(['+', '?'])).toBe('+');
        expect(effectOf(['-', '?', '+'])).toBe('mixed');
    });

    it('judges effects against a KPI direction, assuming the intervention raises its factor', () => {
        expect(verdictOf('+', 'increase')).toBe('desired');
        expect(verdictOf('-', 'decrease')).toBe('desired');
        expect(verdictOf('+', 'decrease')).toBe('undesired');
        expect(verdictOf('-', 'increase')).toBe('undesired');
        expect(verdictOf('mixed', 'increase')).toBe('mixed');
        expect(verdictOf('?', 'decrease')).toBe('unknown');
        expect(verdictOf('none', 'increase')).toBe('none');
        expect(verdictOf('+', undefined)).toBe('none');
    });

    it('names the dominant sign by total weight', () => {
        expect(dominantSign({ '+': 0.5, '-': 0.2, '?': 0 }, 'mixed')).toBe('+');
        expect(dominantSign({ '+': 0.2, '-': 0.5, '?': 0 }, 'mixed')).toBe('-');
        expect(dominantSign({ '+': 0.3, '-': 0.1 + 0.2, '?': 0 }, 'mixed')).toBe('mixed');
        expect(dominantSign({ '+': 0.3, '-': 0, '?': 0.4 }, '+')).toBe('?');
        expect(dominantSign({ '+': 0, '-': 0, '?': 0 }, 'none')).toBe('none');
        expect(dominantSign({ '+': 0, '-': 0, '?': 0 }, '+')).toBe('+');
    });

    it('scores a path from strengths, length and delay', () => {
        const graph = literalModelGraph([], [
            { source: 'a', target: 'b', sign: '+', strength: 'strong', speed: 'low' },
            { source: 'b', target: 'c', sign: '-', strength: 'weak', delay: 2 }
        ]);
        const [path] = findPaths(graph, 'a', 'c').paths;
        expect(path.strength).toBeCloseTo(1.0 * 0.2);
        expect(path.delay).toBeCloseTo(3 + 2);
        expect(path.score).toBeCloseTo(0.2 * 0.9 * 10 / (10 + 5));
        expect(path.delayed).toBe(true);
        expect(measurePath([]).score).toBe(1);
    });
});

describe('paths', () => {
    it('follows a chain', () => {
        const graph = literalModelGraph([intervention('a'), kpi('d', 'decrease')], ['a -> +b', 'b -> -c', 'c -> +d']);
        const result = traceFactor(graph, 'a');
        expect(result.targets.map(contractTarget)).toEqual([
            { target: 'd', kpi: true, direction: 'decrease', effect: '-', verdict: 'desired', truncated: false, paths: [{ nodes: ['a', 'b', 'c', 'd'], sign: '-', loops: [] }] }
        ]);
        expect(result.targets[0].paths[0].links.map(l => l.relations)).toEqual([[0], [1], [2]]);
    });

    it('finds both sides of a diamond with opposite signs: mixed', () => {
        const graph = literalModelGraph([intervention('a'), kpi('d', 'increase')], ['a -> +b', 'b -> +d', 'a -> +c', 'c -> -d']);
        const [target] = traceFactor(graph, 'a').targets;
        expect(target.paths.map(p => [p.nodes.join(' '), p.sign])).toEqual([['a b d', '+'], ['a c d', '-']]);
        expect(target).toMatchObject({ effect: 'mixed', verdict: 'mixed', dominant: 'mixed' });
        // A stronger positive side dominates.
        const stronger = literalModelGraph([intervention('a'), kpi('d', 'increase')], [
            'a -> +b', { source: 'b', target: 'd', sign: '+', strength: 'strong' }, 'a -> +c', 'c -> -d'
        ]);
        expect(traceFactor(stronger, 'a').targets[0]).toMatchObject({ effect: 'mixed', dominant: '+' });
        // A slow negative side weighs less too.
        const slow = literalModelGraph([intervention('a'), kpi('d', 'increase')], ['a -> +b', 'b -> +d', 'a -> +c', { source: 'c', target: 'd', sign: '-', speed: 'low' }]);
        expect(traceFactor(slow, 'a').targets[0].dominant).toBe('+');
    });

    it('makes a path with a ? relation unknown', () => {
        const unknownOnly = literalModelGraph([intervention('a'), kpi('c', 'increase')], ['a -> ?b', 'b -> +c']);
        expect(traceFactor(unknownOnly, 'a').targets[0]).toMatchObject({ effect: '?', verdict: 'unknown', dominant: '?' });
        const withSigned = literalModelGraph([intervention('a'), kpi('c', 'increase')], ['a -> ?b', 'b -> +c', 'a -> +c']);
        const target = traceFactor(withSigned, 'a').targets[0];
        expect(target.paths.map(p => p.sign)).toEqual(['+', '?']);
        expect(target).toMatchObject({ effect: '+', verdict: 'desired', dominant: '+' });
        expect(target.weights['?']).toBeGreaterThan(0);
    });

    it('reports an unreachable target as none', () => {
        const graph = literalModelGraph([intervention('a'), kpi('k', 'increase')], ['a -> +b', 'k -> +a']);
        expect(traceFactor(graph, 'a').targets[0]).toMatchObject({ effect: 'none', verdict: 'none', dominant: 'none', paths: [], truncated: false });
    });

    it('traces a factor to itself as the path of length zero', () => {
        const graph = literalModelGraph([kpi('k', 'increase')], ['k -> +b', 'b -> -k']);
        const [target] = traceFactor(graph, 'k').targets;
        expect(target.paths.map(p => p.nodes)).toEqual([['k']]);
        expect(target).toMatchObject({ effect: '+', verdict: 'desired' });
        expect(target.paths[0].loops).toEqual(['B1']);
    });

    it('gives a non-KPI target no direction and no verdict', () => {
        const graph = literalModelGraph([], ['a -> +b']);
        expect(traceFactor(graph, 'a', { to: 'b' }).targets[0]).toMatchObject({ kpi: false, direction: null, effect: '+', verdict: 'none' });
    });

    it('traces to every KPI in declaration order without a target', () => {
        const graph = literalModelGraph([kpi('z', 'increase'), intervention('a'), kpi('m', 'decrease')], ['a -> +z', 'a -> +m']);
        expect(traceFactor(graph, 'a').targets.map(t => [t.target, t.verdict])).toEqual([['z', 'desired'], ['m', 'undesired']]);
    });

    it('lists paths shortest first, then lexicographically', () => {
        const graph = literalModelGraph([], ['s -> +z', 'z -> +t', 's -> +b', 'b -> +t', 's -> +t', 's -> +a', 'a -> +c', 'c -> +t', 'a -> +t']);
        expect(pathNodes(graph, 's', 't')).toEqual([['s', 't'], ['s', 'a', 't'], ['s', 'b', 't'], ['s', 'z', 't'], ['s', 'a', 'c', 't']]);
    });

    it('never passes through the target or repeats a factor', () => {
        const graph = literalModelGraph([], ['a -> +b', 'b -> +a', 'b -> +t', 't -> +b']);
        expect(pathNodes(graph, 'a', 't')).toEqual([['a', 'b', 't']]);
    });

    it('marks the loops each path shares a factor with, those running along it first', () => {
        const graph = literalModelGraph([intervention('a'), kpi('k', 'increase')], ['a -> +b', 'b -> +c', 'c -> +k', 'c -> -b', 'k -> +x', 'x -> +k', 'a -> +k', 'a -> +z', 'z -> +a', 'y -> +w', 'w -> +y']);
        const result = traceFactor(graph, 'a');
        expect(result.loops.loops.map(l => [l.id, l.nodes.join(' ')])).toEqual([['R1', 'a z'], ['B1', 'b c'], ['R2', 'k x'], ['R3', 'w y']]);
        expect(result.targets[0].paths.map(p => [p.nodes.join(' '), p.loops])).toEqual([['a k', ['R1', 'R2']], ['a b c k', ['B1', 'R1', 'R2']]]);
    });

    it('merges parallel relations into one step', () => {
        const graph = literalModelGraph([], ['a -> +b', 'a -> +b', 'b -> +c']);
        expect(findPaths(graph, 'a', 'c').paths.map(p => [p.nodes.join(' '), p.sign])).toEqual([['a b c', '+']]);
        const contradictory = literalModelGraph([], ['a -> +b', 'a -> -b', 'b -> +c']);
        expect(findPaths(contradictory, 'a', 'c').paths[0].sign).toBe('?');
    });

    it('throws on an unknown factor', () => {
        const graph = literalModelGraph([], ['a -> +b']);
        expect(() => traceFactor(graph, 'nope')).toThrow(/unknown factor 'nope'/);
        expect(() => traceFactor(graph, 'a', { to: 'nope' })).toThrow(/unknown factor 'nope'/);
    });
});

describe('paths agree with a brute-force enumeration', () => {
    function randomGraph(seed: number, nodes: number, edges: number): ModelGraph {
        let state = seed;
        const next = (): number => {
            state = (state * 1103515245 + 12345) % 2147483648;
            return state / 2147483648;
        };
        const ids = Array.from({ length: nodes }, (_, i) => `n${i}`);
        const relations = Array.from({ length: edges }, () => `${ids[Math.floor(next() * nodes)]} -> +${ids[Math.floor(next() * nodes)]}`);
        return literalModelGraph(ids, relations);
    }

    it.each(Array.from({ length: 40 }, (_, i) => i + 1))('random graph %i', seed => {
        const nodes = 4 + (seed % 5);
        const graph = randomGraph(seed, nodes, 6 + (seed % 13));
        const expected = bruteForcePaths(graph, 'n0', `n${nodes - 1}`);
        expect(pathNodes(graph, 'n0', `n${nodes - 1}`, { maxPaths: 100000 })).toEqual(expected);
        for (const maxLength of [1, 2, 3]) {
            const capped = findPaths(graph, 'n0', `n${nodes - 1}`, { maxLength, maxPaths: 100000 });
            expect(capped.paths.map(p => p.nodes)).toEqual(expected.filter(p => p.length - 1 <= maxLength));
            // 'length' exactly when a longer simple path exists.
            expect(capped.truncatedBy).toEqual(expected.some(p => p.length - 1 > maxLength) ? ['length'] : []);
        }
        for (const maxPaths of [1, 3]) {
            const capped = findPaths(graph, 'n0', `n${nodes - 1}`, { maxPaths });
            expect(capped.paths.map(p => p.nodes)).toEqual(expected.slice(0, maxPaths));
            expect(capped.truncatedBy).toEqual(expected.length > maxPaths ? ['count'] : []);
        }
    });
});

describe('bounds and determinism', () => {
    it('exports sensible defaults', () => {
        expect(defaultPathBounds).toMatchObject({ maxLength: 10, maxPaths: 200 });
        expect(defaultLoopBounds).toMatchObject({ maxLength: 12, maxLoops: 500 });
    });

    it('caps the number of paths and says so', () => {
        // K7 has 1 + 5 + 20 + 60 + 120 + 120 = 326 simple paths from one factor to another.
        const all = findPaths(completeGraph(7), 'f00', 'f06', { maxPaths: 1000 });
        expect(all.paths).toHaveLength(326);
        expect(all.truncated).toBe(false);
        const capped = findPaths(completeGraph(7), 'f00', 'f06');
        expect(capped.paths).toHaveLength(200);
        expect(capped.truncatedBy).toEqual(['count']);
        expect(capped.paths.map(p => p.nodes)).toEqual(all.paths.slice(0, 200).map(p => p.nodes));
    });

    it('caps the length and says so, but only when a longer path exists', () => {
        const capped = findPaths(completeGraph(5), 'f00', 'f04', { maxLength: 2 });
        expect(capped.paths).toHaveLength(1 + 3);
        expect(capped.truncatedBy).toEqual(['length']);
        // b leads back to the target only through a, which the path already holds.
        const graph = literalModelGraph([], ['a -> +t', 'a -> +b', 'b -> +a']);
        expect(findPaths(graph, 'a', 't', { maxLength: 1 })).toMatchObject({ truncated: false });
        const unreachableInTime = literalModelGraph([], ['a -> +b', 'b -> +c', 'c -> +d']);
        expect(findPaths(unreachableInTime, 'a', 'd', { maxLength: 2 })).toMatchObject({ paths: [], truncatedBy: ['length'] });
    });

    it('caps the work on a dense graph and never hangs', () => {
        const result = traceFactor(completeGraph(60), 'f00', { to: 'f59' });
        expect(result.targets[0].truncated).toBe(true);
        expect(result.targets[0].paths).toHaveLength(200);
        expect(result.loops.truncated).toBe(true);
        const starved = findPaths(completeGraph(12), 'f00', 'f11', { maxSteps: 50, maxPaths: 100000 });
        expect(starved.truncatedBy).toContain('steps');
    });

    it('gives the same trace whatever the declaration order', () => {
        const factors: LiteralFactor[] = [intervention('p'), { id: 'q' }, { id: 'r' }, { id: 's' }, { id: 't' }, kpi('u', 'decrease')];
        const relations: LiteralRelation[] = ['p -> +q', 'q -> -r', 'r -> +u', 'p -> +s', 's -> +t', 't -> ?u', 'q -> +u', 'u -> -p', 't -> +q', 'r -> +s']
            .map(text => ({ source: text[0], target: text.at(-1)!, sign: text[5] as '+' | '-' | '?' }));
        const reference = traceFactor(literalModelGraph(factors, relations), 'p').targets.map(contractTarget);
        for (let seed = 1; seed <= 10; seed++) {
            const graph = literalModelGraph([...factors].sort(() => 0).reverse(), rotate(relations, seed));
            expect(traceFactor(graph, 'p').targets.map(contractTarget)).toEqual(reference);
        }
    });
});

function rotate<T>(items: readonly T[], by: number): T[] {
    const shift = by % items.length;
    return [...items.slice(shift), ...items.slice(0, shift)].reverse();
}

describe('causes and uses trees', () => {
    const graph = literalModelGraph([], ['a -> +b', 'b -> -c', 'c -> +a', 'x -> -b', 'b -> +d', 'd -> +e', 'e -> +f']);

    it('lists what a factor influences, level by level, with signs along the branch', () => {
        const tree = influenceTree(graph, 'b', 'uses', { depth: 2 });
        expect(tree.root.children.map(c => [c.id, c.sign])).toEqual([['c', '-'], ['d', '+']]);
        expect(tree.root.children[0].children.map(c => [c.id, c.sign, c.loop])).toEqual([['a', '-', false]]);
        expect(tree.root.children[0].children[0].more).toBe(true);
        expect(tree.truncated).toBe(true);
        expect(tree.nodeCount).toBe(5);
    });

    it('lists what influences a factor and stops where a loop closes', () => {
        const tree = influenceTree(graph, 'b', 'causes', { depth: 5 });
        expect(tree.root.children.map(c => [c.id, c.sign, c.link?.source])).toEqual([['a', '+', 'a'], ['x', '-', 'x']]);
        const c = tree.root.children[0].children[0];
        expect([c.id, c.sign]).toEqual(['c', '+']);
        expect(c.children.map(n => [n.id, n.loop, n.sign, n.children.length])).toEqual([['b', true, '-', 0]]);
        expect(tree.truncated).toBe(false);
    });

    it('keeps to the node limit, giving a node all its children or none', () => {
        const tree = influenceTree(completeGraph(6), 'f00', 'uses', { depth: 3, maxNodes: 10 });
        expect(tree.nodeCount).toBe(6);
        expect(tree.truncated).toBe(true);
        expect(tree.root.children.every(child => child.more && child.children.length === 0)).toBe(true);
        expect(JSON.parse(JSON.stringify(tree)).root.id).toBe('f00');
    });
});
