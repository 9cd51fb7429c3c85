import type { ModelGraph } from '../model-graph.js';
import { relationSelection } from '../model-graph.js';
import type { TraceLoopView, TracePathView, TraceView } from '../../protocol/trace-protocol.js';
import { describeLoop, describePath } from './describe.js';
import type { CausalLink } from './link-graph.js';
import { verdictOf } from './signs.js';
import type { TraceResult } from './trace.js';

/** Paths per KPI that an editor view lists; the command line shows all. */
export const pathsShownPerTarget = 25;
/** Loop ids listed per path; the rest is counted. */
export const loopsShownPerPath = 6;

/**
 * A trace as the editor shows it: strongest paths first with plain-language readings, the
 * loops they touch, and per relation whether it carries a desired or an undesired effect.
 */
export function toTraceView(uri: string, graph: ModelGraph, trace: TraceResult): TraceView {
    const relationVerdicts: Record<number, 'desired' | 'undesired' | 'mixed' | 'unknown'> = {};
    const touchedLoops = new Set<string>();
    const targets = trace.targets.map(target => {
        const direction = target.direction ?? undefined;
        const paths: TracePathView[] = [...target.paths]
            .sort((a, b) => b.score - a.score)
            .slice(0, pathsShownPerTarget)
            .map(path => {
                const verdict = verdictOf(path.sign, direction);
                for (const relation of path.links.flatMap(link => link.relations)) {
                    relationVerdicts[relation] = merge(relationVerdicts[relation], verdict);
                }
                const loops = path.loops.slice(0, loopsShownPerPath);
                loops.forEach(id => touchedLoops.add(id));
                return {
                    nodes: path.nodes,
                    steps: path.links.map(link => step(graph, link)),
                    sign: path.sign,
                    verdict,
                    score: path.score,
                    delayed: path.delayed,
                    loops,
                    loopCount: path.loops.length,
                    loopsAlong: path.loopsAlong,
                    reading: describePath(graph, path)
                };
            });
        return {
            target: target.target,
            label: graph.labelOf(target.target),
            direction: target.direction,
            effect: target.effect,
            verdict: target.verdict,
            dominant: target.dominant,
            paths,
            tally: target.tally,
            truncated: target.truncated
        };
    });
    const loops: TraceLoopView[] = trace.loops.loops
        .filter(loop => touchedLoops.has(loop.id))
        .map(loop => ({
            id: loop.id,
            kind: loop.kind,
            delayed: loop.delayed,
            nodes: loop.nodes,
            relations: loop.links.flatMap(link => link.relations),
            reading: describeLoop(graph, loop)
        }));
    const pathBounds = { maxLength: trace.pathBounds.maxLength, maxPaths: trace.pathBounds.maxPaths };
    return { uri, files: modelFiles(uri, graph), from: trace.from, fromLabel: graph.labelOf(trace.from), targets, pathBounds, loops, relationVerdicts };
}

/** The traced document and every file a declaration or relation of its model is written in, sorted. */
export function modelFiles(uri: string, graph: ModelGraph): string[] {
    const located = [...graph.factors, ...graph.categories, ...graph.relations].map(item => item.location.uri);
    return [...new Set([uri, ...located])].sort();
}

function step(graph: ModelGraph, link: CausalLink): TracePathView['steps'][number] {
    return {
        source: link.source,
        target: link.target,
        sign: link.sign,
        relations: link.relations,
        location: relationSelection(graph.relations[link.relations[0]])
    };
}

function merge(previous: TraceView['relationVerdicts'][number] | undefined, verdict: string): TraceView['relationVerdicts'][number] {
    const current = verdict === 'desired' || verdict === 'undesired' ? verdict : 'unknown';
    if (previous === undefined || previous === current) {
        return current;
    }
    return 'mixed';
}
