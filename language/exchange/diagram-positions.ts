import type { ModelGraph } from '../analysis/model-graph.js';
import type { DiagramScene } from '../diagram/diagram-scene.js';

/**
 * Above this many factors an exported XMILE or Vensim diagram is a grid, category by
 * category: the preview's layout would take minutes.
 */
export const maxLaidOutFactors = 1000;

/** Where each factor's box stands in a diagram: its centre and size. */
export interface FactorBox {
    readonly x: number;
    readonly y: number;
    readonly width: number;
    readonly height: number;
}

/** The boxes of a laid-out preview diagram, by factor. */
export function boxesOfScene(scene: DiagramScene): Map<string, FactorBox> {
    return new Map(scene.nodes.map(node => [node.id, { x: Math.round(node.x + node.width / 2), y: Math.round(node.y + node.height / 2), width: Math.round(node.width), height: Math.round(node.height) }] as const));
}

/** Boxes on a plain grid, category by category: for when no diagram layout is given. */
export function gridBoxes(graph: ModelGraph): Map<string, FactorBox> {
    const columns = Math.max(4, Math.ceil(Math.sqrt(graph.factors.length)));
    const ordered = [...graph.factors].sort((a, b) => (a.category ?? '').localeCompare(b.category ?? ''));
    return new Map(ordered.map((factor, i) => [factor.id, { x: 100 + (i % columns) * 180, y: 60 + Math.floor(i / columns) * 90, width: 140, height: 40 }] as const));
}
