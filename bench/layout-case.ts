import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ModelGraph } from '../language/analysis/model-graph.js';
import type { ElkLayouter } from '../language/diagram/diagram-layout.js';
import { layoutDiagram } from '../language/diagram/diagram-layout.js';
import type { DiagramScene } from '../language/diagram/diagram-scene.js';
import { renderSvg } from '../language/diagram/svg-renderer.js';
import type { SourceFile } from './bench-workspace.js';
import { buildWorkspace, countDiagnostics, createServices } from './bench-workspace.js';
import type { DotRun } from './dot-layout.js';
import { dotVersion, timeDot, toDot } from './dot-layout.js';
import type { AddedRelation, Displacement } from './layout-stability.js';
import { chooseNewRelation, displacement, withRelation } from './layout-stability.js';
import type { Timing } from './measure.js';
import { median, timeAsync } from './measure.js';
import type { CaseInput } from './run-case.js';

/** Timed runs after the warm-up: up to `maxRuns`, at least `minRuns`, no more once `runBudgetMs` is spent. */
const maxRuns = 5;
const minRuns = 2;
const runBudgetMs = 15_000;
/**
 * elkjs (Java compiled to JavaScript) keeps speeding up over many more layouts than a warm-up;
 * a cheap case is therefore also timed once this many layouts ran in the process, as in a
 * preview worker that has redrawn for a while.
 */
const steadyAfter = 20;
const steadyBelowMs = 800;
/** dot runs three times unless its first run takes longer than this; a run longer than the limit is stopped. */
const dotRepeatBelowMs = 5_000;
const dotLimitMs = 60_000;
/** dot's output format: drawing included, like our layout + render. */
export const dotFormat = 'svg';

export interface RunTiming {
    readonly layout: Timing;
    readonly render: Timing;
    readonly total: Timing;
}

export interface DotFigures {
    readonly runs: number;
    readonly wallMs: number;
    readonly cpuMs: number | undefined;
    readonly failure?: string;
}

export interface StabilityFigures {
    readonly relation: AddedRelation;
    readonly file: string;
    readonly moved: Displacement;
    /** Layout and render of the edited model, in the warm process. */
    readonly relayout: Timing;
    readonly sizeBefore: string;
    readonly sizeAfter: string;
}

/** What one layout case measured; passed from its child process to the report as JSON, phase by phase. */
export interface LayoutCaseResult {
    readonly name: string;
    readonly factors: number;
    readonly relations: number;
    readonly categories: number;
    /** The first layout and render in a fresh process: what the preview's first drawing after the server starts costs. */
    readonly first: Timing;
    readonly runs: readonly RunTiming[];
    /** Median of the last three of `steadyAfter` layouts in the process; only for cases fast enough to afford it. */
    readonly steady?: Timing;
    readonly sceneKb: number;
    readonly svgKb: number;
    readonly size: string;
    /** Every timed run gave the same scene as the warm-up, which ran on another ELK instance. */
    readonly deterministic: boolean;
    /** Missing until measured; a string says why there is no figure. */
    readonly dot?: DotFigures | string;
    readonly stability?: StabilityFigures | string;
    /** Set by the parent when the case's process was stopped or failed. */
    readonly stopped?: string;
}

/** Measures one case; `report` receives the figures after each phase, so that a stopped case still tells something. */
export async function measureLayoutCase(input: CaseInput, report: (partial: LayoutCaseResult) => void): Promise<void> {
    const { graph } = await loadGraph(input, input.files);
    // The warm-up runs on an instance of its own, so the determinism check also spans two instances.
    const first = await layoutAndRender(graph, new ELK());
    const elk = new ELK();
    const reference = JSON.stringify(first.scene);
    let result: LayoutCaseResult = {
        name: input.name,
        factors: graph.factors.length,
        relations: graph.relations.length,
        categories: graph.categories.length,
        first: first.timing.total,
        runs: [],
        sceneKb: reference.length / 1024,
        svgKb: first.svg.length / 1024,
        size: `${first.scene.width}×${first.scene.height}`,
        deterministic: true
    };
    report(result);
    let spentMs = 0;
    while (result.runs.length < maxRuns && (result.runs.length < minRuns || spentMs < runBudgetMs)) {
        const run = await layoutAndRender(graph, elk);
        spentMs += run.timing.total.wallMs;
        result = { ...result, runs: [...result.runs, run.timing], deterministic: result.deterministic && JSON.stringify(run.scene) === reference };
        report(result);
    }
    result = { ...result, dot: dotVersion() === undefined ? 'dot not installed, skipped' : measureDot(graph, first.scene) };
    report(result);
    result = { ...result, stability: await measureStability(input, graph, first.scene, elk) };
    report(result);
    if (median(result.runs.map(run => run.total.wallMs)) < steadyBelowMs) {
        const layoutsDone = 1 + result.runs.length + (typeof result.stability === 'string' ? 0 : 1);
        const later: Timing[] = [];
        for (let done = layoutsDone; done < steadyAfter; done++) {
            later.push((await layoutAndRender(graph, elk)).timing.total);
        }
        const last = later.slice(-3);
        result = { ...result, steady: { wallMs: median(last.map(t => t.wallMs)), cpuMs: median(last.map(t => t.cpuMs)) } };
        report(result);
    }
}

/** The model of the root file (the first), built as the language server builds it. */
async function loadGraph(input: CaseInput, files: readonly SourceFile[]): Promise<{ graph: ModelGraph; errors: number }> {
    const { workspace } = await buildWorkspace(createServices(input.context), files);
    const graph = workspace.marvel.workspace.ModelProvider.getModel(workspace.documents[0]).graph;
    return { graph, errors: countDiagnostics(workspace).errors };
}

/**
 * One layout and render as the preview does them (light palette, no legend). No forced garbage
 * collection before it: after one V8 shrinks the young generation, and ELK, which allocates
 * heavily, then ran three times slower than in a worker that never forces one.
 */
async function layoutAndRender(graph: ModelGraph, elk: ElkLayouter): Promise<{ timing: RunTiming; scene: DiagramScene; svg: string }> {
    let scene: DiagramScene | undefined;
    let svg = '';
    const layout = await timeAsync(async () => {
        scene = await layoutDiagram(graph, elk);
    });
    const laidOut = scene!;
    const render = await timeAsync(async () => {
        svg = renderSvg(laidOut);
    });
    const total = { wallMs: layout.wallMs + render.wallMs, cpuMs: layout.cpuMs + render.cpuMs };
    return { timing: { layout, render, total }, scene: laidOut, svg };
}

function measureDot(graph: ModelGraph, scene: DiagramScene): DotFigures {
    const folder = mkdtempSync(join(tmpdir(), 'marvel-layout-bench-'));
    try {
        const file = join(folder, 'graph.dot');
        writeFileSync(file, toDot(graph, scene));
        const runs: DotRun[] = [timeDot(file, dotFormat, dotLimitMs)];
        if (!runs[0].failure && runs[0].wallMs < dotRepeatBelowMs) {
            runs.push(timeDot(file, dotFormat, dotLimitMs), timeDot(file, dotFormat, dotLimitMs));
        }
        const cpu = runs.map(run => run.cpuMs).filter((value): value is number => value !== undefined);
        return {
            runs: runs.length,
            wallMs: median(runs.map(run => run.wallMs)),
            cpuMs: cpu.length === runs.length ? median(cpu) : undefined,
            failure: runs.find(run => run.failure)?.failure
        };
    } finally {
        rmSync(folder, { recursive: true, force: true });
    }
}

/** Adds one relation in the middle file, rebuilds the model from the changed text and lays it out again in the warm process. */
async function measureStability(input: CaseInput, graph: ModelGraph, before: DiagramScene, elk: ElkLayouter): Promise<StabilityFigures | string> {
    const middle = input.files[Math.floor(input.files.length / 2)];
    const relation = chooseNewRelation(graph, middle.uri.toString());
    if (!relation) {
        return `no pair of factors to relate in ${fileName(middle)}`;
    }
    const { graph: edited, errors } = await loadGraph(input, withRelation(input.files, middle.uri.toString(), relation));
    if (edited.relations.length !== graph.relations.length + 1 || errors > 0) {
        return `adding ${relation.source} -> +${relation.target} gave ${edited.relations.length - graph.relations.length} new relations and ${errors} errors`;
    }
    const after = await layoutAndRender(edited, elk);
    return {
        relation,
        file: fileName(middle),
        moved: displacement(before, after.scene, new Set([relation.source, relation.target])),
        relayout: after.timing.total,
        sizeBefore: `${before.width}×${before.height}`,
        sizeAfter: `${after.scene.width}×${after.scene.height}`
    };
}

function fileName(file: SourceFile): string {
    return file.uri.path.split('/').pop() ?? file.uri.path;
}
