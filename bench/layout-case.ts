import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ModelGraph } from '../language/analysis/model-graph.js';
import type { DiagramLayoutOptions, ElkLayouter } from '../language/diagram/diagram-layout.js';
import { layoutDiagram } from '../language/diagram/diagram-layout.js';
import type { DiagramScene } from '../language/diagram/diagram-scene.js';
import type { DrawnBox, DrawnRelation } from '../language/diagram/drawing-quality.js';
import { crossingPairs, drawnRelation, relationsUnderBoxes, sharedStretchPairs } from '../language/diagram/drawing-quality.js';
import { CachingElkLayouter } from '../language/diagram/layout-cache.js';
import { previewMemory } from '../language/diagram/placement.js';
import { renderSvg } from '../language/diagram/svg-renderer.js';
import { headStartFactorLimit } from '../server/diagram/diagram-service.js';
import { layoutHelperCount } from '../server/diagram/worker-layouter.js';
import type { SourceFile } from './bench-workspace.js';
import { buildWorkspace, countDiagnostics, createServices } from './bench-workspace.js';
import type { DotRun } from './dot-layout.js';
import { dotDrawing, dotVersion, timeDot, toDot } from './dot-layout.js';
import type { AddedRelation, Displacement } from './layout-stability.js';
import { chooseNewFactor, chooseNewRelation, chooseRelationBetweenCategories, displacement, withRelation } from './layout-stability.js';
import type { Timing } from './measure.js';
import { median, timeAsync } from './measure.js';
import type { CaseInput } from './run-case.js';
import type { ProcessFigures, WorkerFigures } from './layout-paths.js';
import { measureCliRender, measureWarmedWorker } from './layout-paths.js';

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
    readonly quality?: DrawingQuality;
}

/** How readable a drawing is (drawing-quality.ts). */
export interface DrawingQuality {
    /** Relations that pass under a box that is not one of their ends. */
    readonly underBoxes: number;
    /** Pairs of relations whose lines cross. */
    readonly crossings: number;
    /** Pairs of relations that run along each other on one line for more than 8 px. */
    readonly sharedStretches: number;
}

/** One relation added, the model rebuilt from the text and laid out again with the layouts cached as in the language server. */
export interface StabilityFigures {
    readonly relation: AddedRelation;
    readonly file: string;
    readonly moved: Displacement;
    /** Layout and render of the edited model, in the warm process. */
    readonly relayout: Timing;
    /** Relations between categories the router searched a way for again; it kept the other routes. */
    readonly rerouted: number;
    readonly sizeBefore: string;
    readonly sizeAfter: string;
}

/**
 * The preview's first drawing in its warmed layout worker: ELK in one thread, after the server's
 * head start (models up to its limit), and with helpers (as many as the server starts on this
 * machine, at least one); `serverHelpers` the server's choice here.
 */
export interface WorkerPaths {
    readonly single: WorkerFigures;
    readonly afterHeadStart?: WorkerFigures;
    readonly pool?: WorkerFigures;
    readonly serverHelpers: number;
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
    readonly quality: DrawingQuality;
    /** Missing until measured; a string says why there is no figure. */
    readonly dot?: DotFigures | string;
    /** A relation added inside one category. */
    readonly stability?: StabilityFigures | string;
    /** A relation added between two categories. */
    readonly crossEdit?: StabilityFigures | string;
    /** A factor added to a category, with a relation to it: the category is laid out again. */
    readonly factorEdit?: StabilityFigures | string;
    readonly worker?: WorkerPaths | string;
    /** `marvel render` of the model's files as a whole process. */
    readonly cli?: ProcessFigures | string;
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
        deterministic: true,
        quality: drawingQuality(first.scene.edges.map(drawnRelation), first.scene.nodes)
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
    const bundles = dirname(process.argv[1]);
    const serverHelpers = layoutHelperCount();
    const single = await measureWarmedWorker(graph, join(bundles, 'layout-worker.cjs'), 0);
    result = { ...result, worker: { single, serverHelpers } };
    report(result);
    if (graph.factors.length <= headStartFactorLimit) {
        result = { ...result, worker: { single, serverHelpers, afterHeadStart: await measureWarmedWorker(graph, join(bundles, 'layout-worker.cjs'), 0, true) } };
        report(result);
    }
    if (cpus().length > 1) {
        result = { ...result, worker: { ...result.worker as WorkerPaths, pool: await measureWarmedWorker(graph, join(bundles, 'layout-worker.cjs'), Math.max(1, serverHelpers)) } };
        report(result);
    }
    result = { ...result, cli: measureCliRender(input.files, join(bundles, 'cli.cjs')) };
    report(result);
    const relation = chooseNewRelation(graph, middleFile(input).uri.toString());
    result = { ...result, stability: await measureStability(input, graph, first.scene, elk, relation, middleFile(input)) };
    report(result);
    // Written in the root file, which imports every file, so the other category is in scope.
    const between = chooseRelationBetweenCategories(graph, middleFile(input).uri.toString());
    result = { ...result, crossEdit: await measureStability(input, graph, first.scene, elk, between, input.files[0]) };
    report(result);
    const factor = chooseNewFactor(graph, middleFile(input).uri.toString());
    result = { ...result, factorEdit: await measureStability(input, graph, first.scene, elk, factor, middleFile(input)) };
    report(result);
    if (median(result.runs.map(run => run.total.wallMs)) < steadyBelowMs) {
        const layoutsDone = 1 + result.runs.length + 2;
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
async function layoutAndRender(graph: ModelGraph, elk: ElkLayouter, memory: Omit<DiagramLayoutOptions, 'aspectRatio'> = {}): Promise<{ timing: RunTiming; scene: DiagramScene; svg: string }> {
    let scene: DiagramScene | undefined;
    let svg = '';
    const layout = await timeAsync(async () => {
        scene = await layoutDiagram(graph, elk, memory);
    });
    const laidOut = scene!;
    const render = await timeAsync(async () => {
        svg = renderSvg(laidOut);
    });
    const total = { wallMs: layout.wallMs + render.wallMs, cpuMs: layout.cpuMs + render.cpuMs };
    return { timing: { layout, render, total }, scene: laidOut, svg };
}

function drawingQuality(relations: readonly DrawnRelation[], boxes: readonly DrawnBox[]): DrawingQuality {
    return { underBoxes: relationsUnderBoxes(relations, boxes).relations, crossings: crossingPairs(relations), sharedStretches: sharedStretchPairs(relations) };
}

function measureDot(graph: ModelGraph, scene: DiagramScene): DotFigures {
    const folder = mkdtempSync(join(tmpdir(), 'marvel-layout-bench-'));
    try {
        const file = join(folder, 'graph.dot');
        const plainFile = join(folder, 'graph.plain');
        writeFileSync(file, toDot(graph, scene));
        // The first run also writes the geometry; the others only the SVG.
        const runs: DotRun[] = [timeDot(file, dotFormat, dotLimitMs, plainFile)];
        if (!runs[0].failure && runs[0].wallMs < dotRepeatBelowMs) {
            runs.push(timeDot(file, dotFormat, dotLimitMs), timeDot(file, dotFormat, dotLimitMs));
        }
        const cpu = runs.map(run => run.cpuMs).filter((value): value is number => value !== undefined);
        return {
            runs: runs.length,
            wallMs: median(runs.map(run => run.wallMs)),
            cpuMs: cpu.length === runs.length ? median(cpu) : undefined,
            failure: runs.find(run => run.failure)?.failure,
            quality: runs[0].failure ? undefined : (drawing => drawingQuality(drawing.relations, drawing.boxes))(dotDrawing(readFileSync(plainFile, 'utf8')))
        };
    } finally {
        rmSync(folder, { recursive: true, force: true });
    }
}

function middleFile(input: CaseInput): SourceFile {
    return input.files[Math.floor(input.files.length / 2)];
}

/**
 * Adds one relation in `file`, rebuilds the model from the changed text and lays it out
 * again in the warm process through a layout cache that has seen the model before the edit, as
 * the language server's preview does.
 */
async function measureStability(input: CaseInput, graph: ModelGraph, before: DiagramScene, elk: ElkLayouter, relation: AddedRelation | undefined, file: SourceFile): Promise<StabilityFigures | string> {
    if (!relation) {
        return `no pair of factors to relate in ${fileName(middleFile(input))}`;
    }
    const { graph: edited, errors } = await loadGraph(input, withRelation(input.files, file.uri.toString(), relation));
    if (edited.relations.length !== graph.relations.length + 1 || errors > 0) {
        return `adding ${relation.source} -> +${relation.target} gave ${edited.relations.length - graph.relations.length} new relations and ${errors} errors`;
    }
    const cached = new CachingElkLayouter(elk);
    const memory = previewMemory();
    await layoutDiagram(graph, cached, memory);
    const after = await layoutAndRender(edited, cached, memory);
    return {
        relation,
        file: fileName(file),
        moved: displacement(before, after.scene, new Set([relation.source, relation.target])),
        relayout: after.timing.total,
        rerouted: memory.routes.routedInLastLayout,
        sizeBefore: `${before.width}×${before.height}`,
        sizeAfter: `${after.scene.width}×${after.scene.height}`
    };
}

function fileName(file: SourceFile): string {
    return file.uri.path.split('/').pop() ?? file.uri.path;
}
