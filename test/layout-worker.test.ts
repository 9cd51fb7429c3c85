/**
 * The language server's layout worker (server/diagram/): its helpers lay out the categories of a
 * drawing side by side (layout-pool.ts) and the picture is the one laid out in process; a worker
 * or helper that dies fails only the requests it had, with the reason, and the next one works.
 */
import * as path from 'node:path';
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { afterAll, describe, expect, test } from 'vitest';
import type { ModelGraph } from '../language/analysis/model-graph.js';
import { layoutDiagram } from '../language/diagram/diagram-layout.js';
import type { ElkLayouter } from '../language/diagram/part-packing.js';
import { LocalPlacer, previewMemory } from '../language/diagram/placement.js';
import { ElkLayoutPool } from '../server/diagram/layout-pool.js';
import { warmUpPlacement } from '../server/diagram/layout-warm-up.js';
import { layoutHelperCount, WorkerElkLayouter } from '../server/diagram/worker-layouter.js';
import { repositoryRoot } from './support/example-files.js';
import { seedPreviewModel } from './support/preview-diagrams.js';
import { graphOf } from './support/workspace.js';

const workerBundle = path.join(repositoryRoot, 'out', 'layout-worker.cjs');
const dyingWorker = path.join(repositoryRoot, 'test', 'fixtures', 'layout-worker', 'dying-worker.cjs');

/** A layouter that answers only when told, so the test sees which layouts run at the same time. */
class HeldLayouter implements ElkLayouter {
    readonly started: string[] = [];
    private readonly waiting: Array<{ graph: ElkNode; resolve: (graph: ElkNode) => void; reject: (error: Error) => void }> = [];

    layout(graph: ElkNode): Promise<ElkNode> {
        this.started.push(graph.id);
        return new Promise((resolve, reject) => this.waiting.push({ graph, resolve, reject }));
    }

    get busy(): number {
        return this.waiting.length;
    }

    finish(): void {
        const { graph, resolve } = this.waiting.shift()!;
        resolve({ ...graph, width: 10 * (graph.children?.length ?? 0) });
    }

    fail(message: string): void {
        this.waiting.shift()!.reject(new Error(message));
    }
}

function category(id: string, factors: number): ElkNode {
    return { id, children: Array.from({ length: factors }, (_, k) => ({ id: `${id}:${k}`, width: 10, height: 10 })) };
}

/** Until the pool has started what it was asked in this turn (it starts on the next turn of the event loop). */
const nextTurn = (): Promise<void> => new Promise(resolve => setImmediate(resolve));

describe('the layout pool', () => {
    test('runs one layout per layouter at a time, the largest of those asked together first, and gives each its own result', async () => {
        const [here, helper] = [new HeldLayouter(), new HeldLayouter()];
        const pool = new ElkLayoutPool([here, helper]);
        const asked = [category('small', 2), category('large', 9), category('middle', 5)].map(graph => pool.layout(graph));
        await nextTurn();
        expect([here.started, helper.started]).toEqual([['large'], ['middle']]);
        helper.finish();
        await nextTurn();
        // The helper, free first, takes what is left.
        expect(helper.started).toEqual(['middle', 'small']);
        expect(here.busy + helper.busy).toBe(2);
        here.finish();
        helper.finish();
        expect((await Promise.all(asked)).map(graph => [graph.id, graph.width])).toEqual([['small', 20], ['large', 90], ['middle', 50]]);
    });

    test('a layouter that fails fails only its own layout; the next layouts run', async () => {
        const [here, helper] = [new HeldLayouter(), new HeldLayouter()];
        const pool = new ElkLayoutPool([here, helper]);
        const first = pool.layout(category('a', 3));
        const second = pool.layout(category('b', 2));
        await nextTurn();
        helper.fail('layout worker stopped (exit code 1)');
        here.finish();
        await expect(second).rejects.toThrow('layout worker stopped (exit code 1)');
        expect((await first).id).toBe('a');
        const next = pool.layout(category('c', 1));
        await nextTurn();
        (here.busy > 0 ? here : helper).finish();
        expect((await next).id).toBe('c');
    });
});

describe('the helpers the language server starts', () => {
    test('lay out on half the cores, up to four threads in all: none on 2 cores; MARVEL_LAYOUT_THREADS sets the threads', () => {
        expect([1, 2, 3, 4, 8, 64].map(cores => layoutHelperCount({}, cores))).toEqual([0, 0, 0, 1, 3, 3]);
        expect(['1', '2', '4', '9'].map(threads => layoutHelperCount({ MARVEL_LAYOUT_THREADS: threads }, 2))).toEqual([0, 1, 3, 3]);
        expect(['0', 'many', ''].map(threads => layoutHelperCount({ MARVEL_LAYOUT_THREADS: threads }, 8))).toEqual([3, 3, 3]);
    });
});

describe('the layout worker with a helper', () => {
    const worker = new WorkerElkLayouter({ workerFile: workerBundle, helpers: 1 });
    afterAll(() => worker.dispose());

    test('places the seed example exactly as ELK in this process does, also again from its caches and memories after an edit', async () => {
        // The same placements in the same order here, with the preview's memories: the worker keeps them too.
        const here = new LocalPlacer(new ELK(), previewMemory());
        const expectSamePlacement = async (graph: ModelGraph): Promise<void> => {
            expect(JSON.stringify(await layoutDiagram(graph, worker))).toBe(JSON.stringify(await layoutDiagram(graph, here)));
        };
        const seed = await seedPreviewModel();
        await expectSamePlacement(seed.graph);
        const model = 'category a "A" {\n  factor a1 "A 1"\n  factor a2 "A 2"\n  a1 -> +a2\n}\ncategory b "B" {\n  factor b1 "B 1"\n  factor b2 "B 2"\n}\na2 -> -b1\n';
        await expectSamePlacement(await graphOf(model));
        await expectSamePlacement(await graphOf(`${model}b1 -> +b2\n`));
    });
});

describe('the warm-up drawing', () => {
    test('runs what a drawing runs: categories and sub-categories laid out, relations inside them by ELK, every other routed around the boxes', async () => {
        const request = warmUpPlacement();
        const placement = await new LocalPlacer(new ELK(), previewMemory()).place(request);
        expect(placement.boxes.has('c:warm-up-0.a')).toBe(true);
        expect(placement.routes.every(route => route !== undefined && route.length >= 2)).toBe(true);
        const between = request.relations.filter(relation => relation.edge === undefined);
        expect(between.length).toBeGreaterThan(20);
        expect(placement.aroundBoxes.filter(Boolean)).toHaveLength(between.length);
    });
});

describe('a layout worker that dies', () => {
    const worker = new WorkerElkLayouter({ workerFile: dyingWorker });
    afterAll(() => worker.dispose());

    test('fails the request it had with the reason, and the next request starts a new worker that answers', async () => {
        await worker.warmedUp();
        await expect(worker.layout({ id: 'die' })).rejects.toThrow('layout worker stopped (exit code 3)');
        expect(await worker.layout({ id: 'next' })).toEqual({ id: 'next' });
    });
});
