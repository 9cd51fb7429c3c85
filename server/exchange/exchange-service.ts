import type { CancellationToken } from 'vscode-languageserver';
import { layoutDiagram } from '../../language/diagram/diagram-layout.js';
import type { ElkLayouter } from '../../language/diagram/part-packing.js';
import { boxesOfScene, maxLaidOutFactors } from '../../language/exchange/diagram-positions.js';
import { ExchangeInputError } from '../../language/exchange/exchange-model.js';
import { carriesDynamics, exportModel } from '../../language/exchange/formats.js';
import { importedMarvelText } from '../../language/exchange/import-text.js';
import type { ExchangeResponse, ExportRequestParams, ImportRequestParams } from '../../language/protocol/exchange-protocol.js';
import type { TraceService } from '../trace/trace-service.js';
import { notOpenProblem } from '../validated-document.js';

/** Answers `marvel/export` from the model the server built, and `marvel/import` for a file the extension read. */
export class ExchangeService {
    constructor(private readonly models: TraceService, private readonly layouter: ElkLayouter) {}

    async exportModel(params: ExportRequestParams, cancelToken?: CancellationToken): Promise<ExchangeResponse> {
        const graph = await this.models.graphOf(params.uri, cancelToken);
        if (!graph) {
            return { problem: notOpenProblem };
        }
        const boxes = carriesDynamics(params.format) && graph.factors.length <= maxLaidOutFactors ? boxesOfScene(await layoutDiagram(graph, this.layouter)) : undefined;
        return { text: exportModel(graph, params.format, { boxes }), warnings: [] };
    }

    importModel(params: ImportRequestParams): ExchangeResponse {
        try {
            return importedMarvelText(params.text, params.format);
        } catch (error) {
            if (error instanceof ExchangeInputError) {
                return { problem: error.message };
            }
            throw error;
        }
    }
}
