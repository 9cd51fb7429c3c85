import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import type { CancellationToken } from 'vscode-languageserver/node.js';
import { createConnection, ErrorCodes, ProposedFeatures, ResponseError } from 'vscode-languageserver/node.js';
import { CachingElkLayouter } from '../language/diagram/layout-cache.js';
import { createMarvelServices } from '../language/marvel-module.js';
import type { DiagramRequestParams } from '../language/protocol/diagram-protocol.js';
import { diagramRequestMethod } from '../language/protocol/diagram-protocol.js';
import type { ModelRequestParams, TraceRequestParams } from '../language/protocol/trace-protocol.js';
import { interventionsRequestMethod, loopsRequestMethod, traceRequestMethod } from '../language/protocol/trace-protocol.js';
import { TraceService } from './analysis/trace-service.js';
import { DiagramService } from './diagram/diagram-service.js';
import { WorkerElkLayouter } from './diagram/worker-layouter.js';

const connection = createConnection(ProposedFeatures.all);

// The editor must never lose its language server over one bad input: log and carry on.
process.on('uncaughtException', error => connection.console.error(`MARVEL language server: ${error.stack ?? String(error)}`));
process.on('unhandledRejection', reason => connection.console.error(`MARVEL language server: ${String(reason)}`));

const { shared, Marvel } = createMarvelServices({ connection, ...NodeFileSystem });
const layouter = new WorkerElkLayouter();
layouter.warm();
// Categories whose content an edit left alone keep their layout: only the edited one is laid out again.
const diagrams = new DiagramService(shared, Marvel, new CachingElkLayouter(layouter));
const traces = new TraceService(shared, Marvel);

/** A custom request whose failures come back as errors with a sentence, never as a crash. */
function handle<P, R>(method: string, what: string, answer: (params: P, token: CancellationToken) => Promise<R>): void {
    connection.onRequest(method, async (params: P, token: CancellationToken): Promise<R | ResponseError> => {
        try {
            return await answer(params, token);
        } catch (error) {
            return new ResponseError(ErrorCodes.InternalError, `Could not ${what}: ${error instanceof Error ? error.message : String(error)}`);
        }
    });
}

handle(diagramRequestMethod, 'draw the diagram', (params: DiagramRequestParams, token) => diagrams.diagram(params, token));
handle(traceRequestMethod, 'trace', (params: TraceRequestParams, token) => traces.trace(params, token));
handle(interventionsRequestMethod, 'list the interventions', (params: ModelRequestParams, token) => traces.interventions(params, token));
handle(loopsRequestMethod, 'find the loops', (params: ModelRequestParams, token) => traces.loops(params, token));

startLanguageServer(shared);
