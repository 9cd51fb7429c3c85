import type { LangiumSharedCoreServices } from 'langium';
import { URI } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import type { MarvelServices } from '../../language/marvel-module.js';
import { notOpenProblem, validatedDocument } from '../validated-document.js';
import type { SimulationModelParams, SimulationModelResponse } from '../../language/protocol/simulation-protocol.js';

/** Answers `marvel/simulationModel` from the model the server already built. */
export class SimulationService {
    constructor(private readonly shared: LangiumSharedCoreServices, private readonly services: MarvelServices) {}

    async model(params: SimulationModelParams, cancelToken?: CancellationToken): Promise<SimulationModelResponse> {
        const document = await validatedDocument(this.shared, URI.parse(params.uri), cancelToken);
        if (!document) {
            return { uri: params.uri, version: 0, problem: notOpenProblem };
        }
        const version = document.textDocument.version;
        const model = this.services.workspace.ModelProvider.getModel(document);
        const syntaxError = model.documentUris
            .map(documentUri => this.shared.workspace.LangiumDocuments.getDocument(URI.parse(documentUri)))
            .find(modelDocument => modelDocument && (modelDocument.parseResult.lexerErrors.length > 0 || modelDocument.parseResult.parserErrors.length > 0));
        if (syntaxError) {
            return { uri: params.uri, version, problem: `${syntaxError.uri.path.split('/').pop()} has a syntax error; the curves show the last version that parsed.` };
        }
        return { uri: params.uri, version, graph: model.graph.data };
    }
}
