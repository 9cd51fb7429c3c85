import type { InterventionSetting } from '../../language/analysis/dynamics/simulate.js';
import type { SimulationModelResponse } from '../../language/protocol/simulation-protocol.js';

/** Messages between the extension host and the Simulation view's webview; declared once for both sides. */
export type SimulationHostMessage =
    /** The model to simulate (or why there is none); a version older than the one shown is dropped. */
    | { readonly type: 'model'; readonly model: SimulationModelResponse; readonly fileName: string }
    | { readonly type: 'exported'; readonly path: string }
    /** A what-if was written into the model file as this scenario. */
    | { readonly type: 'saved'; readonly scenario: string };

export type SimulationViewMessage =
    | { readonly type: 'ready' }
    /** Save the chart: SVG or CSV text, or a PNG as a data URL. */
    | { readonly type: 'export'; readonly format: 'svg' | 'png' | 'csv'; readonly data: string }
    /** Write the what-if sliders' settings into the model file as a scenario. */
    | { readonly type: 'saveScenario'; readonly settings: readonly InterventionSetting[] };

/** What the Simulation view keeps across a window reload (VS Code's webview state): the model file and the choices made in it. */
export interface SimulationViewState {
    readonly uri: string;
    /** The scenarios ticked. */
    readonly scenarios: readonly string[];
    /** The factors whose curves were added. */
    readonly factors: readonly string[];
    /** The what-if sliders moved away from rest. */
    readonly whatIf: readonly InterventionSetting[];
    readonly bands: boolean;
}
