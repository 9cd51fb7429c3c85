// The preview webview's script. esbuild bundles it (and, through these imports, the styles
// into out/webview.css) for the browser; it never runs in Node.
import './theme.css';
import './preview.css';
import './trace/trace.css';
import './trace/panel.css';
import './diff/diff.css';
import './time-travel.css';
import './semantic-zoom.css';
import { PreviewController } from './preview-controller.js';
import { TimeTravel } from './time-travel.js';
import { vscodeApi } from './vscode-api.js';

new PreviewController(vscodeApi()).start();
new TimeTravel(vscodeApi()).start();
