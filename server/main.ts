import { startLanguageServer } from 'langium/lsp';
import type { CancellationToken, RequestType } from 'vscode-languageserver/node.js';
import { createConnection, ErrorCodes, ProposedFeatures, ResponseError } from 'vscode-languageserver/node.js';
import { DocumentState, URI } from 'langium';
import { createMarvelServices } from '../language/marvel-module.js';
import { DiagramRequest, FilesValidatedNotification } from '../language/protocol/diagram-protocol.js';
import { InterventionsRequest, LoopsRequest, TraceRequest } from '../language/protocol/trace-protocol.js';
import { ExportRequest, ImportRequest } from '../language/protocol/exchange-protocol.js';
import { ExchangeService } from './exchange/exchange-service.js';
import { SimulationModelRequest } from '../language/protocol/simulation-protocol.js';
import { SimulationService } from './simulation/simulation-service.js';
import { WorkerLensRobustness } from './simulation/lens-sampling.js';
import { TraceService } from './trace/trace-service.js';
import { DiagramService } from './diagram/diagram-service.js';
import { DiffPictureService } from './diagram/diff-picture-service.js';
import { DiffPictureRequest } from '../language/protocol/diff-protocol.js';
import { publishDiagnostics } from './diagnostics-publisher.js';
import { layoutHelperCount, WorkerElkLayouter } from './diagram/worker-layouter.js';
import { marvelNodeFileSystem } from './marvel-node-file-system.js';
import { registerOutsideImports } from './outside-imports.js';

const connection = createConnection(ProposedFeatures.all);

// The editor must never lose its language server over one bad input: log and carry on.
process.on('uncaughtException', error => connection.console.error(`MARVEL language server: ${error.stack ?? String(error)}`));
process.on('unhandledRejection', reason => connection.console.error(`MARVEL language server: ${String(reason)}`));

const { shared, Marvel } = createMarvelServices({ connection, ...marvelNodeFileSystem(), lensRobustness: services => new WorkerLensRobustness(services) });
registerOutsideImports(shared, Marvel);
publishDiagnostics(connection, shared.workspace.TextDocuments, uri => Marvel.workspace.FileIdentity.realFile(URI.parse(uri)).toString());
// An imported file changed on disk changes the model without an edit the editor sees: it is told once the files are rebuilt.
shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, documents => {
    void connection.sendNotification(FilesValidatedNotification, { uris: documents.map(document => document.uri.toString()) });
});
// Built on first use otherwise: the first completion after opening a file would wait for its grammar analysis.
void Marvel.parser.CompletionParser;
const layouter = new WorkerElkLayouter({ helpers: layoutHelperCount() });
layouter.warm();
// The worker lays out, packs and routes, its helpers laying out categories beside it; categories whose content an edit left alone keep their layout there.
const diagrams = new DiagramService(shared, Marvel, layouter);
// A failed head start costs nothing: the preview, when it asks, draws and reports for itself.
shared.workspace.TextDocuments.onDidOpen(event => void diagrams.headStart(event.document.uri).catch(() => undefined));
// The diff picture shares the worker's layouts, packings and routes: the categories a change left alone are laid out and routed already.
const diffPictures = new DiffPictureService(shared, Marvel, layouter);
const traces = new TraceService(shared, Marvel);
const exchange = new ExchangeService(traces, layouter);
const simulations = new SimulationService(shared, Marvel);

/** A custom request whose failures come back as errors with a sentence, never as a crash. */
function handle<P, R>(type: RequestType<P, R, void>, what: string, answer: (params: P, token: CancellationToken) => Promise<R>): void {
    connection.onRequest(type, async (params, token): Promise<R | ResponseError> => {
        try {
            return await answer(params, token);
        } catch (error) {
            return new ResponseError(ErrorCodes.InternalError, `Could not ${what}: ${error instanceof Error ? error.message : String(error)}`);
        }
    });
}

handle(DiagramRequest, 'draw the diagram', (params, token) => diagrams.diagram(params, token));
handle(DiffPictureRequest, 'compare the models', (params, token) => diffPictures.diffPicture(params, token));
handle(TraceRequest, 'trace', (params, token) => traces.trace(params, token));
handle(InterventionsRequest, 'list the interventions', (params, token) => traces.interventions(params, token));
handle(LoopsRequest, 'find the loops', (params, token) => traces.loops(params, token));
handle(ExportRequest, 'export the model', (params, token) => exchange.exportModel(params, token));
handle(ImportRequest, 'import the file', async params => exchange.importModel(params));
handle(SimulationModelRequest, 'read the model for simulation', (params, token) => simulations.model(params, token));

startLanguageServer(shared);
