/**
 * A small seeded pseudo-random generator (mulberry32): the benchmark's generated models and
 * the robustness samples must be identical on every run, so that figures and verdicts from
 * different runs and machines compare.
 */
export class Prng {
    private state: number;

    constructor(seed: number) {
        this.state = seed >>> 0;
    }

    /** A number in [0, 1). */
    next(): number {
        this.state = (this.state + 0x6d2b79f5) >>> 0;
        let t = this.state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    }

    /** An integer in [min, max]. */
    int(min: number, max: number): number {
        return min + Math.floor(this.next() * (max - min + 1));
    }

    chance(probability: number): boolean {
        return this.next() < probability;
    }

    pick<T>(items: readonly T[]): T {
        return items[Math.floor(this.next() * items.length)];
    }
}

/** The seed of one named stream of a seeded run (FNV-1a over the name, mixed with the seed): the same name and seed, the same stream. */
export function streamSeed(seed: number, name: string): number {
    let hash = (0x811c9dc5 ^ seed) >>> 0;
    for (let i = 0; i < name.length; i++) {
        hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193) >>> 0;
    }
    return hash;
}
