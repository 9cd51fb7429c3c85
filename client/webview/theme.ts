import type { DiagramPalette, ThemeKind } from '../../language/diagram/diagram-style.js';
import { palettes } from '../../language/diagram/diagram-style.js';

/**
 * The diagram palette for the body classes VS Code sets on a webview. High contrast light
 * also carries `vscode-high-contrast`, so it is tested first; its black-on-white needs
 * the light palette, not the black high-contrast one.
 */
export function themeOf(body: HTMLElement): ThemeKind {
    const classes = body.classList;
    if (classes.contains('vscode-high-contrast-light')) {
        return 'light';
    }
    if (classes.contains('vscode-high-contrast')) {
        return 'high-contrast';
    }
    return classes.contains('vscode-dark') ? 'dark' : 'light';
}

export function paletteOf(body: HTMLElement): DiagramPalette {
    return palettes[themeOf(body)];
}

/** Calls back when the user switches theme: VS Code only changes the body classes. */
export function watchTheme(body: HTMLElement, onChange: (theme: ThemeKind) => void): void {
    let current = themeOf(body);
    new MutationObserver(() => {
        const next = themeOf(body);
        if (next !== current) {
            current = next;
            onChange(next);
        }
    }).observe(body, { attributes: true, attributeFilter: ['class'] });
}
