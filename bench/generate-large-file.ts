import { Prng } from '../language/analysis/prng.js';

/**
 * One file of `declarationCount` factors in categories of a hundred (one in a hundred an
 * intervention), ten KPIs, and one relation line per factor with two targets: about 100 bytes
 * per declaration, so 220,000 declarations make the 20 MB file of issue 9, item 19.
 */
export function generateLargeFile(declarationCount: number, seed = 20261129): string {
    const random = new Prng(seed);
    const lines = ['model large "Large model"', ''];
    for (let k = 0; k < 10; k++) {
        lines.push(`kpi k${k} "KPI number ${k}" ${k % 2 === 0 ? 'decrease' : 'increase'}`);
    }
    for (let start = 0; start < declarationCount; start += 100) {
        lines.push(`category c${start / 100} "Category ${start / 100}" {`);
        for (let i = start; i < Math.min(declarationCount, start + 100); i++) {
            lines.push(`    ${i % 100 === 7 ? 'intervention' : 'factor'} f${i} "Factor ${i} of the large model"`);
        }
        lines.push('}');
    }
    for (let i = 0; i < declarationCount; i++) {
        const kpi = i % 1000 === 0 ? `, +k${random.int(0, 9)}` : '';
        lines.push(`f${i} -> +f${random.int(0, declarationCount - 1)} (strength: strong), -f${random.int(0, declarationCount - 1)}${kpi}`);
    }
    return `${lines.join('\n')}\n`;
}

/** A root file that imports one other file `count` times, each time spelled differently (`./x/../`, `././`, …). */
export function generateSameFileImports(count: number): { root: string; imported: string } {
    const lines = ['model imports "Imports"'];
    for (let i = 0; i < count; i++) {
        lines.push(`import "./${'x/../'.repeat(i % 50)}${'./'.repeat(Math.floor(i / 50))}b.marvel"`);
    }
    lines.push('factor a "A"', 'a -> +b');
    return { root: `${lines.join('\n')}\n`, imported: 'factor b "B"\n' };
}
