import { parentPort, workerData } from 'node:worker_threads';
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkLayouter } from '../../language/diagram/diagram-layout.js';
import { CachingElkLayouter } from '../../language/diagram/layout-cache.js';
import { LocalPlacer, previewMemory } from '../../language/diagram/placement.js';
import type { LayoutReply, LayoutTask, LayoutWorkerData, WarmedUp } from './layout-messages.js';
import { ElkLayoutPool } from './layout-pool.js';
import { warmUpPlacement, warmUpRuns } from './layout-warm-up.js';
import { WorkerElkLayouter } from './worker-layouter.js';

/**
 * Lays out and routes diagrams off the language server's main thread, so a large layout never
 * delays typing feedback. The preview's placements go through caches kept here across edits:
 * categories whose content an edit left alone keep their ELK layout, their place in the packing
 * and the routes between them, and a category keeps its layout through relations added to it
 * and sub-categories resized in it, where it can (category-memory.ts). With helpers (workers
 * started from this same file), the categories of a drawing are laid out side by side, ELK here
 * and in each helper; the memories stay here.
 */
const elk = new ELK();
const { helpers } = (workerData ?? { helpers: 0 }) as LayoutWorkerData;
const helperLayouters = Array.from({ length: helpers }, () => new WorkerElkLayouter({ helpers: 0 }));
const layouter: ElkLayouter = helperLayouters.length > 0 ? new ElkLayoutPool([elk, ...helperLayouters]) : elk;
const placer = new LocalPlacer(new CachingElkLayouter(layouter), previewMemory());

/** Set by the first task: from then on the real layouts warm the JIT, so the warm-up stops. */
let taskArrived = false;

/**
 * The warm-up runs when the worker starts (layout-warm-up.ts), for as long as no task came; a
 * task waits at most for the warm-up placement under way. The helpers warm up at the same time.
 */
const warmedUp = (async () => {
    helperLayouters.forEach(helper => helper.warm());
    for (let run = 0; run < warmUpRuns && !taskArrived; run++) {
        // Memories of its own, which it leaves behind: the preview's start empty.
        await new LocalPlacer(elk, previewMemory()).place(warmUpPlacement()).catch(() => undefined);
    }
})();
void Promise.all([warmedUp, ...helperLayouters.map(helper => helper.warmedUp())]).then(() => parentPort?.postMessage({ warmedUp: true } satisfies WarmedUp));

async function perform(task: LayoutTask): Promise<LayoutReply> {
    taskArrived = true;
    await warmedUp;
    return 'graph' in task
        ? { id: task.id, graph: await layouter.layout(task.graph) }
        : { id: task.id, placement: await placer.place(task.placement) };
}

parentPort?.on('message', (task: LayoutTask) => {
    perform(task)
        .then(reply => parentPort?.postMessage(reply))
        .catch((error: unknown) => parentPort?.postMessage({ id: task.id, error: error instanceof Error ? error.message : String(error) } satisfies LayoutReply));
});
