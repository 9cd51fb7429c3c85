import type { LangiumDocument, LangiumSharedCoreServices } from 'langium';
import { URI } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { ModelGraph } from '../../language/analysis/model-graph.js';
import type { DiagramPlacer } from '../../language/diagram/placement.js';
import { layoutModelDiagram } from '../../language/diagram/model-diagram.js';
import { isWholeModel } from '../../language/diagram/diagram-view.js';
import { isKeptPacking } from '../../language/diagram/part-packing.js';
import type { MarvelServices } from '../../language/marvel-module.js';
import type { DiagramRequestParams, DiagramResponse } from '../../language/protocol/diagram-protocol.js';
import { DiagnosticCode } from '../../language/validation/diagnostic-codes.js';
import { notOpenProblem, validatedDocument } from '../validated-document.js';

/**
 * The largest model the server lays out before a preview asks (headStart): up to here one layout
 * costs the worker about a second of a core or less; larger ones cost several, and their first
 * drawing is already quicker than Graphviz's.
 */
export const headStartFactorLimit = 1000;

/** Answers the preview's `marvel/diagram` request from the model the server already built. */
export class DiagramService {
    /** Whether a drawing was asked for or started: the head start is for the first one only. */
    private drawn = false;

    constructor(
        private readonly shared: LangiumSharedCoreServices,
        private readonly services: MarvelServices,
        /** The layout worker: it keeps the layouts, packings and routes of earlier drawings, so an edit redraws only what it changed. */
        private readonly placer: DiagramPlacer
    ) {}

    async diagram(params: DiagramRequestParams, cancelToken?: CancellationToken): Promise<DiagramResponse> {
        this.drawn = true;
        const document = await validatedDocument(this.shared, URI.parse(params.uri), cancelToken);
        if (!document) {
            return { uri: params.uri, version: 0, problem: notOpenProblem, categories: [], factors: [] };
        }
        const model = this.services.workspace.ModelProvider.getModel(document);
        const summary = { uri: params.uri, version: document.textDocument.version, files: model.documentUris, ...modelSummary(model.graph) };
        if (model.hasSyntaxErrors) {
            return { ...summary, problem: syntaxProblem(this.shared, model.documentUris) };
        }
        const recalled = isWholeModel(params.view) && isKeptPacking(params.packing) ? params.packing : undefined;
        const scene = await layoutModelDiagram(model.graph, params.view, this.placer, { aspectRatio: params.aspectRatio, recalled });
        const errors = errorCount(this.shared, model.documentUris);
        return { ...summary, scene, ...errors > 0 ? { errors } : {} };
    }

    /**
     * Lays out the whole model of a file just opened, once per server and only while no preview
     * has asked: the layout worker then warms its JIT on the model's own categories instead of a
     * stand-in (layout-warm-up.ts), and a preview opened next finds every category's layout in
     * the worker's cache. The result is not kept here.
     */
    async headStart(uri: string): Promise<void> {
        if (this.drawn) {
            return;
        }
        this.drawn = true;
        const document = await validatedDocument(this.shared, URI.parse(uri));
        const model = document && this.services.workspace.ModelProvider.getModel(document);
        if (!model || model.hasSyntaxErrors || model.graph.factors.length > headStartFactorLimit) {
            return;
        }
        await layoutModelDiagram(model.graph, {}, this.placer);
    }
}

/** What the preview's toolbar lists of a model, drawn or not: its title, categories and factors. */
export function modelSummary(graph: ModelGraph): Pick<DiagramResponse, 'title' | 'categories' | 'factors'> {
    return {
        title: graph.data.title,
        categories: graph.categories.map(c => ({ id: c.id, label: c.label })),
        factors: graph.factors.map(f => ({ id: f.id, label: f.label, role: f.role, category: f.category }))
    };
}

/** How many errors the model's files have: what they touch is left out of the picture. */
function errorCount(shared: LangiumSharedCoreServices, uris: readonly string[]): number {
    return uris.reduce((sum, uri) => sum + (shared.workspace.LangiumDocuments.getDocument(URI.parse(uri))?.diagnostics ?? [])
        .filter(d => d.severity === DiagnosticSeverity.Error).length, 0);
}

/** The first syntax error of a model's files, in a sentence for the preview's banner. */
export function syntaxProblem(shared: LangiumSharedCoreServices, uris: readonly string[]): string {
    for (const uri of uris) {
        const document: LangiumDocument | undefined = shared.workspace.LangiumDocuments.getDocument(URI.parse(uri));
        const first = document?.diagnostics?.find(d => d.code === DiagnosticCode.Syntax);
        if (document && first) {
            const file = decodeURIComponent(document.uri.path.split('/').pop() ?? '');
            return `Syntax error in ${file} at line ${first.range.start.line + 1}: ${first.message}`;
        }
    }
    return 'The model has syntax errors.';
}
