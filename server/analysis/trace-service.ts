import type { LangiumSharedCoreServices } from 'langium';
import { DocumentState, URI } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import { traceFactor } from '../../language/analysis/tracing/trace.js';
import { toTraceView } from '../../language/analysis/tracing/trace-view.js';
import type { MarvelServices } from '../../language/marvel-module.js';
import type { TraceRequestParams, TraceView } from '../../language/protocol/trace-protocol.js';

/** Answers `marvel/trace` from the model the server already built. */
export class TraceService {
    constructor(private readonly shared: LangiumSharedCoreServices, private readonly services: MarvelServices) {}

    async trace(params: TraceRequestParams, cancelToken?: CancellationToken): Promise<TraceView> {
        const uri = URI.parse(params.uri);
        await this.shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, uri, cancelToken);
        const document = this.shared.workspace.LangiumDocuments.getDocument(uri);
        const empty = { uri: params.uri, from: params.from, fromLabel: params.from, targets: [], loops: [], relationVerdicts: {} };
        if (!document) {
            return { ...empty, problem: 'This file is not open in the language server.' };
        }
        const graph = this.services.workspace.ModelProvider.getModel(document).graph;
        if (!graph.factor(params.from)) {
            return { ...empty, problem: `'${params.from}' is not a factor of this model.` };
        }
        if (graph.kpis().length === 0) {
            return { ...empty, fromLabel: graph.labelOf(params.from), problem: 'The model declares no KPI to trace to.' };
        }
        return toTraceView(params.uri, graph, traceFactor(graph, params.from));
    }
}
