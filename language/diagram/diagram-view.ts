import type { ModelGraph, ModelGraphData } from '../analysis/model-graph.js';
import { ModelGraph as Graph } from '../analysis/model-graph.js';

/** Which part of a model a diagram shows. Without any field: the whole model. */
export interface DiagramView {
    /** Only the factors of this category and its sub-categories (the memo's figures 3–8). */
    readonly category?: string;
    /** A factor and what lies up to `up` steps before it and `down` steps after it. */
    readonly focus?: { readonly factor: string; readonly up: number; readonly down: number };
    /** A factor and every factor with an arrow into it (the memo's figure 11). */
    readonly into?: string;
    /** Only these factors, in their categories: what a trace lights up, or a change, drawn alone. */
    readonly factors?: readonly string[];
    /**
     * With `factors`: drawn as one flow from left to right, without the categories' areas, as
     * the memo draws an intervention's paths to a KPI and a loop (its figures 9 and 10). In
     * their categories, paths between them ran round the areas and read as a tangle.
     */
    readonly flow?: boolean;
}

/** Whether a view is of the whole model: no category, focus, arrows into or factors chosen. */
export function isWholeModel(view: DiagramView): boolean {
    return view.category === undefined && view.focus === undefined && view.into === undefined && view.factors === undefined;
}

/** The part of the graph a view shows: the chosen factors, the relations among them and the categories around them. */
export function selectView(graph: ModelGraph, view: DiagramView): ModelGraph {
    let keep: Set<string> | undefined;
    if (view.category !== undefined) {
        const category = view.category;
        keep = new Set(graph.factors.filter(f => f.category !== undefined && graph.categoryPath(f.category).some(c => c.id === category)).map(f => f.id));
    }
    if (view.focus) {
        keep = intersect(keep, neighbourhood(graph, view.focus.factor, view.focus.up, view.focus.down));
    }
    if (view.into !== undefined) {
        keep = intersect(keep, new Set([view.into, ...graph.incoming(view.into).map(r => r.source)]));
    }
    if (view.factors !== undefined) {
        keep = intersect(keep, new Set(view.factors));
    }
    if (!keep) {
        return graph;
    }
    return factorsView(graph, keep, view.category);
}

/** The given factors, the relations among them and the categories around them (and, when given, one category with all its sub-categories). */
export function factorsView(graph: ModelGraph, kept: ReadonlySet<string>, whole?: string): ModelGraph {
    const categories = new Set<string>();
    for (const factor of graph.factors) {
        if (kept.has(factor.id) && factor.category) {
            graph.categoryPath(factor.category).forEach(c => categories.add(c.id));
        }
    }
    if (whole !== undefined && graph.category(whole)) {
        graph.categoryPath(whole).forEach(c => categories.add(c.id));
        for (const category of graph.categories) {
            if (graph.categoryPath(category.id).some(c => c.id === whole)) {
                categories.add(category.id);
            }
        }
    }
    const data: ModelGraphData = {
        ...graph.data,
        factors: graph.factors.filter(f => kept.has(f.id)),
        categories: graph.categories.filter(c => categories.has(c.id)),
        relations: graph.relations.filter(r => kept.has(r.source) && kept.has(r.target))
    };
    return new Graph(data);
}

function neighbourhood(graph: ModelGraph, start: string, up: number, down: number): Set<string> {
    const result = new Set<string>([start]);
    const walk = (steps: number, next: (id: string) => string[]): void => {
        let frontier = [start];
        for (let step = 0; step < steps && frontier.length > 0; step++) {
            const following: string[] = [];
            for (const id of frontier) {
                for (const neighbour of next(id)) {
                    if (!result.has(neighbour)) {
                        result.add(neighbour);
                        following.push(neighbour);
                    }
                }
            }
            frontier = following;
        }
    };
    walk(up, id => graph.incoming(id).map(r => r.source));
    walk(down, id => graph.outgoing(id).map(r => r.target));
    return result;
}

function intersect(a: Set<string> | undefined, b: Set<string>): Set<string> {
    return a ? new Set([...a].filter(id => b.has(id))) : b;
}
