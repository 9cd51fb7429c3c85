import type { TraceLoopView, TraceTargetView, TraceView } from '../../../language/protocol/trace-protocol.js';
import { byId, element } from '../dom.js';
import type { TraceFocus } from '../../../language/diagram/trace-lighting.js';
import { relationVerdictOf } from '../../../language/diagram/trace-lighting.js';
import { rankLoops } from '../loop-ranking.js';
import { directionWords, pathCounts, verdictWords } from './text.js';
import { loopCountWords, loopKindWords } from '../../../language/analysis/tracing/effect-words.js';

/** What the panel asks trace mode to do. */
export interface TracePanelActions {
    focus(focus: TraceFocus): void;
    /** Draw the lit part alone, or the diagram as before. */
    toggleAlone(): void;
    leave(): void;
}

/** Loops listed before "Show all": a trace through a dense model touches hundreds. */
const loopsListedFirst = 8;
/** Loop ids shown under each path before "+N". */
const loopChipsPerPath = 4;

/**
 * The side panel of trace mode: per KPI its verdict in words and the strongest paths'
 * readings, then the loops they touch. Every string from the model goes in as text.
 * A click on a path or a loop asks for it alone; a second click shows everything again.
 */
export class TracePanel {
    private readonly panel = byId('trace-panel', HTMLElement);
    private readonly kicker = byId('trace-kicker', HTMLSpanElement);
    private readonly title = byId('trace-title', HTMLElement);
    private readonly note = byId('trace-note', HTMLParagraphElement);
    private readonly body = byId('trace-body', HTMLDivElement);
    private readonly collapse = byId('trace-collapse', HTMLButtonElement);
    private readonly allButton = byId('trace-all', HTMLButtonElement);
    private readonly aloneButton = byId('trace-alone', HTMLButtonElement);
    private readonly resizer = byId('trace-resizer', HTMLDivElement);
    private focus: TraceFocus = { kind: 'all' };

    constructor(private readonly actions: TracePanelActions) {
        this.collapse.addEventListener('click', () => this.setCollapsed(!this.panel.classList.contains('collapsed')));
        byId('trace-leave', HTMLButtonElement).addEventListener('click', () => actions.leave());
        this.aloneButton.addEventListener('click', () => actions.toggleAlone());
        this.allButton.addEventListener('click', () => actions.focus({ kind: 'all' }));
        this.body.addEventListener('click', event => this.onClick(event));
    }

    showTrace(trace: TraceView): void {
        this.kicker.textContent = 'Tracing';
        this.title.textContent = `${trace.fromLabel} \u2191`;
        this.title.title = `Tracing what raising \u201c${trace.fromLabel}\u201d does to the KPIs`;
        const known = new Set(trace.loops.map(loop => loop.id));
        const sections = trace.targets.map((target, index) => targetSection(target, index, known, trace.pathBounds));
        if (trace.targets.length === 0) {
            sections.push(element('p', 'trace-empty', 'The model has no KPIs to trace to.'));
        }
        if (trace.loops.length > 0) {
            sections.push(this.loopSection(rankLoops(trace)));
        }
        this.body.replaceChildren(...sections);
        this.open();
    }

    /** A loop the host asked for outside a trace: its reading built from the diagram's labels. */
    showLoopAlone(reading: string, kind: string): void {
        this.kicker.textContent = 'Showing';
        this.title.textContent = 'one feedback loop';
        this.title.title = '';
        const section = element('section', 'trace-section');
        section.append(element('h3', 'trace-heading', kind), element('p', 'trace-reading trace-loop-alone', reading));
        this.body.replaceChildren(section);
        this.open();
    }

    showFocus(focus: TraceFocus): void {
        this.focus = focus;
        this.allButton.hidden = focus.kind === 'all';
        for (const button of this.body.querySelectorAll<HTMLButtonElement>('button[data-path]')) {
            button.setAttribute('aria-pressed', String(focus.kind === 'path' && button.dataset.path === `${focus.target}:${focus.path}`));
        }
        for (const button of this.body.querySelectorAll<HTMLButtonElement>('button.trace-loop[data-loop]')) {
            const pressed = focus.kind === 'loop' && button.dataset.loop === focus.id;
            button.setAttribute('aria-pressed', String(pressed));
            const item = button.closest('li');
            if (pressed && item) {
                // A loop picked elsewhere (a chip, the Loops view) may be past the listed head.
                item.hidden = false;
                button.scrollIntoView({ block: 'nearest' });
            }
        }
    }

    /** Whether the diagram shows the lit part alone. */
    showAlone(alone: boolean): void {
        this.aloneButton.setAttribute('aria-pressed', String(alone));
    }

    /** Says why the diagram is not lit: the model changed and the host's new trace is on its way. */
    showNote(text: string | undefined): void {
        this.note.textContent = text ?? '';
        this.note.hidden = text === undefined;
    }

    hide(): void {
        this.panel.hidden = true;
        this.resizer.hidden = true;
        this.body.replaceChildren();
        this.showNote(undefined);
    }

    private open(): void {
        this.panel.hidden = false;
        this.resizer.hidden = this.panel.classList.contains('collapsed');
    }

    private setCollapsed(collapsed: boolean): void {
        this.panel.classList.toggle('collapsed', collapsed);
        this.collapse.setAttribute('aria-expanded', String(!collapsed));
        this.collapse.textContent = collapsed ? '\u25c2' : '\u25b8';
        this.collapse.title = collapsed ? 'Show the trace panel' : 'Hide the trace panel';
        this.resizer.hidden = collapsed;
    }

    private onClick(event: MouseEvent): void {
        const target = event.target instanceof Element ? event.target.closest('button') : null;
        if (!target) {
            return;
        }
        if (target.classList.contains('trace-more-loops')) {
            target.closest('section')?.querySelectorAll<HTMLElement>('li[hidden]').forEach(item => { item.hidden = false; });
            target.remove();
            return;
        }
        const path = target.dataset.path;
        const loop = target.dataset.loop;
        if (path !== undefined) {
            const [t, p] = path.split(':').map(Number);
            const same = this.focus.kind === 'path' && this.focus.target === t && this.focus.path === p;
            this.actions.focus(same ? { kind: 'all' } : { kind: 'path', target: t, path: p });
        } else if (loop !== undefined) {
            const same = this.focus.kind === 'loop' && this.focus.id === loop;
            this.actions.focus(same ? { kind: 'all' } : { kind: 'loop', id: loop });
        }
    }

    private loopSection(loops: readonly TraceLoopView[]): HTMLElement {
        const section = element('section', 'trace-section trace-loops');
        // Not every loop the paths touch (hundreds in a dense model): the few that run furthest along each listed path.
        const heading = element('h3', 'trace-heading', `Loops along the listed paths (${loops.length})`);
        heading.title = 'The feedback loops that share the most relations with each listed path: they amplify (R, reinforcing) or damp (B, balancing) the effect';
        const list = element('ul', 'trace-loop-list panel-list');
        loops.forEach((loop, index) => {
            const button = element('button', `trace-loop panel-entry kind-${loop.kind}`);
            button.type = 'button';
            button.dataset.loop = loop.id;
            button.setAttribute('aria-pressed', 'false');
            button.title = 'Show this loop alone';
            button.append(element('span', `loop-badge kind-${loop.kind}`, loop.id), element('span', 'loop-kind', loopKindWords(loop.kind, loop.delayed)), element('span', 'trace-reading', loop.reading));
            const item = element('li');
            item.append(button);
            item.hidden = index >= loopsListedFirst;
            list.append(item);
        });
        section.append(heading, list);
        if (loops.length > loopsListedFirst) {
            const more = element('button', 'trace-more-loops link-button', `Show all ${loops.length} loops`);
            more.type = 'button';
            more.title = 'List every loop the shown paths touch';
            section.append(more);
        }
        return section;
    }
}

function targetSection(target: TraceTargetView, index: number, knownLoops: ReadonlySet<string>, pathBounds: TraceView['pathBounds']): HTMLElement {
    const section = element('section', 'trace-section trace-target');
    section.dataset.target = target.target;
    const heading = element('h3', 'trace-heading');
    heading.append(element('span', 'trace-kpi-label', target.label));
    const direction = directionWords(target);
    if (direction) {
        heading.append(element('span', 'trace-direction', direction));
    }
    const verdict = element('p', 'trace-verdict');
    verdict.append(element('span', `verdict-badge verdict-${target.verdict}`, target.verdict === 'none' ? 'none' : target.verdict), element('span', 'trace-verdict-words', verdictWords(target)));
    const counts = element('p', 'trace-counts', pathCounts(target, pathBounds));
    const list = element('ol', 'trace-paths panel-list');
    target.paths.forEach((path, p) => {
        const button = element('button', `trace-path panel-entry verdict-${relationVerdictOf(path.verdict)}`);
        button.type = 'button';
        button.dataset.path = `${index}:${p}`;
        button.setAttribute('aria-pressed', 'false');
        button.title = `Show this path alone (${path.verdict}${path.delayed ? ', delayed' : ''})`;
        button.append(element('span', 'trace-path-rank', String(p + 1)), element('span', 'trace-reading', path.reading));
        const item = element('li', 'trace-path-item');
        item.append(button);
        // A truncated loop search may not list every loop a path touches; only listed ones can be shown.
        const loops = path.loops.filter(id => knownLoops.has(id));
        if (loops.length > 0) {
            item.append(loopChips(loops, path.loopCount, path.loopsAlong));
        }
        list.append(item);
    });
    section.append(heading, verdict, counts, list);
    return section;
}

/**
 * The first loops a path touches, as small buttons that show each alone, those that run along
 * it (listed first) marked; `count` is how many it touches in all, `along` how many run along it.
 */
function loopChips(ids: readonly string[], count: number, along: number): HTMLElement {
    const row = element('div', 'trace-path-loops', `${loopCountWords(count, along)}: `);
    ids.slice(0, loopChipsPerPath).forEach((id, k) => {
        const runsAlong = k < along;
        const chip = element('button', runsAlong ? 'loop-chip along' : 'loop-chip', id);
        chip.type = 'button';
        chip.dataset.loop = id;
        chip.title = `Show loop ${id}: it ${runsAlong ? 'runs along this path (shares a relation with it)' : 'touches this path at a factor'}`;
        row.append(chip);
    });
    const shown = Math.min(ids.length, loopChipsPerPath);
    if (count > shown) {
        const more = element('span', 'loop-more', `+${count - shown}`);
        more.title = `${count - shown} more loops touch this path (${Math.max(0, along - shown)} more along it); the MARVEL Loops view lists every loop of the model`;
        row.append(more);
    }
    return row;
}
