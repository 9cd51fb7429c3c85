import { parentPort } from 'node:worker_threads';
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { LayoutReply, LayoutTask } from './layout-messages.js';
import { warmUpGraph, warmUpRuns } from './layout-warm-up.js';

/** Runs ELK off the language server's main thread, so a large layout never delays typing feedback. */
const elk = new ELK();

/** Tasks wait for the warm-up, which runs once when the worker starts (layout-warm-up.ts). */
const warmedUp = (async () => {
    for (let run = 0; run < warmUpRuns; run++) {
        await elk.layout(warmUpGraph()).catch(() => undefined);
    }
})();

parentPort?.on('message', (task: LayoutTask) => {
    warmedUp
        .then(() => elk.layout(task.graph))
        .then((graph: ElkNode) => parentPort?.postMessage({ id: task.id, graph } satisfies LayoutReply))
        .catch((error: unknown) => parentPort?.postMessage({ id: task.id, error: error instanceof Error ? error.message : String(error) } satisfies LayoutReply));
});
