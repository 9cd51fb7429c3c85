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

/** Whether factor labels are drawn at a scale: from what the toolbar shows as 50 % (49.5 % read "50%" and showed none). */
export function isLegible(scale: number): boolean {
    return Math.round(scale * 100) >= legibleScale * 100;
}
/** Below this scale boxes are a few pixels: only the categories (or the overview) are drawn. */
export const boxesScale = 0.12;
/** Zoomed this far past fitting, the overview gives way to the full layout's boxes. */
const overviewZoomRange = 1.6;
/**
 * The least a category opens at: its labels 9 px high, which read; at the legible threshold
 * (6 px) they could be made out but not read with ease. A category larger than the panel at
 * this scale opens at its top left, and the rest is a pan away.
 */
const openScale = 0.75;
/** How long the zoom into a category takes; long enough to follow, short enough not to wait. */
const openDuration = 250;
/** While a gesture moves the view, a level gives way only this far past its threshold, so a zoom to and fro across it does not redraw every frame. */
const levelMargin = 1.1;
/**
 * A gesture that zooms out below this part of the scale the picture was drawn at has it drawn
 * afresh at once: the area it uncovers would otherwise be drawn at the old, finer scale.
 */
const redrawBelow = 0.5;

/**
 * The scale Chromium draws a `will-change: transform` layer at, made (or resized) while shown
 * at `scale`: that scale, raised to the screen's own unless it is below a quarter of it. It
 * keeps that scale while the layer moves, until the scale shown is four times larger.
 */
function layerRasterScale(scale: number): number {
    return scale < 0.25 ? scale : Math.max(scale, 1);
}

/**
 * The level of detail at a scale. A model that fits legibly is drawn in full; one that does
 * not opens as its overview, which gives way, zooming in, to the boxes of the full layout
 * and then to their text.
 */
export function detailLevel(scale: number, fitScale: number, hasOverview: boolean): DetailLevel {
    if (isLegible(scale)) {
        return 'full';
    }
    if (hasOverview && fitScale < legibleScale && scale < Math.max(boxesScale, Math.min(legibleScale, fitScale * overviewZoomRange))) {
        return 'overview';
    }
    return scale >= boxesScale ? 'boxes' : 'categories';
}

/**
 * Semantic zoom in the preview: draws the diagram for the zoom, and opens a category in
 * place on a double-click.
 *
 * The stage is a compositor layer for good (semantic-zoom.css): a gesture (the wheel, a
 * drag) only moves and scales pixels already drawn, and starting one costs nothing. The
 * diagram is drawn afresh when the gesture rests, or sooner when it zooms past a level's
 * threshold or far out. Drawn afresh means two things. The level of detail: a class on the
 * diagram, and CSS hides what that level does not draw. And the layer's sharpness. Chromium
 * keeps a layer that may move at the scale it was made at, and at least at the screen's
 * (see `layerRasterScale`): without text the diagram is drawn at the scale shown (its size
 * in the page, the stage's transform at scale 1), so the layer holds no more pixels than the
 * screen shows; with text it stays at its own size (resized, its text is painted again at
 * every frame of a gesture), and the layer is made again when the view rests zoomed past the
 * scale it holds.
 */
export class SemanticZoom {
    private svg?: SVGSVGElement;
    private scene?: DiagramScene;
    private shown: DetailLevel = 'full';
    /** The scale the diagram is drawn at (its size in the page); the stage's transform takes it to the current one. */
    private drawnScale = 1;
    /** The scale shown when the stage's layer was last made or its content resized. */
    private layerMadeAt?: number;
    private animation?: number;

    constructor(private readonly viewport: HTMLElement, private readonly panZoom: PanZoom) {}

    get level(): DetailLevel {
        return this.shown;
    }

    /** The overview's text size in diagram units: readable when the whole scene fits the window. */
    overviewFontSize(scene: DiagramScene): number {
        return overviewFontSize(this.fitScale(scene));
    }

    /** A newly drawn diagram, or the shown one partly drawn anew (diagram-mount.ts): draw it for the current zoom. */
    attach(svg: SVGSVGElement, scene: DiagramScene): void {
        this.svg = svg;
        this.scene = scene;
        this.draw(this.panZoom.current.scale, false, true);
    }

    /**
     * The zoom (or what the diagram shows) changed: a step, or a gesture come to rest, is drawn
     * at once, a gesture only past a threshold (see the class comment).
     */
    update(scale: number, moving: boolean): void {
        if (!moving || scale < this.drawnScale * redrawBelow || this.passedLevel(scale)) {
            this.draw(scale, moving);
        }
    }

    /** Whether the scale lies clearly within another level than the one shown. */
    private passedLevel(scale: number): boolean {
        const below = this.levelAt(scale / levelMargin);
        return below !== undefined && below !== this.shown && below === this.levelAt(scale * levelMargin);
    }

    private levelAt(scale: number): DetailLevel | undefined {
        const scene = this.scene;
        const level = scene && detailLevel(scale, this.fitScale(scene), scene.overview !== undefined);
        // A trace, a change or a scenario's course is about the factors: their boxes stay, however far out.
        return level === 'categories' && this.aboutFactors() ? 'boxes' : level;
    }

    /** Whether the diagram shows trace mode, diff mode or the colours over time. */
    private aboutFactors(): boolean {
        const svg = this.svg;
        return svg !== undefined && ['trace-mode', 'diff-mode', 'time-mode'].some(mode => svg.classList.contains(mode));
    }

    /** Marks the diagram with the level of detail of a scale and has it drawn sharp at that scale (see the class comment). */
    private draw(scale: number, moving = false, always = false): void {
        const svg = this.svg;
        const level = this.levelAt(scale);
        if (!svg || !level) {
            return;
        }
        if (level !== this.shown || always) {
            this.shown = level;
            // Only a class that changes: taken off and put back, a level class has the whole diagram styled again.
            for (const l of levels) {
                svg.classList.toggle(`lod-${l}`, l === level);
            }
            this.viewport.dataset.detail = level;
        }
        // Trace mode, diff mode and the colours over time draw the factors, text included, at the overview's level too (semantic-zoom.css).
        const text = level === 'full' || (level === 'overview' && this.aboutFactors());
        const drawn = text ? 1 : scale;
        if (drawn !== this.drawnScale || always) {
            const resized = drawn !== this.drawnScale || this.layerMadeAt === undefined;
            this.drawnScale = drawn;
            const { width, height } = svg.viewBox.baseVal;
            setStyle(svg, 'width', `${width * drawn}px`);
            setStyle(svg, 'height', `${height * drawn}px`);
            this.panZoom.drawnAt(drawn);
            if (resized) {
                this.layerMadeAt = scale;
            }
        } else if (!moving && this.layerMadeAt !== undefined && scale > layerRasterScale(this.layerMadeAt)) {
            this.layerMadeAt = scale;
            this.panZoom.remakeLayer();
        }
    }

    /**
     * A double-click on a category (its overview card or its area) zooms into it until its
     * factors read: at least the legible scale, the whole category when it fits, else its
     * top left. True when there was a category to open.
     */
    openAt(target: EventTarget | null): boolean {
        const box = target instanceof Element ? this.categoryBox(target) : undefined;
        if (box) {
            this.open(box);
        }
        return box !== undefined;
    }

    /** Zooms into a box of the diagram (a category's) until its factors read, as a double-click opens a category. */
    open(box: SceneBox): void {
        const width = this.viewport.clientWidth;
        const height = this.viewport.clientHeight;
        const scale = Math.min(2, Math.max(openScale, scaleToFit(box, { width, height })));
        const seen = { x: box.x, y: box.y, width: Math.min(box.width, width / scale), height: Math.min(box.height, height / scale) };
        this.zoomSmoothly(scale, { x: width / 2 - (seen.x + seen.width / 2) * scale, y: height / 2 - (seen.y + seen.height / 2) * scale });
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
            const transform = { scale: s, x: start.x + (position.x - start.x) * k, y: start.y + (position.y - start.y) * k };
            if (t < 1) {
                this.panZoom.moveTo(transform);
                this.animation = requestAnimationFrame(step);
            } else {
                // Exactly the target: the scale computed on the way can fall a hair short of it, and of the legible scale with it.
                this.panZoom.set({ scale, ...position });
                this.animation = undefined;
            }
        };
        this.animation = requestAnimationFrame(step);
    }

    private fitScale(scene: DiagramScene): number {
        return scaleToFit(scene, { width: this.viewport.clientWidth, height: this.viewport.clientHeight });
    }
}

/** Sets a style property only when it differs: after a partial redraw (diagram-mount.ts) the size is mostly the same, and a write may still have the whole diagram laid out anew. */
function setStyle(svg: SVGSVGElement, property: 'width' | 'height', value: string): void {
    if (svg.style[property] !== value) {
        svg.style[property] = value;
    }
}
