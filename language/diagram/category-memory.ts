import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { SceneBox, ScenePoint } from './diagram-scene.js';
import { diagramMetrics } from './diagram-style.js';
import { categorySpacing, isPlacementEdge } from './elk-graph.js';
import type { ElkLayouter } from './part-packing.js';

/** A category's layout and the ELK input it was made for. */
interface RememberedLayout {
    readonly input: string;
    /** The input without what a kept layout can follow (keptLayout): the relations ELK routes and the sizes of sub-categories. */
    readonly frame: string;
    readonly layout: ElkNode;
}

/** Layouts kept per category: an edit, its undo and a few steps either way come back as they were. */
const rememberedPerCategory = 4;
/** Categories remembered: every category of a large model and a few views of it, as the layout cache. */
const rememberedCategories = 256;
/**
 * Relations added to a category that its kept layout may leave to the router between
 * categories; one more, and ELK lays the category out again, with all of them as its arrows.
 */
const unroutedPerCategory = 8;

/**
 * The layouts categories had in the pictures before, by category, so that laying one out again
 * after an edit moves as little as it can. ELK lays a category out from scratch: a relation
 * added inside a category moves most of its factors, and a sub-category whose box grew or
 * shrank by a grid cell shifts most of the boxes around it. So when a category's ELK input
 * differs from the one of its last layout only in its relations and in the sizes of its
 * sub-categories, the last layout is kept (keptLayout): a removed relation's arrow goes, an
 * added one is routed around the boxes as a relation between categories is (placement.ts),
 * up to a few per category, and a resized sub-category takes its new size where it stands if
 * it has room there. Otherwise ELK lays the category out as it would without memory. An input
 * laid out before (an undo) gets its layout back.
 *
 * Only the preview keeps a memory (the layout worker's): a picture laid out without one is the
 * same for the same model, whatever came before.
 */
export class CategoryLayoutMemory {
    /** By category id, oldest first; Map order makes the least recently used category the first. */
    private readonly layouts = new Map<string, RememberedLayout[]>();

    async layout(graph: ElkNode, elk: ElkLayouter): Promise<ElkNode> {
        const input = JSON.stringify(graph);
        const earlier = this.layouts.get(graph.id) ?? [];
        const same = earlier.find(remembered => remembered.input === input);
        // A category the edit left alone (most of them, at every redraw) has its frame already.
        const frame = same?.frame ?? JSON.stringify(frameOf(graph));
        const last = earlier.at(-1);
        const layout = same?.layout ?? (last?.frame === frame ? keptLayout(last.layout, graph) : undefined) ?? await elk.layout(graph);
        this.layouts.delete(graph.id);
        this.layouts.set(graph.id, [...earlier.filter(remembered => remembered !== same), { input, frame, layout }].slice(-rememberedPerCategory));
        while (this.layouts.size > rememberedCategories) {
            this.layouts.delete(this.layouts.keys().next().value!);
        }
        // Callers place and offset what they get: each receives its own copy.
        return structuredClone(layout);
    }
}

/**
 * The graph without its relations (the edges ELK routes between ports, and the ports) and
 * without the sizes of its sub-categories (the children without ports of their own). What is
 * left (the factors with their sizes, the sub-categories, the placement edges) decides where
 * everything goes.
 */
function frameOf(graph: ElkNode): ElkNode {
    return {
        ...graph,
        children: (graph.children ?? []).map(child => child.ports ? { ...child, ports: [] } : { ...child, width: undefined, height: undefined }),
        edges: (graph.edges ?? []).filter(edge => isPlacementEdge(edge.id))
    };
}

/**
 * `previous`, the layout of a graph with the same frame as `graph` (frameOf), made to fit
 * `graph`, or undefined when it cannot. The arrows of relations `graph` no longer has go; a
 * relation it added has no arrow here (the placement routes it around the boxes), up to
 * `unroutedPerCategory` of them. A sub-category that shrinks keeps its top left corner; one that
 * grows does too if it has room there, or else grows up or to the left, as far as it needs and
 * no further: it was laid out again anyway, and nothing else moves. The category grows with a
 * box that reaches past its edge, and keeps its size when a box shrinks.
 */
function keptLayout(previous: ElkNode, graph: ElkNode): ElkNode | undefined {
    const layout = structuredClone(previous);
    const edgeIds = new Set((graph.edges ?? []).map(edge => edge.id));
    layout.edges = (layout.edges ?? []).filter(edge => edgeIds.has(edge.id));
    if (edgeIds.size - layout.edges.length > unroutedPerCategory) {
        return undefined;
    }
    const boxes = new Map((layout.children ?? []).map(child => [child.id, child]));
    const segments = layout.edges.filter(edge => !isPlacementEdge(edge.id)).flatMap(edge => (edge.sections ?? []).flatMap(section => {
        const points = [section.startPoint, ...section.bendPoints ?? [], section.endPoint];
        return points.slice(1).map((point, k): Segment => [points[k], point]);
    }));
    for (const child of graph.children ?? []) {
        const box = boxes.get(child.id)!;
        const width = child.width ?? 0;
        const height = child.height ?? 0;
        if (box.width === width && box.height === height) {
            continue;
        }
        const place = roomFor(boxOf(box), { width, height }, [...boxes.values()].filter(other => other !== box).map(boxOf), segments);
        if (!place) {
            return undefined;
        }
        Object.assign(box, place, { width, height });
    }
    const children = layout.children ?? [];
    layout.width = Math.max(layout.width ?? 0, ...children.map(child => (child.x ?? 0) + (child.width ?? 0) + diagramMetrics.categoryPadding));
    layout.height = Math.max(layout.height ?? 0, ...children.map(child => (child.y ?? 0) + (child.height ?? 0) + diagramMetrics.categoryPadding));
    return layout;
}

type Segment = readonly [ScenePoint, ScenePoint];

function boxOf(node: ElkNode): SceneBox {
    return { x: node.x ?? 0, y: node.y ?? 0, width: node.width ?? 0, height: node.height ?? 0 };
}

/** Something a resized box keeps its distance to: another box or a stretch of an arrow (a box of width or height 0). */
interface Obstacle {
    readonly box: SceneBox;
    readonly spacing: number;
}

/**
 * Where a box now at `old` can take `size`: its corner where it is, or moved up and left by at
 * most what it grows, the nearest place that keeps ELK's spacing to every obstacle, or at
 * least does not come closer to it than the box did (ELK itself sometimes routes an arrow a
 * little nearer).
 */
function roomFor(old: SceneBox, size: { width: number; height: number }, others: readonly SceneBox[], segments: readonly Segment[]): ScenePoint | undefined {
    const obstacles: Obstacle[] = [
        ...others.map(box => ({ box, spacing: categorySpacing.nodeNode })),
        ...segments.map(([from, to]) => ({ box: { x: Math.min(from.x, to.x), y: Math.min(from.y, to.y), width: Math.abs(to.x - from.x), height: Math.abs(to.y - from.y) }, spacing: categorySpacing.edgeNode }))
    ];
    const left = Math.max(diagramMetrics.categoryPadding, old.x - Math.max(0, size.width - old.width));
    const top = Math.max(diagramMetrics.categoryPaddingTop, old.y - Math.max(0, size.height - old.height));
    const within = (value: number, low: number, high: number): boolean => value >= low && value <= high;
    const xs = [old.x, left, ...obstacles.flatMap(({ box, spacing }) => [box.x + box.width + spacing, box.x - spacing - size.width])].filter(x => within(x, left, old.x));
    const ys = [old.y, top, ...obstacles.flatMap(({ box, spacing }) => [box.y + box.height + spacing, box.y - spacing - size.height])].filter(y => within(y, top, old.y));
    let best: (ScenePoint & { distance: number }) | undefined;
    for (const x of xs) {
        for (const y of ys) {
            const distance = old.x - x + old.y - y;
            const area = { x, y, ...size };
            if ((!best || distance < best.distance) && !obstacles.some(({ box, spacing }) => gap(area, box) < Math.min(spacing, gap(old, box)))) {
                best = { x, y, distance };
            }
        }
    }
    return best && { x: best.x, y: best.y };
}

/** How far apart two boxes are, along the axis they are furthest apart on; 0 when they overlap or touch. */
function gap(a: SceneBox, b: SceneBox): number {
    return Math.max(0, b.x - (a.x + a.width), a.x - (b.x + b.width), b.y - (a.y + a.height), a.y - (b.y + b.height));
}
