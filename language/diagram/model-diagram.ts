import type { ModelGraph } from '../analysis/model-graph.js';
import { withCategoryStubs } from './category-stubs.js';
import type { DiagramLayoutOptions, ElkLayouter } from './diagram-layout.js';
import { layoutDiagram } from './diagram-layout.js';
import type { DiagramScene } from './diagram-scene.js';
import type { DiagramView } from './diagram-view.js';
import { isWholeModel, selectView } from './diagram-view.js';
import { overviewOf } from './overview-scene.js';
import type { DiagramPlacer } from './placement.js';

/**
 * The diagram of a view of a model, as the preview and `marvel render` draw it: the laid-out
 * part of the model, with the overview of its categories when it is the whole model, or with
 * stubs for the relations that leave the category when it is one category.
 */
export async function layoutModelDiagram(graph: ModelGraph, view: DiagramView, elk: ElkLayouter | DiagramPlacer, options: DiagramLayoutOptions = {}): Promise<DiagramScene> {
    const scene = await layoutDiagram(selectView(graph, view), elk, { ...options, picture: pictureOf(view), flow: view.flow === true && view.factors !== undefined });
    const part = view.focus !== undefined || view.into !== undefined || view.factors !== undefined;
    if (isWholeModel(view)) {
        return scene.categories.length > 0 ? { ...scene, overview: overviewOf(graph, scene) } : scene;
    }
    return view.category !== undefined && !part ? withCategoryStubs(graph, scene) : scene;
}

/** The key a placer remembers a view's picture by: empty for the whole model. */
function pictureOf(view: DiagramView): string {
    const shown = Object.entries(view).filter(([, value]) => value !== undefined);
    return shown.length === 0 ? '' : JSON.stringify(Object.fromEntries(shown));
}
