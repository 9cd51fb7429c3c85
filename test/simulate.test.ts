import { describe, expect, it } from 'vitest';
import { simulate } from '../language/analysis/dynamics/simulate.js';
import { graphOf } from './support/workspace.js';

/** `a` pushed from 0.5 to `level` over one time unit, acting on `b` through one relation. */
function pushed(relation: string, level = 0.8): string {
    return `intervention a "A"
factor b "B"
${relation}
scenario push "Push" {
    set a to ${level} over 1
}
`;
}

const series = (result: ReturnType<typeof simulate>, id: string): readonly number[] => result.series.get(id)!;

describe('dynamics (the MARVEL method)', () => {
    it('leaves a model without a scenario exactly at its initial levels', async () => {
        const graph = await graphOf(`${pushed('a -> +b (strength: strong)')}factor c "C" initial 0.2\nb -> -c\n`);
        const result = simulate(graph);
        expect(result.times).toHaveLength(41);
        expect(result.times.at(-1)).toBe(10);
        for (const factor of graph.factors) {
            expect(new Set(series(result, factor.id))).toEqual(new Set([factor.initial]));
        }
    });

    it('raises b monotonically to 0.5 + k·0.3 when a is pushed from 0.5 to 0.8 (a -> +b)', async () => {
        const result = simulate(await graphOf(pushed('a -> +b')), ['push'], { horizon: 40 });
        const b = series(result, 'b');
        expect(b.every((value, i) => i === 0 || value >= b[i - 1])).toBe(true);
        expect(b.at(-1)).toBeCloseTo(0.5 + 0.5 * 0.3, 6);
        expect(series(result, 'a').at(-1)).toBeCloseTo(0.8, 6);
    });

    it('mirrors b around 0.5 when the relation\'s sign is flipped', async () => {
        const plus = series(simulate(await graphOf(pushed('a -> +b (strength: strong, speed: low)')), ['push']), 'b');
        const minus = series(simulate(await graphOf(pushed('a -> -b (strength: strong, speed: low)')), ['push']), 'b');
        expect(minus.map(value => Number((value - 0.5).toFixed(12)))).toEqual(plus.map(value => Number((0.5 - value).toFixed(12))));
        expect(Math.min(...minus)).toBeLessThan(0.45);
    });

    it('moves nothing when a scenario sets a factor to its initial level', async () => {
        const result = simulate(await graphOf(pushed('a -> +b (strength: very strong)', 0.5)), ['push']);
        expect(new Set([...series(result, 'a'), ...series(result, 'b')])).toEqual(new Set([0.5]));
    });

    it('integrates with Runge–Kutta: within 5e-5 of the exact curve at step 0.25 (explicit Euler is off by about 0.006)', async () => {
        // a(t) = 0.5 + 0.3(1 − e^−t); b's relation (k = 1, τ = 1) gives b(t) = 0.5 + 0.3(1 − e^−t − t·e^−t).
        const result = simulate(await graphOf(pushed('a -> +b (strength: strong)')), ['push']);
        const b = series(result, 'b');
        result.times.forEach((t, i) => {
            expect(Math.abs(b[i] - (0.5 + 0.3 * (1 - Math.exp(-t) - t * Math.exp(-t))))).toBeLessThan(5e-5);
        });
    });

    it('delays through a cascade of stages when asked: slower at first, the same in the end', async () => {
        const graph = await graphOf(pushed('a -> +b'));
        const first = simulate(graph, ['push'], { horizon: 40 });
        const third = simulate(graph, ['push'], { horizon: 40, delayOrder: 3 });
        const at = first.times.indexOf(1);
        expect(series(third, 'b')[at]).toBeLessThan(series(first, 'b')[at]);
        expect(series(third, 'b').at(-1)).toBeCloseTo(series(first, 'b').at(-1)!, 5);
    });

    it('stays stable when a delay stage is shorter than the step, and follows a finer step', async () => {
        // A delay of one step (0.25) in six stages of 0.25 / 6: one RK4 step each ran away.
        const graph = await graphOf(pushed('a -> +b (strength: strong, delay: 0.25)'));
        const coarse = simulate(graph, ['push'], { delayOrder: 6 });
        const fine = simulate(graph, ['push'], { delayOrder: 6, step: 0.25 / 64 });
        expect(coarse.divergedAt).toBeUndefined();
        coarse.times.forEach((time, i) => {
            expect(Math.abs(series(coarse, 'b')[i] - series(fine, 'b')[fine.times.findIndex(t => Math.abs(t - time) < 1e-9)])).toBeLessThan(1e-3);
        });
        expect(series(coarse, 'b').at(-1)).toBeCloseTo(0.8, 3);
    });

    it('applies several scenarios together, the one named last winning a factor both set', async () => {
        const graph = await graphOf(`intervention a "A"
intervention c "C"
factor b "B"
a -> +b
c -> -b
scenario up "Up" { set a to 0.8 over 1 }
scenario down "Down" { set c to 0.9 over 1 }
scenario low "Low" { set a to 0.2 over 1 }
`);
        const both = simulate(graph, ['up', 'down'], { horizon: 40 });
        expect(series(both, 'b').at(-1)).toBeCloseTo(0.5 + 0.5 * 0.3 - 0.5 * 0.4, 5);
        expect(series(simulate(graph, ['up', 'low'], { horizon: 40 }), 'a').at(-1)).toBeCloseTo(0.2, 5);
        expect(() => simulate(graph, ['nope'])).toThrow(/unknown scenario 'nope'/);
    });

    it('judges each KPI by how it ended against its direction', async () => {
        const graph = await graphOf(`${pushed('a -> +b')}kpi fewer "Fewer" decrease\nkpi more "More" increase\nkpi still "Still" increase\nb -> -fewer, -more\n`);
        const result = simulate(graph, ['push']);
        expect(result.kpis.map(k => [k.id, k.direction, k.verdict])).toEqual([['fewer', 'decrease', 'desired'], ['more', 'increase', 'undesired'], ['still', 'increase', 'none']]);
        expect(result.kpis[0].start).toBe(0.5);
        expect(result.kpis[0].end).toBeLessThan(0.5);
    });

    it('stops, finite, where a reinforcing loop runs away, and says when', async () => {
        const result = simulate(await graphOf(`${pushed('a -> +b (strength: 8, speed: very high)')}b -> +a (strength: 8, speed: very high)\n`), ['push'], { horizon: 100 });
        expect(result.divergedAt).toBeGreaterThan(0);
        expect(result.divergedAt).toBeLessThan(100);
        expect(result.times.length).toBe(series(result, 'b').length);
        expect(series(result, 'b').every(Number.isFinite)).toBe(true);
    });

    it('lands the last step on a horizon that is not a multiple of the step', async () => {
        const result = simulate(await graphOf(pushed('a -> +b')), ['push'], { horizon: 1.1, step: 0.25 });
        expect(result.times).toEqual([0, 0.25, 0.5, 0.75, 1, 1.1]);
    });
});
