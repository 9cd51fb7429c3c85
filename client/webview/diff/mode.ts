import type { DiffEntry } from '../../../language/analysis/diff/diff-review.js';
import type { ThemeKind } from '../../../language/diagram/diagram-style.js';
import { marksOf } from '../../../language/diagram/diff-picture.js';
import { loopLighting } from '../../../language/diagram/trace-lighting.js';
import type { DiffPictureChange, DiffPictureResponse } from '../../../language/protocol/diff-protocol.js';
import type { ShownMarks } from '../export.js';
import type { DiffAgainst, WebviewToHostMessage } from '../messages.js';
import type { Notices } from '../notices.js';
import { makeResizable } from '../panel-resize.js';
import { byId } from '../dom.js';
import type { Selection } from '../selection.js';
import { unionBox } from '../selection.js';
import type { DiagramScene, SceneBox } from '../../../language/diagram/diagram-scene.js';
import { DiffPanel } from './panel.js';

/** What diff mode needs from the preview around it. */
export interface DiffContext {
    readonly notices: Notices;
    post(message: WebviewToHostMessage): void;
    /** Selects a factor or relation (by index) and brings it into view; `reveal` also shows its text in the editor. */
    showElement(shown: { readonly factor: string } | { readonly relation: number }, reveal: boolean): void;
    /** Draws the diagram again: what is shown over it changed. */
    redraw(): void;
}

/**
 * Diff mode: the host sends the union of the model and what it is compared with (one layout,
 * so nothing jumps), with the change; this draws the change over it in the theme's colours
 * (added green, removed red and dashed, changed amber, the rest faded; each changed element's
 * tooltip says what changed), lists it in a side panel, and shows a loop of the list alone.
 * The host owns the mode: it enters it, and leaves it when asked.
 */
export class DiffMode {
    private change?: DiffPictureChange;
    /** The change is drawn alone (the host draws what the state asks for). */
    private changeAlone = false;
    /** The loop of the panel's list shown alone. */
    private loop?: number;
    private readonly panel: DiffPanel;

    constructor(private readonly context: DiffContext) {
        this.panel = new DiffPanel({
            showChange: entry => this.showChange(entry),
            showLoop: index => this.showLoop(index),
            showVerdict: entry => context.showElement({ factor: entry.intervention }, false),
            toggleAlone: () => context.post({ type: 'setDiffAlone', alone: !this.changeAlone }),
            leave: () => this.leave()
        });
        makeResizable(byId('diff-resizer', HTMLDivElement), byId('diff-panel', HTMLElement));
        document.addEventListener('keydown', event => {
            const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement;
            if (event.key === 'Escape' && this.active && !typing) {
                this.leave();
            }
        });
    }

    get active(): boolean {
        return this.change !== undefined;
    }

    /** Whether the change is drawn alone: then the picture is fitted, not zoomed to the change. */
    get alone(): boolean {
        return this.changeAlone;
    }

    /** A render with a diagram: in diff mode when it carries a change (drawn alone when `against` says so), else back to the normal preview. */
    onRender(diagram: DiffPictureResponse, against: DiffAgainst | undefined): void {
        const change = diagram.diff;
        this.changeAlone = change !== undefined && against?.alone === true;
        if (!change) {
            if (this.change) {
                this.context.notices.showStatus('');
            }
            this.change = undefined;
            this.loop = undefined;
            this.panel.hide();
            return;
        }
        if (this.change?.against !== change.against || this.loop === undefined || this.loop >= change.review.loops.length) {
            this.loop = undefined;
        }
        this.change = change;
        this.panel.show(change);
        this.panel.showFocus(this.loop);
        this.panel.showAlone(this.changeAlone);
    }

    /** What to draw over the diagram: the change in the theme's colours, or the loop shown alone. */
    shown(theme: ThemeKind): ShownMarks {
        if (!this.change) {
            return {};
        }
        const loop = this.loop === undefined ? undefined : this.change.review.loops[this.loop];
        return loop ? { lighting: loopLighting(loop) } : { marks: marksOf(this.change.marking, theme) };
    }

    /** Around everything the change marks in `scene`; undefined when it marks nothing there. */
    changeBox(scene: DiagramScene): SceneBox | undefined {
        const marking = this.change?.marking;
        return marking && unionBox(scene.nodes.filter(n => n.id in marking.factors), scene.edges.filter(e => e.relation in marking.relations));
    }

    /** Whether the selection is something the change removed: it has no text on the new side to show. */
    isRemoved(selection: Selection | undefined): boolean {
        const marking = this.change?.marking;
        if (!marking || !selection) {
            return false;
        }
        const change = selection.kind === 'factor' ? marking.factors[selection.id] : marking.relations[selection.relation];
        return change?.kind === 'removed';
    }

    leave(): void {
        if (this.active) {
            this.context.notices.showStatus('Leaving diff mode\u2026', true);
            this.context.post({ type: 'leaveDiff' });
        }
    }

    private showChange(entry: DiffEntry): void {
        if (this.loop !== undefined) {
            this.showLoop(undefined);
        }
        const reveal = entry.kind !== 'removed';
        if (entry.factor !== undefined) {
            this.context.showElement({ factor: entry.factor }, reveal);
        } else if (entry.relation !== undefined) {
            this.context.showElement({ relation: entry.relation }, reveal);
        }
    }

    private showLoop(index: number | undefined): void {
        this.loop = index;
        this.panel.showFocus(index);
        this.context.redraw();
    }
}
