// The Simulation view's script. esbuild bundles it (and its styles into out/simulation.css) for the browser.
import './simulation.css';
import type { SimulationApi } from './simulation-view.js';
import { SimulationView } from './simulation-view.js';

// The global is declared for the preview's messages; this view posts its own (client/simulation/messages.ts).
new SimulationView(acquireVsCodeApi() as unknown as SimulationApi).start();
