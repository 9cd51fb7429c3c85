import type { PreviewState, WebviewToHostMessage } from './messages.js';

/**
 * The part of the API VS Code injects into a webview that the preview uses. Declared here
 * because `@types/vscode` describes the extension host, not the webview.
 */
export interface VsCodeApi {
    postMessage(message: WebviewToHostMessage): void;
    getState(): unknown;
    setState(state: PreviewState): void;
}

declare global {
    /** May be called only once per webview; {@link vscodeApi} keeps the one instance. */
    function acquireVsCodeApi(): VsCodeApi;
}

let api: VsCodeApi | undefined;

export function vscodeApi(): VsCodeApi {
    return api ??= acquireVsCodeApi();
}
