import { parentPort } from 'node:worker_threads';
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { LayoutReply, LayoutTask } from './layout-messages.js';

/** Runs ELK off the language server's main thread, so a large layout never delays typing feedback. */
const elk = new ELK();

parentPort?.on('message', (task: LayoutTask) => {
    elk.layout(task.graph)
        .then((graph: ElkNode) => parentPort?.postMessage({ id: task.id, graph } satisfies LayoutReply))
        .catch((error: unknown) => parentPort?.postMessage({ id: task.id, error: error instanceof Error ? error.message : String(error) } satisfies LayoutReply));
});
