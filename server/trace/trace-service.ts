import type { LangiumSharedCoreServices } from 'langium';
import { URI } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import { defaultPathBounds } from '../../language/analysis/tracing/bounds.js';
import { traceFactor } from '../../language/analysis/tracing/trace.js';
import { modelFiles, toTraceView } from '../../language/analysis/tracing/trace-view.js';
import type { MarvelServices } from '../../language/marvel-module.js';
import { notOpenProblem, validatedDocument } from '../validated-document.js';
import type { InterventionSummary, LoopsResponse, ModelRequestParams, TraceRequestParams, TraceView } from '../../language/protocol/trace-protocol.js';
import { interventionOrder } from '../../language/protocol/trace-protocol.js';
import type { ModelGraph } from '../../language/analysis/model-graph.js';
import { relationSelection } from '../../language/analysis/model-graph.js';
import { describeLoop } from '../../language/analysis/tracing/describe.js';
import { findLoops } from '../../language/analysis/tracing/loops.js';

/** Answers `marvel/trace` from the model the server already built. */
export class TraceService {
    constructor(private readonly shared: LangiumSharedCoreServices, private readonly services: MarvelServices) {}

    async trace(params: TraceRequestParams, cancelToken?: CancellationToken): Promise<TraceView> {
        const graph = await this.graphOf(params.uri, cancelToken);
        const empty = { uri: params.uri, files: graph ? modelFiles(params.uri, graph) : [params.uri], from: params.from, fromLabel: params.from, targets: [], pathBounds: defaultPathBounds, loops: [], relationVerdicts: {} };
        if (!graph) {
            return { ...empty, problem: notOpenProblem };
        }
        if (!graph.factor(params.from)) {
            return { ...empty, problem: `'${params.from}' is not a factor of this model.` };
        }
        if (graph.kpis().length === 0) {
            return { ...empty, fromLabel: graph.labelOf(params.from), problem: 'The model declares no KPI to trace to.' };
        }
        return toTraceView(params.uri, graph, traceFactor(graph, params.from));
    }

    async interventions(params: ModelRequestParams, cancelToken?: CancellationToken): Promise<InterventionSummary[]> {
        const graph = await this.graphOf(params.uri, cancelToken);
        return graph?.interventions().map(f => ({ id: f.id, label: f.label })).sort(interventionOrder) ?? [];
    }

    async loops(params: ModelRequestParams, cancelToken?: CancellationToken): Promise<LoopsResponse> {
        const graph = await this.graphOf(params.uri, cancelToken);
        if (!graph) {
            return { loops: [], truncated: false };
        }
        const search = findLoops(graph);
        return {
            truncated: search.truncated,
            loops: search.loops.map(loop => {
                const relations = loop.links.flatMap(link => link.relations);
                return { id: loop.id, kind: loop.kind, delayed: loop.delayed, nodes: loop.nodes, relations, reading: describeLoop(graph, loop), location: relations.length > 0 ? relationSelection(graph.relations[relations[0]]) : undefined };
            })
        };
    }

    /** The graph of the model a file belongs to, once the server has built it. */
    async graphOf(uriText: string, cancelToken?: CancellationToken): Promise<ModelGraph | undefined> {
        // The Loops view asks as soon as the extension starts.
        const document = await validatedDocument(this.shared, URI.parse(uriText), cancelToken);
        return document && this.services.workspace.ModelProvider.getModel(document).graph;
    }
}
