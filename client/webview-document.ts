/**
 * What every MARVEL webview document (the preview, the Simulation view) is made from: its
 * resources and the one strict policy they share. Pure, so the extension host and the browser
 * tests build the very same page.
 */
export interface WebviewDocumentOptions {
    /** The webview's `cspSource`: the only origin its script, styles, images and fonts may come from. */
    readonly cspSource: string;
    /** A fresh random value per document; only elements carrying it may run or style. */
    readonly nonce: string;
    readonly scriptUri: string;
    readonly styleUri: string;
}

/** No inline script or style, nothing from other origins: only the webview's own files and what carries the nonce. */
export function webviewContentSecurityPolicy({ cspSource, nonce }: WebviewDocumentOptions): string {
    return [
        "default-src 'none'",
        `img-src ${cspSource} data: blob:`,
        `style-src ${cspSource} 'nonce-${nonce}'`,
        `script-src 'nonce-${nonce}'`,
        `font-src ${cspSource}`
    ].join('; ');
}
