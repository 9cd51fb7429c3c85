import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures, ResponseError, ErrorCodes } from 'vscode-languageserver/node.js';
import { createMarvelServices } from '../language/marvel-module.js';
import type { DiagramRequestParams, DiagramResponse } from '../language/protocol/diagram-protocol.js';
import { diagramRequestMethod } from '../language/protocol/diagram-protocol.js';
import { DiagramService } from './diagram/diagram-service.js';
import { WorkerElkLayouter } from './diagram/worker-layouter.js';

const connection = createConnection(ProposedFeatures.all);

// The editor must never lose its language server over one bad input: log and carry on.
process.on('uncaughtException', error => connection.console.error(`MARVEL language server: ${error.stack ?? String(error)}`));
process.on('unhandledRejection', reason => connection.console.error(`MARVEL language server: ${String(reason)}`));

const { shared, Marvel } = createMarvelServices({ connection, ...NodeFileSystem });
const diagrams = new DiagramService(shared, Marvel, new WorkerElkLayouter());

connection.onRequest(diagramRequestMethod, async (params: DiagramRequestParams, token): Promise<DiagramResponse | ResponseError> => {
    try {
        return await diagrams.diagram(params, token);
    } catch (error) {
        return new ResponseError(ErrorCodes.InternalError, `Could not draw the diagram: ${error instanceof Error ? error.message : String(error)}`);
    }
});

startLanguageServer(shared);
