import type { SourceLocation } from '../../language/analysis/model-graph.js';
import type { DiagramScene, SceneBox, SceneEdge, SceneNode, ScenePoint } from '../../language/diagram/diagram-scene.js';
import type { MountedDiagram } from './diagram-mount.js';

/** What the user clicked or found. A relation remembers its ends because indices shift when the model is edited. */
export type Selection =
    | { readonly kind: 'factor'; readonly id: string }
    | { readonly kind: 'relation'; readonly relation: number; readonly source: string; readonly target: string };

/**
 * The marks on the diagram: the selection (from the preview) and the highlight (from the
 * editor's cursor). Kept as ids, not elements, so they survive a re-render.
 */
export class Marks {
    selection?: Selection;
    private highlightedFactors = new Set<string>();
    private highlightedRelations = new Set<number>();

    /** Highlights what the editor's cursor stands on; false when that is what is highlighted already. */
    setHighlight(factors: readonly string[], relations: readonly number[]): boolean {
        const same = (shown: ReadonlySet<string | number>, given: readonly (string | number)[]): boolean => shown.size === new Set(given).size && given.every(item => shown.has(item));
        if (same(this.highlightedFactors, factors) && same(this.highlightedRelations, relations)) {
            return false;
        }
        this.highlightedFactors = new Set(factors);
        this.highlightedRelations = new Set(relations);
        return true;
    }

    get hasHighlight(): boolean {
        return this.highlightedFactors.size > 0 || this.highlightedRelations.size > 0;
    }

    /** Whether the highlight holds what is selected: the cursor went there from a click in the preview. */
    get highlightsSelection(): boolean {
        const selection = this.selection;
        return selection?.kind === 'factor' ? this.highlightedFactors.has(selection.id)
            : selection?.kind === 'relation' ? this.highlightedRelations.has(selection.relation) : false;
    }

    /** The selected factor, if the selection is one. */
    get factor(): string | undefined {
        return this.selection?.kind === 'factor' ? this.selection.id : undefined;
    }

    /** Drops or re-finds the selection after a render: ids that are gone are forgotten. */
    reconcile(scene: DiagramScene): void {
        const selection = this.selection;
        if (selection?.kind === 'factor' && !scene.nodes.some(n => n.id === selection.id)) {
            this.selection = undefined;
        } else if (selection?.kind === 'relation') {
            const same = (e: SceneEdge): boolean => e.source === selection.source && e.target === selection.target;
            const edge = scene.edges.find(e => e.relation === selection.relation && same(e)) ?? scene.edges.find(same);
            this.selection = edge ? { ...selection, relation: edge.relation } : undefined;
        }
    }

    /** Sets the CSS classes on the mounted diagram: `selected`, `highlighted`, and `related` for a selected factor's arrows. */
    apply(mounted: MountedDiagram): void {
        for (const marked of mounted.svg.querySelectorAll('.selected, .highlighted, .related')) {
            marked.classList.remove('selected', 'highlighted', 'related');
        }
        mounted.svg.classList.toggle('has-selection', this.selection !== undefined);
        const selection = this.selection;
        if (selection?.kind === 'factor') {
            mounted.nodes.get(selection.id)?.classList.add('selected');
            for (const edge of mounted.edges.values()) {
                if (edge.getAttribute('data-source') === selection.id || edge.getAttribute('data-target') === selection.id) {
                    edge.classList.add('related');
                }
            }
        } else if (selection?.kind === 'relation') {
            const edge = mounted.edges.get(selection.relation);
            edge?.classList.add('selected');
            mounted.nodes.get(selection.source)?.classList.add('related');
            mounted.nodes.get(selection.target)?.classList.add('related');
        }
        for (const id of this.highlightedFactors) {
            mounted.nodes.get(id)?.classList.add('highlighted');
        }
        for (const relation of this.highlightedRelations) {
            mounted.edges.get(relation)?.classList.add('highlighted');
        }
    }

    /** The area of the selection in diagram coordinates. */
    selectionBox(scene: DiagramScene): SceneBox | undefined {
        const selection = this.selection;
        if (selection?.kind === 'factor') {
            return unionBox(scene.nodes.filter(n => n.id === selection.id), []);
        }
        if (selection?.kind === 'relation') {
            return unionBox([], scene.edges.filter(e => e.relation === selection.relation));
        }
        return undefined;
    }

    /**
     * What of the selection is drawn bright, as pieces in diagram coordinates: the selected
     * factor and each stretch of its arrows, or the selected arrow's stretches and its two
     * factors. While none of them is in view the rest is not faded (preview-controller.ts).
     */
    selectionParts(scene: DiagramScene): SceneBox[] {
        const selection = this.selection;
        const stretches = (edges: readonly SceneEdge[]): SceneBox[] => edges.flatMap(edge => edge.points.slice(1).map((to, k) => {
            const from = edge.points[k];
            return { x: Math.min(from.x, to.x), y: Math.min(from.y, to.y), width: Math.abs(to.x - from.x), height: Math.abs(to.y - from.y) };
        }));
        if (selection?.kind === 'factor') {
            return [...scene.nodes.filter(n => n.id === selection.id), ...stretches(scene.edges.filter(e => e.source === selection.id || e.target === selection.id))];
        }
        if (selection?.kind === 'relation') {
            return [...scene.nodes.filter(n => n.id === selection.source || n.id === selection.target), ...stretches(scene.edges.filter(e => e.relation === selection.relation))];
        }
        return [];
    }

    /**
     * Where to look for the highlight: everything marked if it fits on screen, else the
     * factors, else the first of them (a relation can span the whole diagram, and the user
     * wants to see the factor). Padded a little; undefined without a highlight.
     */
    highlightRevealBox(scene: DiagramScene, fits: (box: SceneBox) => boolean): SceneBox | undefined {
        const candidates = [this.highlightBox(scene), this.highlightBox(scene, 'factors'), this.highlightBox(scene, 'first')];
        const boxes = candidates.filter((box): box is SceneBox => box !== undefined).map(box => padBox(box, 20));
        return boxes.find(fits) ?? boxes.at(-1);
    }

    /** The area of the highlighted factors and relations (or only the factors, or the first factor) in diagram coordinates. */
    highlightBox(scene: DiagramScene, part: 'all' | 'factors' | 'first' = 'all'): SceneBox | undefined {
        const nodes = scene.nodes.filter(n => this.highlightedFactors.has(n.id));
        return part === 'first' ? unionBox(nodes.slice(0, 1), [])
            : unionBox(nodes, part === 'all' ? scene.edges.filter(e => this.highlightedRelations.has(e.relation)) : []);
    }
}

/**
 * What a click landed on: a factor, else a relation (its line or its wide invisible hit path),
 * else nothing. Where the hit paths of several relations lie under the click (`under`: lines
 * a few pixels apart in a band), the relation whose line passes nearest the click (`at`, in
 * diagram coordinates) is the one meant, not the one drawn last.
 */
export function selectionAt(target: EventTarget | null, scene: DiagramScene, under?: { readonly at: ScenePoint; readonly relations: readonly number[] }): Selection | undefined {
    if (!(target instanceof Element)) {
        return undefined;
    }
    const nodeId = target.closest('.marvel-node')?.getAttribute('data-id');
    const node = nodeId == null ? undefined : scene.nodes.find(n => n.id === nodeId);
    if (node) {
        return { kind: 'factor', id: node.id };
    }
    const relation = target.closest('.marvel-edge')?.getAttribute('data-relation');
    const candidates = under && under.relations.length > 1 ? scene.edges.filter(e => under.relations.includes(e.relation)) : [];
    const at = under?.at;
    const nearest = at && candidates.length > 0 ? candidates.reduce((best, edge) => distanceToLine(at, edge.points) < distanceToLine(at, best.points) ? edge : best) : undefined;
    const edge = nearest ?? (relation == null ? undefined : scene.edges.find(e => String(e.relation) === relation));
    return edge && { kind: 'relation', relation: edge.relation, source: edge.source, target: edge.target };
}

/** How far a point lies from a polyline. */
function distanceToLine(point: ScenePoint, line: readonly ScenePoint[]): number {
    let nearest = Infinity;
    for (let k = 1; k < line.length; k++) {
        const [a, b] = [line[k - 1], line[k]];
        const dx = b.x - a.x;
        const dy = b.y - a.y;
        const t = Math.max(0, Math.min(1, ((point.x - a.x) * dx + (point.y - a.y) * dy) / (dx * dx + dy * dy || 1)));
        nearest = Math.min(nearest, Math.hypot(point.x - (a.x + t * dx), point.y - (a.y + t * dy)));
    }
    return nearest;
}

/** Where a selection is declared: the factor's declaration or the relation's clause. */
export function selectionLocation(selection: Selection | undefined, scene: DiagramScene): SourceLocation | undefined {
    switch (selection?.kind) {
        case 'factor': return scene.nodes.find(n => n.id === selection.id)?.location;
        case 'relation': return scene.edges.find(e => e.relation === selection.relation)?.location;
        default: return undefined;
    }
}

export function unionBox(nodes: readonly SceneNode[], edges: readonly SceneEdge[]): SceneBox | undefined {
    const xs: number[] = [];
    const ys: number[] = [];
    for (const node of nodes) {
        xs.push(node.x, node.x + node.width);
        ys.push(node.y, node.y + node.height);
    }
    for (const edge of edges) {
        for (const point of edge.points) {
            xs.push(point.x);
            ys.push(point.y);
        }
    }
    if (xs.length === 0) {
        return undefined;
    }
    const x = Math.min(...xs);
    const y = Math.min(...ys);
    return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

export function padBox(box: SceneBox, by: number): SceneBox {
    return { x: box.x - by, y: box.y - by, width: box.width + 2 * by, height: box.height + 2 * by };
}
