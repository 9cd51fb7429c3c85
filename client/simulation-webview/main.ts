// The Simulation view's script. esbuild bundles it (and its styles into out/simulation.css) for the browser.
import '../webview/theme.css';
import './simulation.css';
import type { SimulationApi } from './simulation-view.js';
import { SimulationView } from './simulation-view.js';

/** VS Code's handle for this webview, typed with the messages this view posts (client/simulation/messages.ts). */
declare function acquireVsCodeApi(): SimulationApi;

new SimulationView(acquireVsCodeApi()).start();
