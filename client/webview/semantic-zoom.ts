import type { DiagramScene, SceneBox } from '../../language/diagram/diagram-scene.js';
import { overviewFontSize, scaleToFit } from '../../language/diagram/overview-svg.js';
import type { PanZoom } from './pan-zoom.js';

/**
 * How much of the diagram is drawn at a zoom: the overview of the categories, the categories
 * alone, the factors' boxes without their text, or everything.
 */
export type DetailLevel = 'overview' | 'categories' | 'boxes' | 'full';

const levels: readonly DetailLevel[] = ['overview', 'categories', 'boxes', 'full'];
/** Factor labels are 12 units high: below this scale (6 px on screen) they are not drawn. */
export const legibleScale = 0.5;
/** Below this scale boxes are a few pixels: only the categories (or the overview) are drawn. */
export const boxesScale = 0.12;
/** Zoomed this far past fitting, the overview gives way to the full layout's boxes. */
const overviewZoomRange = 1.6;
/** How long the zoom into a category takes; long enough to follow, short enough not to wait. */
const openDuration = 250;
/** After this pause the view is at rest: drawn afresh at its zoom (see `moving` in semantic-zoom.css). */
const restDelay = 200;

/**
 * The level of detail at a scale. A model that fits legibly is drawn in full; one that does
 * not opens as its overview, which gives way, zooming in, to the boxes of the full layout
 * and then to their text.
 */
export function detailLevel(scale: number, fitScale: number, hasOverview: boolean): DetailLevel {
    if (scale >= legibleScale) {
        return 'full';
    }
    if (hasOverview && fitScale < legibleScale && scale < Math.max(boxesScale, Math.min(legibleScale, fitScale * overviewZoomRange))) {
        return 'overview';
    }
    return scale >= boxesScale ? 'boxes' : 'categories';
}

/**
 * Semantic zoom in the preview: marks the drawn diagram with its level of detail as the
 * zoom changes (CSS then hides what is not drawn at that level, so pan and zoom of a large
 * model stay smooth), and opens a category in place on a double-click.
 */
export class SemanticZoom {
    private svg?: SVGSVGElement;
    private scene?: DiagramScene;
    private shown: DetailLevel = 'full';
    private animation?: number;
    private restTimer?: ReturnType<typeof setTimeout>;

    constructor(private readonly viewport: HTMLElement, private readonly stage: HTMLElement, private readonly panZoom: PanZoom) {}

    get level(): DetailLevel {
        return this.shown;
    }

    /** The overview's text size in diagram units: readable when the whole scene fits the window. */
    overviewFontSize(scene: DiagramScene): number {
        return overviewFontSize(this.fitScale(scene));
    }

    /** A newly drawn diagram: mark it for the current zoom. */
    attach(svg: SVGSVGElement, scene: DiagramScene): void {
        this.svg = svg;
        this.scene = scene;
        this.update(this.panZoom.current.scale, true);
    }

    /** The zoom changed: change the marks when the level does, and move the picture as a layer until it rests. */
    update(scale: number, always = false): void {
        this.stage.classList.add('moving');
        clearTimeout(this.restTimer);
        this.restTimer = setTimeout(() => this.stage.classList.remove('moving'), restDelay);
        const scene = this.scene;
        if (!this.svg || !scene) {
            return;
        }
        const level = detailLevel(scale, this.fitScale(scene), scene.overview !== undefined);
        if (level !== this.shown || always) {
            this.shown = level;
            this.svg.classList.remove(...levels.map(l => `lod-${l}`));
            this.svg.classList.add(`lod-${level}`);
            this.viewport.dataset.detail = level;
        }
    }

    /**
     * A double-click on a category (its overview card or its area) zooms into it until its
     * factors read: at least the legible scale, the whole category when it fits, else its
     * top left. True when there was a category to open.
     */
    openAt(target: EventTarget | null): boolean {
        const box = target instanceof Element ? this.categoryBox(target) : undefined;
        if (!box) {
            return false;
        }
        const width = this.viewport.clientWidth;
        const height = this.viewport.clientHeight;
        const scale = Math.min(2, Math.max(legibleScale, scaleToFit(box, { width, height })));
        const seen = { x: box.x, y: box.y, width: Math.min(box.width, width / scale), height: Math.min(box.height, height / scale) };
        this.zoomSmoothly(scale, { x: width / 2 - (seen.x + seen.width / 2) * scale, y: height / 2 - (seen.y + seen.height / 2) * scale });
        return true;
    }

    private categoryBox(target: Element): SceneBox | undefined {
        const scene = this.scene;
        const group = target.closest('.marvel-overview-group.kind-category')?.getAttribute('data-group')
            ?? target.closest('.marvel-category')?.getAttribute('data-category');
        if (!scene || group == null) {
            return undefined;
        }
        // Open the top-level category around a nested one: the overview shows those.
        const area = scene.overview?.groups.find(g => g.id === group) ?? scene.categories.find(c => c.id === group);
        return area && { x: area.x, y: area.y, width: area.width, height: area.height };
    }

    /** Moves to a transform in a short animation that keeps the point under the zoom in view. */
    private zoomSmoothly(scale: number, position: { x: number; y: number }): void {
        if (this.animation !== undefined) {
            cancelAnimationFrame(this.animation);
        }
        const start = this.panZoom.current;
        const began = performance.now();
        const step = (now: number): void => {
            const t = Math.min(1, (now - began) / openDuration);
            const eased = t * (2 - t);
            // The scale grows geometrically (as a wheel zooms); the position follows so that the
            // target box moves steadily to the centre.
            const s = start.scale * Math.pow(scale / start.scale, eased);
            const progress = (s - start.scale) / ((scale - start.scale) || 1);
            const k = scale === start.scale ? eased : progress;
            this.panZoom.set({ scale: s, x: start.x + (position.x - start.x) * k, y: start.y + (position.y - start.y) * k });
            this.animation = t < 1 ? requestAnimationFrame(step) : undefined;
        };
        this.animation = requestAnimationFrame(step);
    }

    private fitScale(scene: DiagramScene): number {
        return scaleToFit(scene, { width: this.viewport.clientWidth, height: this.viewport.clientHeight });
    }
}
