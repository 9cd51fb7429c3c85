import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { CategoryNode, ModelGraph } from '../language/analysis/model-graph.js';
import type { DiagramScene, ScenePoint } from '../language/diagram/diagram-scene.js';
import type { DrawnBox, DrawnRelation } from '../language/diagram/drawing-quality.js';
import { sampleCurve } from '../language/diagram/drawing-quality.js';

/**
 * Graphviz `dot` as a yardstick for our layout: the same graph (clusters for categories, the
 * scene's node boxes, every relation as an edge) laid out and drawn by a mature native tool.
 */

/** Points per inch: dot sizes nodes in inches, the scene in CSS pixels (which the SVG treats as points). */
const pixelsPerInch = 72;

/** `dot -V`, or undefined when dot is not on the PATH. */
export function dotVersion(): string | undefined {
    const result = spawnSync('dot', ['-V'], { encoding: 'utf8' });
    if (result.error || result.status !== 0) {
        return undefined;
    }
    // dot prints its version on standard error.
    return (result.stderr || result.stdout).trim();
}

/**
 * The scene's graph in DOT: left to right like our layered categories, spacing converted from
 * the ELK options, nested clusters for categories and fixed node sizes, so dot does the same
 * placement job with none of the text measuring.
 */
export function toDot(graph: ModelGraph, scene: DiagramScene): string {
    const boxes = new Map(scene.nodes.map(node => [node.id, node]));
    const children = new Map<string | undefined, CategoryNode[]>();
    for (const category of graph.categories) {
        const parent = category.parent !== undefined && graph.category(category.parent) ? category.parent : undefined;
        children.set(parent, [...children.get(parent) ?? [], category]);
    }
    const factorsIn = new Map<string | undefined, string[]>();
    for (const factor of graph.factors) {
        const category = factor.category !== undefined && graph.category(factor.category) ? factor.category : undefined;
        factorsIn.set(category, [...factorsIn.get(category) ?? [], factor.id]);
    }
    const lines: string[] = [
        'digraph marvel {',
        // 18 px between nodes and 36 px between layers, as in elk-graph.ts.
        `  graph [rankdir=LR, nodesep=${inches(18)}, ranksep=${inches(36)}, fontsize=13];`,
        '  node [shape=box, style=rounded, fixedsize=true, fontsize=12];'
    ];
    const emit = (category: string | undefined, depth: number): void => {
        const pad = '  '.repeat(depth + 1);
        for (const sub of children.get(category) ?? []) {
            lines.push(`${pad}subgraph ${quote(`cluster_${sub.id}`)} {`, `${pad}  label=${quote(sub.label)};`);
            emit(sub.id, depth + 1);
            lines.push(`${pad}}`);
        }
        for (const id of factorsIn.get(category) ?? []) {
            const box = boxes.get(id);
            const size = box ? `, width=${inches(box.width)}, height=${inches(box.height)}` : '';
            lines.push(`${pad}${quote(id)} [label=${quote(graph.labelOf(id))}${size}];`);
        }
    };
    emit(undefined, 0);
    for (const relation of graph.relations) {
        lines.push(`  ${quote(relation.source)} -> ${quote(relation.target)};`);
    }
    lines.push('}');
    return lines.join('\n');
}

function inches(pixels: number): string {
    return (pixels / pixelsPerInch).toFixed(3);
}

function quote(text: string): string {
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ')}"`;
}

export interface DotRun {
    readonly wallMs: number;
    /** CPU time of the dot process; undefined where /proc is missing. */
    readonly cpuMs: number | undefined;
    /** Why the run gave no figure: a time-out or an error. */
    readonly failure?: string;
}

/**
 * Runs `dot -T<format>` on a DOT file, output discarded, and times it from spawn to exit. With
 * `plainFile`, dot also writes its drawing's geometry there (`-Tplain`, a few lines per node and
 * edge from the same layout, so cheap beside the layout itself).
 */
export function timeDot(dotFile: string, format: string, timeoutMs: number, plainFile?: string): DotRun {
    const cpuBefore = childrenCpuMs();
    const start = performance.now();
    const geometry = plainFile ? ['-Tplain', '-o', plainFile] : [];
    const result = spawnSync('dot', [`-T${format}`, '-o', '/dev/null', ...geometry, dotFile], { encoding: 'utf8', timeout: timeoutMs, stdio: ['ignore', 'ignore', 'pipe'] });
    const wallMs = performance.now() - start;
    const cpuAfter = childrenCpuMs();
    const cpuMs = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
    if (result.error || result.status !== 0) {
        const failure = result.signal === 'SIGTERM' ? `stopped after ${Math.round(timeoutMs / 1000)} s` : result.error?.message ?? `exit ${result.status ?? result.signal}: ${result.stderr.trim().split('\n')[0]}`;
        return { wallMs, cpuMs, failure };
    }
    return { wallMs, cpuMs };
}

/**
 * CPU time of this process's waited-for children (cutime + cstime in /proc/self/stat), in ms.
 * Node offers no rusage for a child, and this is the one place the kernel keeps it.
 */
export function childrenCpuMs(): number | undefined {
    const statPath = '/proc/self/stat';
    if (!existsSync(statPath)) {
        return undefined;
    }
    // The command name may hold spaces and parentheses; the fields after its closing ')' start at field 3.
    const stat = readFileSync(statPath, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 (cutime, cstime) in clock ticks, which Linux fixes at 100 per second for user space.
    const ticks = Number(fields[16 - 3]) + Number(fields[17 - 3]);
    return Number.isFinite(ticks) ? ticks * 10 : undefined;
}

/** dot's drawing read from its `-Tplain` output, in the scene's pixels with y downwards. */
export function dotDrawing(plain: string): { relations: DrawnRelation[]; boxes: DrawnBox[] } {
    const relations: DrawnRelation[] = [];
    const boxes: DrawnBox[] = [];
    let height = 0;
    for (const line of plain.split('\n')) {
        const fields = line.match(/"(?:[^"\\]|\\.)*"|\S+/g) ?? [];
        const number = (k: number): number => Number(fields[k]);
        const point = (k: number): ScenePoint => ({ x: number(k) * pixelsPerInch, y: (height - number(k + 1)) * pixelsPerInch });
        if (fields[0] === 'graph') {
            height = number(3);
        } else if (fields[0] === 'node') {
            const centre = point(2);
            const width = number(4) * pixelsPerInch;
            const tall = number(5) * pixelsPerInch;
            boxes.push({ id: unquote(fields[1]), x: centre.x - width / 2, y: centre.y - tall / 2, width, height: tall });
        } else if (fields[0] === 'edge') {
            // The control points of a piecewise cubic Bézier: a start, then three points per piece.
            const controls = Array.from({ length: number(3) }, (_, k) => point(4 + 2 * k));
            const points: ScenePoint[] = [controls[0]];
            for (let k = 0; k + 3 < controls.length; k += 3) {
                points.push(...sampleCurve([controls[k], controls[k + 1], controls[k + 2], controls[k + 3]], 8).slice(1));
            }
            relations.push({ source: unquote(fields[1]), target: unquote(fields[2]), points });
        }
    }
    return { relations, boxes };
}

function unquote(field: string): string {
    return field.startsWith('"') ? field.slice(1, -1).replace(/\\(.)/g, '$1') : field;
}
