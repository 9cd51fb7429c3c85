import type { Browser, Page } from 'playwright-core';
import type { SimulationHostMessage, SimulationViewMessage, SimulationViewState } from '../../client/simulation/messages.js';
import { simulationHtml } from '../../client/simulation-webview/simulation-html.js';
import { serveWebview, webviewOrigin } from './webview-harness.js';

export interface SimulationPage {
    readonly page: Page;
    /** Every message the page posted to the stand-in host, in order. */
    posted(): Promise<SimulationViewMessage[]>;
    /** What the content security policy blocked so far. */
    violations(): Promise<string[]>;
    /** The last state the page saved with setState. */
    savedState(): Promise<SimulationViewState | undefined>;
    /** Delivers a message as the extension host would. */
    send(message: SimulationHostMessage): Promise<void>;
}

/**
 * Opens the Simulation view's page as VS Code would: the HTML of {@link simulationHtml} with
 * its content security policy, the built out/simulation.js and .css from one origin, and a
 * stand-in for `acquireVsCodeApi` that records what is posted and saved, and gives
 * `savedState` (the state saved before a window reload) to getState.
 */
export async function openSimulationPage(browser: Browser, projectRoot: string, savedState?: SimulationViewState, width = 1280, height = 900): Promise<SimulationPage> {
    const page = await browser.newPage({ viewport: { width, height } });
    const errors: string[] = [];
    page.on('pageerror', error => errors.push(error.message));
    const html = simulationHtml({ cspSource: webviewOrigin, nonce: 'n' + Math.random().toString(36).slice(2), scriptUri: `${webviewOrigin}/out/simulation.js`, styleUri: `${webviewOrigin}/out/simulation.css` })
        .replace('<body>', '<body class="vscode-light">');
    await serveWebview(page, projectRoot, html);
    await page.addInitScript(saved => {
        const record = window as unknown as { __posted: unknown[]; __violations: string[]; __state: unknown };
        record.__posted = [];
        record.__violations = [];
        record.__state = saved ?? undefined;
        document.addEventListener('securitypolicyviolation', event => record.__violations.push(`${event.violatedDirective} ${event.blockedURI}`));
        (window as unknown as { acquireVsCodeApi: () => unknown }).acquireVsCodeApi = () => ({
            postMessage: (message: unknown) => { record.__posted.push(JSON.parse(JSON.stringify(message))); },
            getState: () => record.__state,
            setState: (state: unknown) => { record.__state = JSON.parse(JSON.stringify(state)); }
        });
    }, savedState ?? null);
    await page.goto(`${webviewOrigin}/index.html`);
    await page.waitForFunction(() => (window as unknown as { __posted: Array<{ type: string }> }).__posted.some(m => m.type === 'ready'));
    if (errors.length > 0) {
        throw new Error(`The simulation page failed: ${errors.join('; ')}`);
    }
    return {
        page,
        posted: () => page.evaluate(() => (window as unknown as { __posted: SimulationViewMessage[] }).__posted),
        violations: () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations),
        savedState: () => page.evaluate(() => (window as unknown as { __state: SimulationViewState | undefined }).__state),
        send: message => page.evaluate(m => window.postMessage(m, '*'), message)
    };
}
