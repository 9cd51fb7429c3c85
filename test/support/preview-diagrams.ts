import type { DiffScope } from '../../language/analysis/diff/diff-union.js';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ModelGraph } from '../../language/analysis/model-graph.js';
import type { DiagramLayoutOptions, ElkLayouter } from '../../language/diagram/diagram-layout.js';
import type { DiagramPlacer } from '../../language/diagram/placement.js';
import type { DiagramView } from '../../language/diagram/diagram-view.js';
import { layoutModelDiagram } from '../../language/diagram/model-diagram.js';
import type { DiagramResponse } from '../../language/protocol/diagram-protocol.js';
import type { DiffPictureResponse } from '../../language/protocol/diff-protocol.js';
import { layoutDiffView } from '../../language/diagram/diff-picture.js';
import type { TraceView } from '../../language/protocol/trace-protocol.js';
import { traceFactor } from '../../language/analysis/tracing/trace.js';
import { toTraceView } from '../../language/analysis/tracing/trace-view.js';
import { createWorkspace } from './workspace.js';
import { examplesDirectory } from './example-files.js';

export interface PreviewModel {
    readonly uri: string;
    readonly graph: ModelGraph;
    /** The language server's answer for this model in a view, as the real pipeline lays it out (for a panel of the given shape, if any). */
    diagram(version: number, view?: DiagramView, options?: DiagramLayoutOptions): Promise<DiagramResponse>;
    /** The host's `trace` message content for a factor, from the real tracing pipeline. */
    trace(from: string): TraceView;
}

/**
 * Parses the files (name → text) in memory and returns the model of `main` ready to lay out (by
 * ELK, unless another layouter is given; a placer with memories lays out edits as the language
 * server's layout worker does).
 */
export async function previewModel(files: Record<string, string>, main: string, layouter: ElkLayouter | DiagramPlacer = new ELK()): Promise<PreviewModel> {
    const workspace = await createWorkspace(files);
    const uri = workspace.uri(main);
    const graph = workspace.services.workspace.ModelProvider.getModel(workspace.documents[main]).graph;
    return {
        uri,
        graph,
        diagram: async (version, view = {}, options = {}) => ({ ...listsOf(uri, version, graph), scene: await layoutModelDiagram(graph, view, layouter, options) }),
        trace: from => toTraceView(uri, graph, traceFactor(graph, from))
    };
}

/**
 * The language server's `marvel/diffPicture` answer for an old and a new text of one model file
 * (through the same pure pipeline, by ELK), as the preview gets it in diff mode.
 */
export async function diffPreview(before: string, after: string, against: string, version = 1, scope: DiffScope = 'all'): Promise<DiffPictureResponse> {
    const graphOf = async (text: string): Promise<{ uri: string; graph: ModelGraph }> => {
        const workspace = await createWorkspace({ 'model.marvel': text });
        return { uri: workspace.uri('model.marvel'), graph: workspace.services.workspace.ModelProvider.getModel(workspace.documents['model.marvel']).graph };
    };
    const old = await graphOf(before);
    const current = await graphOf(after);
    const { graph, scene, marking, review } = await layoutDiffView(old.graph, current.graph, {}, new ELK(), {}, scope);
    return { ...listsOf(current.uri, version, graph), scene, diff: { against, marking, review } };
}

/** A diagram answer's title and lists of the model's categories and factors. */
function listsOf(uri: string, version: number, graph: ModelGraph): Omit<DiagramResponse, 'scene'> {
    return {
        uri,
        version,
        title: graph.data.title,
        categories: graph.categories.map(c => ({ id: c.id, label: c.label })),
        factors: graph.factors.map(f => ({ id: f.id, label: f.label, role: f.role, category: f.category }))
    };
}

/** Every .marvel file of a folder, by file name. */
export function folderFiles(folder: string): Record<string, string> {
    return Object.fromEntries(readdirSync(folder).filter(name => name.endsWith('.marvel')).map(name => [name, readFileSync(path.join(folder, name), 'utf8')]));
}

/** The seed example (examples/mensenhandel) as the preview gets it. */
export function seedPreviewModel(): Promise<PreviewModel> {
    return previewModel(folderFiles(path.join(examplesDirectory, 'mensenhandel')), 'mensenhandel.marvel');
}
