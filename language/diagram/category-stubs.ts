import type { ModelGraph, RelationEdge, Sign, SourceLocation } from '../analysis/model-graph.js';
import { round } from './box-geometry.js';
import type { DiagramScene, SceneBox, ScenePoint } from './diagram-scene.js';
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

/** Room between two stubs' vertical runs, where a label could not stand level with its factor. */
const channelSpacing = 4;

/** Where a stub's label stands, before the picture is widened for the columns. */
interface PlannedStub {
    readonly relation: RelationEdge;
    readonly factor: string;
    /** Where the stub meets its factor. */
    readonly y: number;
    /** The top of its label. */
    readonly top: number;
    /** The vertical run of a stub whose label stands above or below its factor: the how-many-th of its side, counted from the labels. */
    readonly channel?: number;
}

/**
 * The scene of a category view with a stub for each relation to or from another category.
 * The picture is widened by a column of labels on each side that has stubs, and by the room
 * the stubs need to reach their labels, and moved right to make room for the left side. A
 * stub runs level from its factor; where its label had to stand lower (labels stack down
 * their column), it turns in a vertical run of its own, the runs ordered as the labels are
 * so that no two stubs cross or run together.
 */
export function withCategoryStubs(graph: ModelGraph, scene: DiagramScene): DiagramScene {
    const shown = new Map(scene.nodes.map(n => [n.id, n]));
    const crossing = graph.relations.filter(r => shown.has(r.source) !== shown.has(r.target));
    if (crossing.length === 0) {
        return scene;
    }
    const planned = { in: planStubs(crossing, 'in', shown), out: planStubs(crossing, 'out', shown) };
    const channelsWidth = (side: readonly PlannedStub[]): number => {
        const channels = side.filter(stub => stub.channel !== undefined).length;
        return channels > 0 ? channels * channelSpacing + channelSpacing : 0;
    };
    const sideWidth = { in: planned.in.length > 0 ? stubMetrics.columnWidth + stubMetrics.gap + channelsWidth(planned.in) : 0, out: planned.out.length > 0 ? stubMetrics.columnWidth + stubMetrics.gap + channelsWidth(planned.out) : 0 };
    const left = sideWidth.in;
    const moved = translate(scene, left);
    const nodes = new Map(moved.nodes.map(n => [n.id, n]));
    const stubs: SceneStub[] = [];
    for (const direction of ['in', 'out'] as const) {
        for (const { relation, factor: factorId, y, top, channel } of planned[direction]) {
            const factor = nodes.get(factorId)!;
            const otherId = direction === 'out' ? relation.target : relation.source;
            const other = graph.factor(otherId);
            const otherCategory = other?.category !== undefined ? graph.category(other.category) : undefined;
            const labelX = direction === 'out' ? left + scene.width + sideWidth.out - stubMetrics.columnWidth : stubMetrics.gap / 2;
            const label = { x: labelX, y: round(top), width: stubMetrics.columnWidth - stubMetrics.gap / 2, height: labelHeight };
            const labelMiddle = round(top + labelHeight / 2);
            const border = direction === 'out' ? factor.x + factor.width : factor.x;
            const columnEdge = direction === 'out' ? label.x - 4 : label.x + label.width + 4;
            // The vertical run: the first of a side nearest the labels, the last nearest the category.
            const run = channel === undefined ? undefined : columnEdge + (direction === 'out' ? -1 : 1) * (channel + 1) * channelSpacing;
            const fromFactor = run === undefined
                ? [{ x: border, y: round(y) }, { x: columnEdge, y: round(y) }]
                : [{ x: border, y: round(y) }, { x: run, y: round(y) }, { x: run, y: labelMiddle }, { x: columnEdge, y: labelMiddle }];
            stubs.push({
                relation: relation.index,
                direction,
                factor: factor.id,
                other: otherId,
                otherLabel: other?.label ?? otherId,
                otherCategory: otherCategory?.id,
                otherCategoryLabel: otherCategory?.label,
                sign: relation.sign,
                points: direction === 'out' ? fromFactor : fromFactor.reverse(),
                label,
                location: relation.location
            });
        }
    }
    const bottom = Math.max(moved.height, ...stubs.map(s => s.label.y + s.label.height + stubMetrics.gap / 2));
    const width = left + scene.width + sideWidth.out;
    return { ...moved, width: Math.ceil(width), height: Math.ceil(bottom), stubs };
}

/**
 * The stubs of one side, their labels stacked down the column in the order of the factors
 * they start from, each as level with its factor as the ones above leave room for; a label
 * that had to stand elsewhere gets a vertical run, numbered down the column.
 */
function planStubs(crossing: readonly RelationEdge[], direction: 'in' | 'out', shown: ReadonlyMap<string, SceneBox & { readonly id: string }>): PlannedStub[] {
    const end = (relation: RelationEdge): string => direction === 'out' ? relation.source : relation.target;
    const relations = crossing.filter(r => shown.has(end(r)));
    const wanted = relations.map(relation => {
        const factor = shown.get(end(relation))!;
        const sameFactor = relations.filter(r => end(r) === factor.id);
        const y = factor.y + factor.height * (sameFactor.indexOf(relation) + 1) / (sameFactor.length + 1);
        return { relation, factor: factor.id, y };
    }).sort((a, b) => a.y - b.y || a.relation.index - b.relation.index);
    let nextTop = -Infinity;
    let channels = 0;
    return wanted.map(stub => {
        const top = Math.max(stub.y - labelHeight / 2, nextTop);
        nextTop = top + labelHeight;
        const level = Math.abs(round(top + labelHeight / 2) - round(stub.y)) < 0.5;
        return { ...stub, top, ...level ? {} : { channel: channels++ } };
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
