import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures, ResponseError, ErrorCodes } from 'vscode-languageserver/node.js';
import { createMarvelServices } from '../language/marvel-module.js';
import type { DiagramRequestParams, DiagramResponse } from '../language/protocol/diagram-protocol.js';
import { diagramRequestMethod } from '../language/protocol/diagram-protocol.js';
import type { TraceRequestParams, TraceView } from '../language/protocol/trace-protocol.js';
import { traceRequestMethod } from '../language/protocol/trace-protocol.js';
import { TraceService } from './analysis/trace-service.js';
import { DiagramService } from './diagram/diagram-service.js';
import { WorkerElkLayouter } from './diagram/worker-layouter.js';

const connection = createConnection(ProposedFeatures.all);

// The editor must never lose its language server over one bad input: log and carry on.
process.on('uncaughtException', error => connection.console.error(`MARVEL language server: ${error.stack ?? String(error)}`));
process.on('unhandledRejection', reason => connection.console.error(`MARVEL language server: ${String(reason)}`));

const { shared, Marvel } = createMarvelServices({ connection, ...NodeFileSystem });
const diagrams = new DiagramService(shared, Marvel, new WorkerElkLayouter());
const traces = new TraceService(shared, Marvel);

connection.onRequest(diagramRequestMethod, async (params: DiagramRequestParams, token): Promise<DiagramResponse | ResponseError> => {
    try {
        return await diagrams.diagram(params, token);
    } catch (error) {
        return new ResponseError(ErrorCodes.InternalError, `Could not draw the diagram: ${error instanceof Error ? error.message : String(error)}`);
    }
});

connection.onRequest(traceRequestMethod, async (params: TraceRequestParams, token): Promise<TraceView | ResponseError> => {
    try {
        return await traces.trace(params, token);
    } catch (error) {
        return new ResponseError(ErrorCodes.InternalError, `Could not trace '${params.from}': ${error instanceof Error ? error.message : String(error)}`);
    }
});

startLanguageServer(shared);
