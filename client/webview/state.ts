import type { DiagramView } from '../../language/diagram/diagram-view.js';
import type { KeptPacking } from '../../language/diagram/part-packing.js';
import type { DiffAgainst, PreviewState } from './messages.js';
import { previewStateMeta } from './preview-html.js';
import type { VsCodeApi } from './vscode-api.js';

type ViewCentre = NonNullable<PreviewState['viewCentre']>;

/** Panning fires many times a second; saving the last position after a pause is enough. */
const zoomSaveDelay = 150;

/**
 * The preview's persistent state, saved through the webview state API on every change so
 * that the panel comes back as it was after a window reload (VS Code hands the saved state
 * to the host's panel serializer as well).
 */
export class PreviewStateStore {
    private state: PreviewState;
    private zoomTimer?: ReturnType<typeof setTimeout>;

    constructor(private readonly api: VsCodeApi, initial: PreviewState) {
        this.state = initial;
    }

    get current(): PreviewState {
        return this.state;
    }

    update(change: { readonly uri?: string; readonly view?: DiagramView; readonly locked?: boolean; readonly trace?: string; readonly diff?: DiffAgainst; readonly packing?: KeptPacking }): void {
        // An ended trace or diff (or a packing of another model) leaves no key behind, so the saved state reads as one that never had it.
        const { trace, diff, packing, ...rest } = { ...this.state, ...change };
        this.state = { ...rest, ...trace === undefined ? {} : { trace }, ...diff === undefined ? {} : { diff }, ...packing === undefined ? {} : { packing } };
        this.saveNow();
    }

    updateViewCentre(centre: ViewCentre): void {
        this.state = { ...this.state, viewCentre: { scale: centre.scale, x: centre.x, y: centre.y } };
        if (this.zoomTimer === undefined) {
            this.zoomTimer = setTimeout(() => this.saveNow(), zoomSaveDelay);
        }
    }

    private saveNow(): void {
        if (this.zoomTimer !== undefined) {
            clearTimeout(this.zoomTimer);
            this.zoomTimer = undefined;
        }
        this.api.setState(this.state);
    }
}

/**
 * The state to start from: the webview's own saved state (newest: it survives reloads of
 * this page), else what the host wrote into the page, else nothing yet.
 */
export function initialState(api: VsCodeApi, doc: Document): PreviewState {
    const saved = api.getState();
    if (isPreviewState(saved)) {
        return saved;
    }
    const fromHost = parse(doc.querySelector(`meta[name="${previewStateMeta}"]`)?.getAttribute('content'));
    return isPreviewState(fromHost) ? fromHost : { uri: '', view: {}, locked: false };
}

function parse(text: string | null | undefined): unknown {
    try {
        return text ? JSON.parse(text) : undefined;
    } catch {
        return undefined;
    }
}

export function isPreviewState(value: unknown): value is PreviewState {
    if (typeof value !== 'object' || value === null) {
        return false;
    }
    const state = value as Record<string, unknown>;
    return typeof state.uri === 'string' && typeof state.view === 'object' && state.view !== null && typeof state.locked === 'boolean'
        && (state.viewCentre === undefined || isViewCentre(state.viewCentre)) && (state.trace === undefined || typeof state.trace === 'string')
        && (state.diff === undefined || isDiffAgainst(state.diff));
}

export function isDiffAgainst(value: unknown): value is DiffAgainst {
    if (typeof value !== 'object' || value === null) {
        return false;
    }
    const against = value as Record<string, unknown>;
    return typeof against.label === 'string' && typeof against.uri === 'string'
        && (against.revision === undefined || typeof against.revision === 'string') && (against.original === undefined || typeof against.original === 'string')
        && (against.alone === undefined || typeof against.alone === 'boolean');
}

function isViewCentre(value: unknown): value is ViewCentre {
    if (typeof value !== 'object' || value === null) {
        return false;
    }
    const centre = value as Record<string, unknown>;
    return [centre.scale, centre.x, centre.y].every(n => typeof n === 'number' && Number.isFinite(n)) && (centre.scale as number) > 0;
}
