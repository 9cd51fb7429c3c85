import type { WebviewDocumentOptions } from '../webview-document.js';
import { webviewContentSecurityPolicy } from '../webview-document.js';
import type { PreviewState } from './messages.js';

export interface PreviewHtmlOptions extends WebviewDocumentOptions {
    /** What the host knows at creation; the webview prefers its own saved state after a reload. */
    readonly state?: PreviewState;
}

/** Name of the meta element that hands the host's {@link PreviewState} to the script without inline code. */
export const previewStateMeta = 'marvel-preview-state';

/**
 * The preview's HTML document. Pure (no `vscode` import) so the extension host and the
 * browser tests build the very same page. The chrome is static markup that the script
 * wires up; nothing from a model is ever written into this string.
 */
export function previewHtml(options: PreviewHtmlOptions): string {
    const { nonce } = options;
    const csp = webviewContentSecurityPolicy(options);
    const state = options.state ? `\n<meta name="${previewStateMeta}" content="${attribute(JSON.stringify(options.state))}">` : '';
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">${state}
<link rel="stylesheet" nonce="${attribute(nonce)}" href="${attribute(options.styleUri)}">
<title>MARVEL diagram</title>
</head>
<body>
${toolbar}
<div class="context-line">
<span id="view-description" class="view-description"></span>
<span id="model-errors" class="model-errors" hidden></span>
<span class="selection"><span id="arrow-ends" class="arrow-ends" hidden><button id="arrow-start" type="button" title="Show where the selected arrow starts (Home)">Start</button><button id="arrow-end" type="button" title="Show where the selected arrow ends (End)">End</button></span><span id="selection-info" class="selection-info" role="status" aria-live="polite"></span></span>
<span id="status" class="status" role="status" aria-live="polite"></span>
</div>
<div id="workspace" class="workspace">
<main id="viewport" class="viewport" tabindex="0" aria-label="Diagram. Drag or arrow keys to pan, wheel or plus and minus to zoom, 0 to fit, Shift and an arrow key select the next factor that way, Home and End show the start and end of the selected arrow, Enter goes to the selected factor in the editor, Escape clears the selection and leaves trace mode, Alt and click on an intervention traces it.">
<div id="banner" class="banner" role="alert" hidden></div>
<div id="stage" class="stage"></div>
<p id="empty" class="empty">Waiting for the diagram…</p>
</main>
${tracePanel}
${diffPanel}
</div>
<details id="legend" class="legend" open><summary>Legend</summary><div id="legend-body" class="legend-body"></div><div id="trace-legend" class="legend-body trace-legend" hidden></div><div id="diff-legend" class="legend-body" hidden></div></details>
<script nonce="${attribute(nonce)}" src="${attribute(options.scriptUri)}"></script>
</body>
</html>
`;
}

const toolbar = `<header class="toolbar" role="toolbar" aria-label="Diagram tools">
<div class="group">
<label for="find-input" class="visually-hidden">Find a factor</label>
<input id="find-input" class="find" type="search" list="find-suggestions" placeholder="Find factor…" title="Find a factor by name or label; Enter selects and centres it (shortcut: /)" autocomplete="off" spellcheck="false">
<datalist id="find-suggestions"></datalist>
</div>
<div class="group" role="group" aria-label="Views around the selected factor">
<label for="focus-up" title="Steps up: what influences the selected factor">Up</label>
<input id="focus-up" class="steps" type="number" min="0" max="9" value="2" title="Steps up: what influences the selected factor">
<label for="focus-down" title="Steps down: what the selected factor influences">Down</label>
<input id="focus-down" class="steps" type="number" min="0" max="9" value="1" title="Steps down: what the selected factor influences">
<button id="focus-button" type="button" title="Show the selected factor with the factors the given steps before and after it" disabled>Focus</button>
<button id="into-button" type="button" title="Show the selected factor and every arrow into it" disabled>Arrows into</button>
<button id="whole-button" type="button" title="Show the whole model again" disabled>Whole model</button>
</div>
<div class="group">
<label for="category-select">Category</label>
<select id="category-select" title="Show one category at a time"><option value="">Whole model</option></select>
</div>
<div class="group" role="group" aria-label="Trace an intervention">
<label for="trace-select">Trace</label>
<select id="trace-select" title="Light up how an intervention works through to the KPIs (or hold Alt and click a green intervention)"><option value="">— no trace —</option></select>
<button id="trace-this" type="button" title="Click an intervention in the diagram to trace it with this button, or pick one in the Trace list" disabled>Trace selected</button>
</div>
<div class="group" role="group" aria-label="Zoom">
<button id="zoom-out" type="button" title="Zoom out (−)" aria-label="Zoom out">−</button>
<span id="zoom-level" class="zoom-level">100%</span>
<button id="zoom-in" type="button" title="Zoom in (+)" aria-label="Zoom in">+</button>
<button id="zoom-fit" type="button" title="Fit the diagram to the window (0)">Fit</button>
<button id="zoom-selection" type="button" aria-label="Zoom to selection" title="Zoom to the selected or highlighted factors" disabled><span class="wide-only">Zoom to selection</span><span class="narrow-only">To selection</span></button>
</div>
<div class="group">
<button id="lock-button" type="button" aria-pressed="false" title="Following the active editor; press to stay on this document">Lock</button>
</div>
<div class="group" role="group" aria-label="Export">
<span class="group-label wide-only" aria-hidden="true">Export</span>
<button id="export-svg" type="button" aria-label="Export SVG" title="Save the diagram as an SVG file" disabled>SVG</button>
<button id="export-png" type="button" aria-label="Export PNG" title="Save the diagram as a PNG image (twice the size)" disabled>PNG</button>
</div>
</header>`;

/** Trace mode's side panel, filled by the script (trace-panel.ts); hidden until a trace arrives. */
const tracePanel = `<div id="trace-resizer" class="trace-resizer" role="separator" aria-orientation="vertical" aria-label="Resize the trace panel" title="Drag to resize the trace panel" tabindex="0" hidden></div>
<aside id="trace-panel" class="trace-panel" aria-label="Trace" hidden>
<div class="trace-panel-header">
<button id="trace-collapse" type="button" class="icon-button" aria-expanded="true" aria-controls="trace-panel-content" title="Hide the trace panel">▸</button>
<div class="trace-panel-title"><span id="trace-kicker" class="trace-kicker">Tracing</span><strong id="trace-title"></strong></div>
<button id="trace-alone" type="button" aria-pressed="false" title="Draw only what is lit up, laid out on its own (the memo's figures 9 and 10); press again for the diagram as before">Draw alone</button>
<button id="trace-leave" type="button" title="Leave trace mode and show the diagram as before (Escape)">Leave trace</button>
</div>
<div id="trace-panel-content" class="trace-panel-content">
<p id="trace-note" class="trace-note" role="status" hidden></p>
<button id="trace-all" type="button" class="link-button panel-all" title="Light up every path of the trace again" hidden>← All paths</button>
<div id="trace-body" class="trace-body"></div>
</div>
</aside>`;

/** Diff mode's side panel, filled by the script (diff/panel.ts); hidden until the host sends a change. */
const diffPanel = `<div id="diff-resizer" class="trace-resizer" role="separator" aria-orientation="vertical" aria-label="Resize the changes panel" title="Drag to resize the changes panel" tabindex="0" hidden></div>
<aside id="diff-panel" class="trace-panel diff-panel" aria-label="Changes" hidden>
<div class="trace-panel-header">
<div class="trace-panel-title"><span class="trace-kicker">Compared with</span><strong id="diff-title"></strong></div>
<button id="diff-alone" type="button" aria-pressed="false" title="Draw only what changed (changed factors and the ends of changed relations), laid out on its own; press again for the whole view">Draw alone</button>
<button id="diff-leave" type="button" title="Leave diff mode and show the model as it is (Escape)">Leave diff</button>
</div>
<div class="trace-panel-content">
<p id="diff-summary" class="diff-summary"></p>
<button id="diff-all" type="button" class="link-button panel-all" title="Show every change again" hidden>← All changes</button>
<div id="diff-body" class="trace-body"></div>
</div>
</aside>`;

/** Escapes a value for a double-quoted HTML attribute. */
function attribute(value: string): string {
    return value.replace(/[&<>"']/g, character => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character]!);
}
