import type { SceneBox, ScenePoint } from '../../language/diagram/diagram-scene.js';

/** Where the diagram sits: viewport position = diagram position × scale + (x, y). */
export interface ZoomTransform {
    readonly scale: number;
    readonly x: number;
    readonly y: number;
}

/** How far out the view may go; a model too large to fit at this goes as far as its fit, and a little beyond. */
const minScale = 0.05;
const maxScale = 8;
/** A drag shorter than this is still a click (a hand is never perfectly still). */
const clickSlop = 4;
const keyPanStep = 60;
const fitMargin = 16;
/** After this pause a gesture has ended: the view rests. */
const restDelay = 200;

/**
 * Pans and zooms the stage inside the viewport with a CSS transform (set through the
 * CSSOM, which the content security policy allows, unlike style attributes). The content
 * may be drawn at a scale of its own (its size in the page, see `drawnAt`): the transform
 * scales it the rest of the way. Every change says whether it is a step (a key, a button, a
 * fit, a restored view) or part of a gesture (the wheel, a drag, an animation); a gesture's
 * last change is told again, as a step, once the view rests. The listener draws a step at
 * once (see semantic-zoom.ts).
 */
export class PanZoom {
    private transform: ZoomTransform = { scale: 1, x: 0, y: 0 };
    private content = { width: 0, height: 0 };
    private drag?: { readonly pointer: number; readonly startX: number; readonly startY: number; lastX: number; lastY: number; moved: boolean };
    /** Set by a drag so that the click the browser fires after it does not select anything. */
    private suppressClick = false;
    /** The view is a fit nobody has moved since: it stays one when the viewport changes size. */
    private fitted = false;
    private restTimer?: ReturnType<typeof setTimeout>;
    /** The scale the content is drawn at. */
    private drawnScale = 1;
    /** The viewport's size the view was last placed for: a view centred for the new size already (the trace panel opened, then the lit paths shown) is not moved again when the resize is noticed. */
    private viewportSize = { width: 0, height: 0 };

    constructor(private readonly viewport: HTMLElement, private readonly stage: HTMLElement, private readonly onChange: (transform: ZoomTransform, moving: boolean) => void) {
        viewport.addEventListener('wheel', event => this.onWheel(event), { passive: false });
        viewport.addEventListener('pointerdown', event => this.onPointerDown(event));
        viewport.addEventListener('pointermove', event => this.onPointerMove(event));
        viewport.addEventListener('pointerup', event => this.onPointerUp(event));
        viewport.addEventListener('pointercancel', event => this.onPointerUp(event));
        // Capture phase: swallow the click that ends a drag before anyone selects on it.
        viewport.addEventListener('click', event => {
            if (this.suppressClick) {
                this.suppressClick = false;
                event.stopPropagation();
            }
        }, true);
        // The trace panel opening, or the editor group resized: a fit is fitted again, any other view keeps its middle where it was.
        this.viewportSize = this.measureViewport();
        new ResizeObserver(() => {
            const before = this.viewportSize;
            const resized = this.measureViewport();
            if (this.fitted) {
                this.fit();
            } else if (resized.width !== before.width || resized.height !== before.height) {
                this.panBy((resized.width - before.width) / 2, (resized.height - before.height) / 2);
            }
        }).observe(viewport);
    }

    get current(): ZoomTransform {
        return this.transform;
    }

    /** Whether the view is an untouched fit (automatic or the Fit button's). */
    get isFitted(): boolean {
        return this.fitted;
    }

    setContentSize(width: number, height: number): void {
        this.content = { width, height };
    }

    /** The content is now drawn at this scale (its size in the page is scaled by it). */
    drawnAt(scale: number): void {
        this.drawnScale = scale;
        this.moveStage();
    }

    /**
     * Has the compositor draw the stage afresh at the scale shown: it keeps a layer that moves
     * at the scale it was made at, so the layer is dropped for a frame and made again.
     */
    remakeLayer(): void {
        this.stage.style.willChange = 'auto';
        // The first callback runs before the frame without the layer is drawn; the second after it.
        requestAnimationFrame(() => requestAnimationFrame(() => {
            this.stage.style.willChange = '';
        }));
    }

    /** A step: the view goes there and is drawn there at once. */
    set(transform: ZoomTransform): void {
        this.go(transform, false);
    }

    /** One frame of a gesture or an animation: the picture moves, and is drawn afresh when the view rests. */
    moveTo(transform: ZoomTransform): void {
        this.go(transform, true);
    }

    /** Zooms by a factor, keeping the given viewport point (default: the centre) still. */
    zoomBy(factor: number, around?: { x: number; y: number }, moving = false): void {
        const point = around ?? { x: this.viewport.clientWidth / 2, y: this.viewport.clientHeight / 2 };
        const { scale, x, y } = this.transform;
        const next = this.clampScale(scale * factor);
        const ratio = next / scale;
        this.go({ scale: next, x: point.x - (point.x - x) * ratio, y: point.y - (point.y - y) * ratio }, moving);
    }

    panBy(dx: number, dy: number, moving = false): void {
        this.go({ ...this.transform, x: this.transform.x + dx, y: this.transform.y + dy }, moving);
    }

    /**
     * The viewport has changed size beside what it shows (the trace panel closed): a fit is
     * fitted again, any other view stays where it is and the room gained shows more. Keeping the
     * middle moved the picture 177 px under the eyes of someone leaving a trace.
     */
    resizedBeside(): void {
        if (this.fitted) {
            this.fit();
        } else {
            this.measureViewport();
        }
    }

    /** The whole diagram in view, never magnified beyond 1.5 (a tiny model would look bloated). */
    fit(): void {
        this.zoomTo({ x: 0, y: 0, width: this.content.width, height: this.content.height }, 1.5);
        this.fitted = true;
    }

    /**
     * A scale within bounds: at most 8, at least 5 % or, for a picture that fits only further
     * out, half its fit. The viewport is measured only below 5 %, not at every frame of a gesture.
     */
    private clampScale(scale: number): number {
        if (scale >= minScale) {
            return Math.min(scale, maxScale);
        }
        const width = Math.max(1, this.viewport.clientWidth - 2 * fitMargin);
        const height = Math.max(1, this.viewport.clientHeight - 2 * fitMargin);
        const fits = Math.min(width / Math.max(this.content.width, 1), height / Math.max(this.content.height, 1));
        return Math.max(scale, Math.min(minScale, fits / 2));
    }

    /** A box of the diagram centred and as large as fits, up to `largest`. */
    zoomTo(box: SceneBox, largest = 2): void {
        const viewport = this.measureViewport();
        const width = Math.max(1, viewport.width - 2 * fitMargin);
        const height = Math.max(1, viewport.height - 2 * fitMargin);
        const scale = this.clampScale(Math.min(width / Math.max(box.width, 1), height / Math.max(box.height, 1), largest));
        this.centreOn(box, scale);
    }

    /** Centres a box of the diagram, at the current scale unless one is given. */
    centreOn(box: SceneBox, scale = this.transform.scale): void {
        const cx = box.x + box.width / 2;
        const cy = box.y + box.height / 2;
        const viewport = this.measureViewport();
        this.set({ scale, x: viewport.width / 2 - cx * scale, y: viewport.height / 2 - cy * scale });
    }

    /** The viewport's size now, remembered as the size the view is placed for. */
    private measureViewport(): { width: number; height: number } {
        this.viewportSize = { width: this.viewport.clientWidth, height: this.viewport.clientHeight };
        return this.viewportSize;
    }

    /** Pans so that what stood at `before` (in the last picture) stands at the same place on screen at `after` (in the new one). */
    keepInPlace(before: ScenePoint, after: ScenePoint): void {
        const { scale, x, y } = this.transform;
        if (before.x !== after.x || before.y !== after.y) {
            this.set({ scale, x: x + (before.x - after.x) * scale, y: y + (before.y - after.y) * scale });
        }
    }

    /** The point of the diagram under a point of the page (a click's client coordinates). */
    diagramPointAt(clientX: number, clientY: number): ScenePoint {
        const { scale, x, y } = this.transform;
        const { left, top } = this.viewport.getBoundingClientRect();
        return { x: (clientX - left - x) / scale, y: (clientY - top - y) / scale };
    }

    /** The point of the diagram at the middle of the viewport. */
    get middle(): ScenePoint {
        const { scale, x, y } = this.transform;
        return { x: (this.viewport.clientWidth / 2 - x) / scale, y: (this.viewport.clientHeight / 2 - y) / scale };
    }

    /** Whether a box of the diagram fits on screen at the current scale. */
    fits(box: SceneBox): boolean {
        return box.width * this.transform.scale <= this.viewport.clientWidth && box.height * this.transform.scale <= this.viewport.clientHeight;
    }

    /** Brings a box into view by panning only, when any part of it is outside. */
    reveal(box: SceneBox): void {
        if (!this.shows(box)) {
            this.centreOn(box);
        }
    }

    /** Whether any part of the box is in view. */
    touches(box: SceneBox): boolean {
        const { scale, x, y } = this.transform;
        const left = box.x * scale + x;
        const top = box.y * scale + y;
        return left < this.viewport.clientWidth && top < this.viewport.clientHeight && left + box.width * scale > 0 && top + box.height * scale > 0;
    }

    /** Whether the whole box is in view. */
    shows(box: SceneBox): boolean {
        const { scale, x, y } = this.transform;
        const left = box.x * scale + x;
        const top = box.y * scale + y;
        return left >= 0 && top >= 0 && left + box.width * scale <= this.viewport.clientWidth && top + box.height * scale <= this.viewport.clientHeight;
    }

    /** Zoom and pan keys for the focused viewport; true when the key was used. */
    handleKey(event: KeyboardEvent): boolean {
        if (event.ctrlKey || event.metaKey || event.altKey) {
            return false;
        }
        switch (event.key) {
            case '+': case '=': this.zoomBy(1.25); return true;
            case '-': case '_': this.zoomBy(0.8); return true;
            case '0': this.fit(); return true;
            case 'ArrowLeft': this.panBy(keyPanStep, 0); return true;
            case 'ArrowRight': this.panBy(-keyPanStep, 0); return true;
            case 'ArrowUp': this.panBy(0, keyPanStep); return true;
            case 'ArrowDown': this.panBy(0, -keyPanStep); return true;
            default: return false;
        }
    }

    private go(transform: ZoomTransform, moving: boolean): void {
        this.fitted = false;
        const scale = this.clampScale(transform.scale);
        this.transform = { scale, x: finite(transform.x), y: finite(transform.y) };
        this.moveStage();
        clearTimeout(this.restTimer);
        if (moving) {
            this.restTimer = setTimeout(() => this.onChange(this.transform, false), restDelay);
        }
        this.onChange(this.transform, moving);
    }

    private moveStage(): void {
        const { scale, x, y } = this.transform;
        this.stage.style.transform = `translate(${x}px, ${y}px) scale(${scale / this.drawnScale})`;
    }

    private onWheel(event: WheelEvent): void {
        event.preventDefault();
        if (event.shiftKey) {
            this.panBy(-event.deltaX - event.deltaY, 0, true);
            return;
        }
        // Lines and pages (mouse wheels on some systems) count as many pixels.
        const pixels = event.deltaMode === WheelEvent.DOM_DELTA_LINE ? event.deltaY * 16 : event.deltaMode === WheelEvent.DOM_DELTA_PAGE ? event.deltaY * 400 : event.deltaY;
        const bounds = this.viewport.getBoundingClientRect();
        this.zoomBy(Math.exp(-pixels * 0.002), { x: event.clientX - bounds.left, y: event.clientY - bounds.top }, true);
    }

    private onPointerDown(event: PointerEvent): void {
        if (event.button !== 0 || this.drag) {
            return;
        }
        this.drag = { pointer: event.pointerId, startX: event.clientX, startY: event.clientY, lastX: event.clientX, lastY: event.clientY, moved: false };
    }

    private onPointerMove(event: PointerEvent): void {
        const drag = this.drag;
        if (!drag || drag.pointer !== event.pointerId) {
            return;
        }
        if (!drag.moved && Math.hypot(event.clientX - drag.startX, event.clientY - drag.startY) < clickSlop) {
            return;
        }
        if (!drag.moved) {
            drag.moved = true;
            this.viewport.setPointerCapture(event.pointerId);
            this.viewport.classList.add('panning');
        }
        this.panBy(event.clientX - drag.lastX, event.clientY - drag.lastY, true);
        drag.lastX = event.clientX;
        drag.lastY = event.clientY;
    }

    private onPointerUp(event: PointerEvent): void {
        const drag = this.drag;
        if (!drag || drag.pointer !== event.pointerId) {
            return;
        }
        this.drag = undefined;
        if (drag.moved) {
            this.suppressClick = event.type === 'pointerup';
            // The click, if the browser sends one, comes before any timer; never swallow a later one.
            setTimeout(() => { this.suppressClick = false; }, 0);
            this.viewport.classList.remove('panning');
            if (this.viewport.hasPointerCapture(event.pointerId)) {
                this.viewport.releasePointerCapture(event.pointerId);
            }
        }
    }
}

function finite(value: number): number {
    return Number.isFinite(value) ? value : 0;
}
