import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import type { HostToWebviewMessage, PreviewState, WebviewToHostMessage } from '../../client/webview/messages.js';
import { previewHtml } from '../../client/webview/preview-html.js';
import { toolPresent } from './required-tools.js';

/** The browser the page tests drive: `MARVEL_CHROMIUM`, or Debian's chromium. */
export const chromiumPath = process.env.MARVEL_CHROMIUM ?? '/usr/bin/chromium';
/** Flags that let Debian's chromium run headless as root in a container, and keep it off the network. */
export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Whether the browser tests of a file can run (see {@link toolPresent}). */
export function chromiumPresent(testName: string): boolean {
    return toolPresent(testName, `Chromium at ${chromiumPath}`, existsSync(chromiumPath), 'apt-get install -y chromium, or set MARVEL_CHROMIUM');
}

/** The origin the page is served from; it plays the webview's `cspSource`. */
export const webviewOrigin = 'https://webview.test';

export type BodyTheme = 'vscode-light' | 'vscode-dark' | 'vscode-high-contrast' | 'vscode-high-contrast-light';

/** A few of the variables VS Code defines in a webview, so the chrome looks as it would there. */
const themeVariables: Record<'light' | 'dark', Record<string, string>> = {
    light: {
        '--vscode-editor-background': '#ffffff', '--vscode-editor-foreground': '#3b3b3b', '--vscode-focusBorder': '#005fb8',
        '--vscode-descriptionForeground': '#3b3b3b', '--vscode-panel-border': '#e5e5e5', '--vscode-input-background': '#ffffff',
        '--vscode-input-foreground': '#3b3b3b', '--vscode-input-border': '#cecece', '--vscode-button-background': '#005fb8',
        '--vscode-button-foreground': '#ffffff', '--vscode-button-secondaryBackground': '#e5e5e5', '--vscode-button-secondaryForeground': '#3b3b3b',
        '--vscode-font-family': 'system-ui, sans-serif', '--vscode-font-size': '13px'
    },
    dark: {
        '--vscode-editor-background': '#1f1f1f', '--vscode-editor-foreground': '#cccccc', '--vscode-focusBorder': '#0078d4',
        '--vscode-descriptionForeground': '#9d9d9d', '--vscode-panel-border': '#2b2b2b', '--vscode-input-background': '#313131',
        '--vscode-input-foreground': '#cccccc', '--vscode-input-border': '#3c3c3c', '--vscode-button-background': '#0078d4',
        '--vscode-button-foreground': '#ffffff', '--vscode-button-secondaryBackground': '#313131', '--vscode-button-secondaryForeground': '#cccccc',
        '--vscode-font-family': 'system-ui, sans-serif', '--vscode-font-size': '13px'
    }
};

export function launchChromium(): Promise<Browser> {
    return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}

export interface PreviewPage {
    readonly page: Page;
    /** Every message the page posted to the stand-in host, in order. */
    posted(): Promise<WebviewToHostMessage[]>;
    /** What the content security policy blocked so far. */
    violations(): Promise<string[]>;
    /** The last state the page saved with setState. */
    savedState(): Promise<PreviewState | undefined>;
    /** Delivers a message as the extension host would (a `message` event on the window). */
    send(message: HostToWebviewMessage): Promise<void>;
    setTheme(theme: BodyTheme): Promise<void>;
}

export interface PreviewPageOptions {
    readonly theme?: BodyTheme;
    /** What getState returns: the state saved before a window reload. */
    readonly savedState?: PreviewState;
    /** What the host writes into the page. */
    readonly hostState?: PreviewState;
    readonly width?: number;
    readonly height?: number;
}

/**
 * Opens the preview page as VS Code would: the HTML of {@link previewHtml} with its content
 * security policy, the built out/webview.js and out/webview.css served from one origin, the
 * theme class on the body and a stand-in for `acquireVsCodeApi` that records what is posted.
 */
export async function openPreview(browser: Browser, projectRoot: string, options: PreviewPageOptions = {}): Promise<PreviewPage> {
    const page = await browser.newPage({ viewport: { width: options.width ?? 1280, height: options.height ?? 860 } });
    const errors: string[] = [];
    page.on('pageerror', error => errors.push(error.message));
    const nonce = 'n' + Math.random().toString(36).slice(2);
    const html = previewHtml({
        cspSource: webviewOrigin,
        nonce,
        scriptUri: `${webviewOrigin}/out/webview.js`,
        styleUri: `${webviewOrigin}/out/webview.css`,
        state: options.hostState
    }).replace('<body>', `<body class="${options.theme ?? 'vscode-light'}">`);
    await serveWebview(page, projectRoot, html);
    await page.addInitScript((saved: PreviewState | null) => {
        const record = window as unknown as { __posted: unknown[]; __state: unknown; __violations: string[] };
        record.__posted = [];
        record.__violations = [];
        // Anything the page does that its content security policy refuses (inline styles, scripts).
        document.addEventListener('securitypolicyviolation', event => record.__violations.push(`${event.violatedDirective} ${event.blockedURI}`));
        record.__state = saved ?? undefined;
        let acquired = false;
        (window as unknown as { acquireVsCodeApi: () => unknown }).acquireVsCodeApi = () => {
            if (acquired) {
                throw new Error('acquireVsCodeApi called twice');
            }
            acquired = true;
            return {
                postMessage: (message: unknown) => { record.__posted.push(JSON.parse(JSON.stringify(message))); },
                getState: () => record.__state,
                setState: (state: unknown) => { record.__state = JSON.parse(JSON.stringify(state)); }
            };
        };
    }, options.savedState ?? null);
    await page.goto(`${webviewOrigin}/index.html`);
    await page.waitForFunction(() => (window as unknown as { __posted: Array<{ type: string }> }).__posted.some(m => m.type === 'ready'));
    if (errors.length > 0) {
        throw new Error(`The preview page failed: ${errors.join('; ')}`);
    }
    const preview: PreviewPage = {
        page,
        posted: () => page.evaluate(() => (window as unknown as { __posted: WebviewToHostMessage[] }).__posted),
        violations: () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations),
        savedState: () => page.evaluate(() => (window as unknown as { __state: PreviewState | undefined }).__state),
        send: message => page.evaluate(m => window.postMessage(m, '*'), message),
        setTheme: async theme => {
            const variables = themeVariables[theme === 'vscode-dark' || theme === 'vscode-high-contrast' ? 'dark' : 'light'];
            await page.evaluate(([className, vars]) => {
                document.body.className = className;
                for (const [name, value] of Object.entries(vars)) {
                    document.documentElement.style.setProperty(name, value);
                }
            }, [theme, variables] as const);
        }
    };
    await preview.setTheme(options.theme ?? 'vscode-light');
    return preview;
}

/**
 * Serves a webview's page at the stand-in webview origin: its HTML at `/`, and the bundles in
 * out/ as VS Code serves them from `asWebviewUri`; anything else is not found.
 */
export async function serveWebview(page: Page, projectRoot: string, html: string): Promise<void> {
    await page.route(`${webviewOrigin}/**`, async route => {
        const url = new URL(route.request().url());
        if (url.pathname === '/' || url.pathname === '/index.html') {
            await route.fulfill({ status: 200, contentType: 'text/html', body: html });
            return;
        }
        const file = path.join(projectRoot, decodeURIComponent(url.pathname));
        if (!file.startsWith(path.join(projectRoot, 'out')) || !existsSync(file)) {
            await route.fulfill({ status: 404, body: 'not found' });
            return;
        }
        await route.fulfill({ status: 200, contentType: file.endsWith('.css') ? 'text/css' : 'text/javascript', body: readFileSync(file) });
    });
}
