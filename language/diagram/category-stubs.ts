import type { ModelGraph, RelationEdge, Sign, SourceLocation } from '../analysis/model-graph.js';
import { round } from './box-geometry.js';
import type { DiagramScene, SceneBox, ScenePoint } from './diagram-scene.js';
import { diagramMetrics } from './diagram-style.js';
import type { DrawnRelation } from './drawing-quality.js';
import { crossingPairs } from './drawing-quality.js';
import type { RoutedBox, RouteRequest } from './orthogonal-router.js';
import { routeAroundBoxes } from './orthogonal-router.js';
import { routerSpacing } from './placement.js';
import { setRoutesApart } from './route-separation.js';
import { textWidth } from './text-metrics.js';

/**
 * A relation between a factor of the shown category and a factor elsewhere: a short line
 * from the factor to a label at the side of the picture naming the other factor and its
 * category. Relations out of the category leave to the right, relations into it come from
 * the left, as the layout reads.
 */
export interface SceneStub {
    readonly relation: number;
    readonly direction: 'in' | 'out';
    /** The factor in the shown category. */
    readonly factor: string;
    /** The factor at the other end, with its category (none for a factor outside every category). */
    readonly other: string;
    readonly otherLabel: string;
    readonly otherCategory?: string;
    readonly otherCategoryLabel?: string;
    readonly sign: Sign;
    /** From the factor's border to the label (out), or from the label to the border (in). */
    readonly points: readonly ScenePoint[];
    /** Where the two lines of the label go; text is left-aligned for `out`, right-aligned for `in`. */
    readonly label: SceneBox;
    readonly location: SourceLocation;
}

export const stubMetrics = { fontSize: 11, lineHeight: 14, columnWidth: 190, gap: 28, labelGap: 4 } as const;
const labelHeight = 2 * stubMetrics.lineHeight + stubMetrics.labelGap;

/** Where a stub's label stands, before the picture is widened for the columns. */
interface PlannedStub {
    readonly relation: RelationEdge;
    readonly factor: string;
    /** Where the stub would meet its factor. */
    readonly y: number;
    /** The top of its label. */
    readonly top: number;
}

/**
 * The scene of a category view with a stub for each relation to or from another category.
 * The picture is widened by a column of labels on each side that has stubs, and moved right
 * to make room for the left side. The labels stack down their column, each as level with its
 * factor as the ones above leave room for; each stub is routed from its label to its factor
 * (or back) around the boxes, as relations between categories are in the whole picture
 * (orthogonal-router.ts), its ends set apart along the sides they meet (route-ends.ts) and its
 * stretches apart from the others' (route-separation.ts): a stub drawn straight to its factor
 * ran under the boxes of the layers before it and seemed to end at one of them.
 */
export function withCategoryStubs(graph: ModelGraph, scene: DiagramScene): DiagramScene {
    const shown = new Map(scene.nodes.map(n => [n.id, n]));
    const crossing = graph.relations.filter(r => shown.has(r.source) !== shown.has(r.target));
    if (crossing.length === 0) {
        return scene;
    }
    const planned = { in: planStubs(crossing, 'in', shown), out: planStubs(crossing, 'out', shown) };
    const sideWidth = { in: planned.in.length > 0 ? stubMetrics.columnWidth + stubMetrics.gap : 0, out: planned.out.length > 0 ? stubMetrics.columnWidth + stubMetrics.gap : 0 };
    const left = sideWidth.in;
    const moved = translate(scene, left);
    const columns = { right: left + scene.width + sideWidth.out - stubMetrics.columnWidth, width: left + scene.width + sideWidth.out };
    // Labels stacked by their factors' height send stubs that go round boxes across each other;
    // stacked again by where the routes enter the category (where any cross), they mostly run side by side.
    const first = routeStubs(moved, planned, columns);
    const crossings = crossingPairs(drawnStubs(first));
    const entries = crossings > 0 ? entryPlaces(first, moved) : undefined;
    const second = entries && routeStubs(moved, { in: planStubs(crossing, 'in', shown, entries), out: planStubs(crossing, 'out', shown, entries) }, columns);
    const { laid, routes } = second && crossingPairs(drawnStubs(second)) < crossings ? second : first;
    const stubs: SceneStub[] = laid.map(({ relation, direction, factor, y, label }, k) => {
        const otherId = direction === 'out' ? relation.target : relation.source;
        const other = graph.factor(otherId);
        const otherCategory = other?.category !== undefined ? graph.category(other.category) : undefined;
        return {
            relation: relation.index,
            direction,
            factor: factor.id,
            other: otherId,
            otherLabel: other?.label ?? otherId,
            otherCategory: otherCategory?.id,
            otherCategoryLabel: otherCategory?.label,
            sign: relation.sign,
            points: routes[k] ?? straightStub(direction, factor, y, label),
            label,
            location: relation.location
        };
    });
    const points = stubs.flatMap(stub => stub.points);
    const bottom = Math.max(moved.height, ...stubs.map(s => s.label.y + s.label.height + stubMetrics.gap / 2), ...points.map(p => p.y + diagramMetrics.margin));
    const width = Math.max(left + scene.width + sideWidth.out, ...points.map(p => p.x + diagramMetrics.margin));
    return { ...moved, width: Math.ceil(width), height: Math.ceil(bottom), stubs };
}

/** Across the picture: where the right column of labels begins (the left one begins at its edge), and the whole width. */
interface StubColumns {
    readonly right: number;
    readonly width: number;
}

interface RoutedStubs {
    readonly laid: readonly LaidStub[];
    readonly routes: readonly (ScenePoint[] | undefined)[];
}

/** The planned stubs' labels placed in their columns (one box per label, shared by the stubs of one factor elsewhere), and the stubs routed. */
function routeStubs(scene: DiagramScene, planned: Readonly<Record<'in' | 'out', readonly PlannedStub[]>>, columns: StubColumns): RoutedStubs {
    const nodes = new Map(scene.nodes.map(n => [n.id, n]));
    // The router and the route ends know a label shared by several stubs as one box.
    const labels = new Map<string, SceneBox>();
    const laid = (['in', 'out'] as const).flatMap(direction => planned[direction].map(({ relation, factor, y, top }) => {
        const labelX = direction === 'out' ? columns.right : stubMetrics.gap / 2;
        const key = `${direction} ${round(top)}`;
        const label = labels.get(key) ?? labels.set(key, { x: labelX, y: round(top), width: stubMetrics.columnWidth - stubMetrics.gap / 2, height: labelHeight }).get(key)!;
        return { relation, direction, factor: nodes.get(factor)!, y, label };
    }));
    const height = Math.max(scene.height, ...laid.map(stub => stub.label.y + stub.label.height));
    return { laid, routes: stubRoutes(scene, laid, { x: 0, y: 0, width: columns.width, height }) };
}

/** Where a stub's label goes in its column: `order` ranks it among the labels, `y` is the height it would stand at. */
interface LabelPlace {
    readonly order: number;
    readonly y: number;
}

/**
 * For each relation, where its routed stub first enters the category's picture, walked from
 * its label: through the side facing the label, the height; round below (or above) the picture
 * and in through its bottom (top), further down (up) the further the route went along it. Labels
 * stacked in that order send their stubs in side by side, the lower labels' further along.
 */
function entryPlaces({ laid, routes }: RoutedStubs, scene: DiagramScene): ReadonlyMap<number, LabelPlace> {
    const inner = boundsOf([...scene.categories, ...scene.nodes]);
    const [top, bottom] = [inner.y, inner.y + inner.height];
    const places = new Map<number, LabelPlace>();
    laid.forEach((stub, k) => {
        const route = routes[k];
        if (!route) {
            return;
        }
        const fromLabel = stub.direction === 'in' ? route : [...route].reverse();
        const entry = fromLabel.findIndex((point, i) => i > 0 && crossesInto(fromLabel[i - 1], point, inner));
        if (entry <= 0) {
            return;
        }
        const [before, after] = [fromLabel[entry - 1], fromLabel[entry]];
        // How far along the bottom or top the route went from the label's side before turning in.
        const along = stub.direction === 'in' ? after.x - inner.x : inner.x + inner.width - after.x;
        const order = before.y >= bottom ? bottom + along : before.y <= top ? top - along : before.y;
        places.set(stub.relation.index, { order, y: Math.min(Math.max(order, top), bottom) });
    });
    return places;
}

/** Whether a straight segment reaches into the box (a route that turns in through a side may have no point inside it). */
function crossesInto(from: ScenePoint, to: ScenePoint, box: SceneBox): boolean {
    const [left, right, top, bottom] = [box.x, box.x + box.width, box.y, box.y + box.height];
    return Math.max(from.x, to.x) > left && Math.min(from.x, to.x) < right && Math.max(from.y, to.y) > top && Math.min(from.y, to.y) < bottom;
}

function drawnStubs({ laid, routes }: RoutedStubs): DrawnRelation[] {
    return laid.map((stub, k) => ({ source: stub.relation.source, target: stub.relation.target, points: routes[k] ?? [] }));
}

/** A stub with its label placed: the relation, its side, the factor in the shown category and where along it the stub was planned. */
interface LaidStub {
    readonly relation: RelationEdge;
    readonly direction: 'in' | 'out';
    readonly factor: SceneBox & { readonly id: string };
    readonly y: number;
    readonly label: SceneBox;
}

/**
 * Each stub routed around the boxes, from its label to its factor (in) or back (out), in one
 * grid over the category and its columns of labels: the shortest way with few bends, not
 * through one gate of the category's border as routes between categories go. ELK's arrows
 * inside the category stay as they are; stubs running along them are set apart from them.
 */
function stubRoutes(scene: DiagramScene, stubs: readonly LaidStub[], picture: SceneBox): (ScenePoint[] | undefined)[] {
    const factors = scene.nodes;
    const area = boundsOf([...scene.categories, ...factors, ...stubs.map(stub => stub.label)]);
    const labels = [...new Set(stubs.map(stub => stub.label))];
    const boxes: RoutedBox[] = [...factors, ...labels].map(box => ({ box, area: 0 }));
    const factorIndex = new Map(factors.map((factor, k) => [factor.id, k]));
    const requests: RouteRequest[] = stubs.map(stub => {
        const [factor, label] = [factorIndex.get(stub.factor.id)!, factors.length + labels.indexOf(stub.label)];
        return stub.direction === 'in' ? { source: label, target: factor } : { source: factor, target: label };
    });
    const routed = routeAroundBoxes([area], boxes, requests, routerSpacing);
    const ended = routed.map((points, k) => {
        const [source, target] = stubs[k].direction === 'in' ? [stubs[k].label, stubs[k].factor] : [stubs[k].factor, stubs[k].label];
        return points && { points, source, target, movable: true };
    });
    const nodes = new Map(factors.map(node => [node.id, node]));
    const arrows = scene.edges.filter(edge => !edge.curved).map(edge => ({ points: edge.points, movable: false, source: nodes.get(edge.source)!, target: nodes.get(edge.target)! }));
    return setRoutesApart([...ended, ...arrows], boxes.map(({ box }) => box), { picture, areas: [] }).slice(0, stubs.length);
}

/** A stub drawn level from its label's column to its factor, for one the router found no way for. */
function straightStub(direction: 'in' | 'out', factor: SceneBox, y: number, label: SceneBox): ScenePoint[] {
    const border = direction === 'out' ? factor.x + factor.width : factor.x;
    const columnEdge = direction === 'out' ? label.x - 4 : label.x + label.width + 4;
    const points = [{ x: border, y: round(y) }, { x: columnEdge, y: round(y) }];
    return direction === 'out' ? points : points.reverse();
}

function boundsOf(boxes: readonly SceneBox[]): SceneBox {
    const x = Math.min(...boxes.map(box => box.x));
    const y = Math.min(...boxes.map(box => box.y));
    return { x, y, width: Math.max(...boxes.map(box => box.x + box.width)) - x, height: Math.max(...boxes.map(box => box.y + box.height)) - y };
}

/**
 * The stubs of one side, their labels stacked down the column in the order of the factors
 * they start from (or of where their routes entered the category, `entries`), each as level
 * with its factor (or entry) as the ones above leave room for, and none above the picture's
 * margin. The relations of one factor elsewhere share one label, level with the middle of
 * their factors here: a name listed twice read as two factors.
 */
function planStubs(crossing: readonly RelationEdge[], direction: 'in' | 'out', shown: ReadonlyMap<string, SceneBox & { readonly id: string }>, entries?: ReadonlyMap<number, LabelPlace>): PlannedStub[] {
    const end = (relation: RelationEdge): string => direction === 'out' ? relation.source : relation.target;
    const otherEnd = (relation: RelationEdge): string => direction === 'out' ? relation.target : relation.source;
    const relations = crossing.filter(r => shown.has(end(r)));
    const wanted = relations.map(relation => {
        const factor = shown.get(end(relation))!;
        const sameFactor = relations.filter(r => end(r) === factor.id);
        const y = factor.y + factor.height * (sameFactor.indexOf(relation) + 1) / (sameFactor.length + 1);
        return { relation, factor: factor.id, y };
    });
    const byOther = new Map<string, typeof wanted>();
    for (const stub of wanted) {
        byOther.set(otherEnd(stub.relation), [...byOther.get(otherEnd(stub.relation)) ?? [], stub]);
    }
    const mean = (stubs: typeof wanted, of: (place: LabelPlace) => number): number =>
        stubs.reduce((sum, stub) => sum + of(entries?.get(stub.relation.index) ?? { order: stub.y, y: stub.y }), 0) / stubs.length;
    const labels = [...byOther.values()]
        .map(stubs => ({ stubs, order: mean(stubs, place => place.order), y: mean(stubs, place => place.y) }))
        .sort((a, b) => a.order - b.order || a.stubs[0].relation.index - b.stubs[0].relation.index);
    let nextTop = diagramMetrics.margin;
    return labels.flatMap(({ stubs, y }) => {
        const top = Math.max(y - labelHeight / 2, nextTop);
        nextTop = top + labelHeight;
        return stubs.map(stub => ({ ...stub, top }));
    });
}

/** The two lines of a stub's label, cut to the column: the other factor, then where it lives. */
export function stubLines(stub: SceneStub): [string, string] {
    const arrow = stub.direction === 'out' ? '\u2192 ' : '\u2190 ';
    const where = stub.otherCategoryLabel !== undefined ? `in ${stub.otherCategoryLabel}` : 'outside the categories';
    return [fit(arrow + stub.otherLabel, stub.label.width), fit(where, stub.label.width)];
}

function fit(text: string, width: number): string {
    if (textWidth(text, stubMetrics.fontSize) <= width) {
        return text;
    }
    const characters = [...text];
    while (characters.length > 1 && textWidth(characters.join('') + '\u2026', stubMetrics.fontSize) > width) {
        characters.pop();
    }
    return characters.join('').trimEnd() + '\u2026';
}

/** The scene moved `dx` to the right. */
function translate(scene: DiagramScene, dx: number): DiagramScene {
    if (dx === 0) {
        return scene;
    }
    const point = (p: ScenePoint): ScenePoint => ({ x: round(p.x + dx), y: p.y });
    return {
        ...scene,
        categories: scene.categories.map(c => ({ ...c, x: c.x + dx })),
        nodes: scene.nodes.map(n => ({ ...n, x: n.x + dx })),
        edges: scene.edges.map(e => ({ ...e, points: e.points.map(point), signAt: point(e.signAt) }))
    };
}
