import type { WebviewDocumentOptions } from '../webview-document.js';
import { webviewContentSecurityPolicy } from '../webview-document.js';

/**
 * The Simulation view's HTML document, with the same strict policy as the preview's: no
 * inline script or style, nothing from other origins. Pure, so the extension host and the
 * browser tests build the very same page; the model's text never enters this string.
 */
export function simulationHtml(options: WebviewDocumentOptions): string {
    const { nonce } = options;
    const csp = webviewContentSecurityPolicy(options);
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${attribute(nonce)}" href="${attribute(options.styleUri)}">
<title>MARVEL simulation</title>
</head>
<body>
<header class="toolbar" role="toolbar" aria-label="Simulation tools">
<div class="group" role="tablist" aria-label="Views">
<button id="tab-curves" type="button" role="tab" aria-selected="true" title="KPI curves over time">Curves</button>
<button id="tab-matrix" type="button" role="tab" aria-selected="false" title="Every intervention alone and in pairs: end values, verdicts, synergy">Intervention matrix</button>
</div>
<div class="group">
<label for="factor-picker">Add curve</label>
<select id="factor-picker" title="Draw another factor's curve"><option value="">— factor —</option></select>
</div>
<div class="group">
<label title="Draw the 5–95 % band of 100 runs with strengths and delays drawn within their classes (seed 1)"><input id="samples" type="checkbox"> Robustness bands</label>
</div>
<div class="group">
<button id="export-svg" type="button" title="Save the chart as an SVG file" disabled>Export SVG</button>
<button id="export-png" type="button" title="Save the chart as a PNG image (twice the size)" disabled>Export PNG</button>
<button id="export-csv" type="button" title="Save the curves as CSV (one column per run and factor)" disabled>Export CSV</button>
</div>
<span id="status" class="status" role="status" aria-live="polite"></span>
</header>
<div id="banner" class="banner" role="alert" hidden></div>
<div class="workspace">
<aside id="runs" class="controls" aria-label="Runs and what-if">
<section>
<h2>Scenarios</h2>
<div id="scenario-list" class="scenario-list"><p class="hint">The model declares no scenario.</p></div>
</section>
<section>
<h2>What-if</h2>
<p class="hint">Move a slider to set an intervention's <em>level</em> and the time it takes to get there (<em>over</em>, in the model's time unit); the curves follow.</p>
<div class="what-if-actions">
<button id="save-scenario" type="button" title="Write these settings into the model file as a scenario (one undoable edit)" disabled>Save as scenario</button>
<button id="reset-sliders" type="button" title="Put every intervention back at rest" disabled>Reset</button>
</div>
<div id="slider-list" class="slider-list"></div>
</section>
</aside>
<main class="content">
<div id="curves" class="curves" role="tabpanel" aria-labelledby="tab-curves">
<div id="factor-chips" class="chips"></div>
<div id="chart" class="chart" aria-label="Curves. Move the mouse over a panel to read the values."><p class="empty">Waiting for the model…</p></div>
<div id="hover-rule" class="hover-rule" hidden></div>
<div id="hover-box" class="hover-box" hidden></div>
</div>
<div id="matrix" class="matrix" role="tabpanel" aria-labelledby="tab-matrix" hidden>
<div class="matrix-controls">
<label for="matrix-level">Level</label><input id="matrix-level" type="number" min="0" max="1" step="0.05" value="0.8">
<label for="matrix-over">over</label><input id="matrix-over" type="number" min="0.25" max="10" step="0.25" value="1">
<button id="matrix-run" type="button">Compare</button>
<span class="hint">Click a row to see its curves; click a heading to sort.</span>
</div>
<div id="matrix-table" class="matrix-table"></div>
</div>
</main>
</div>
<script nonce="${attribute(nonce)}" src="${attribute(options.scriptUri)}"></script>
</body>
</html>
`;
}

/** Escapes a value for a double-quoted HTML attribute. */
function attribute(value: string): string {
    return value.replace(/[&<>"']/g, character => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character]!);
}
