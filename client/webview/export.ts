import type { DiagramScene } from '../../language/diagram/diagram-scene.js';
import type { DiagramPalette } from '../../language/diagram/diagram-style.js';
import type { SvgOptions } from '../../language/diagram/svg-renderer.js';
import { renderSvg } from '../../language/diagram/svg-renderer.js';
import type { WebviewToHostMessage } from './messages.js';
import type { Notices } from './notices.js';

/** Canvas limits Chromium keeps to; a larger PNG comes out blank, so big diagrams get a smaller scale. */
const maxCanvasSide = 16384;
const maxCanvasArea = 120_000_000;

/**
 * The diagram as a file: the same renderer, with legend and background so it stands on its
 * own, and the trace or the change the preview shows (`shown`); the overview alone (text in
 * `overviewFontSize` units) when the preview shows the overview.
 */
export function standaloneSvg(scene: DiagramScene, palette: DiagramPalette, shown: ShownMarks = {}, overviewFontSize?: number): string {
    const overview = overviewFontSize !== undefined ? { mode: 'only', fontSize: overviewFontSize } as const : undefined;
    return renderSvg(scene, { palette, legend: true, background: true, ...shown, overview });
}

/** What the preview draws over the diagram: a trace, or the change of diff mode. */
export type ShownMarks = Pick<SvgOptions, 'lighting' | 'marks'>;

/** Draws the file for a format and posts it to the host, saying on the status line what happens. */
export async function exportDiagram(scene: DiagramScene, palette: DiagramPalette, shown: ShownMarks, format: 'svg' | 'png', notices: Notices, post: (message: WebviewToHostMessage) => void, overviewFontSize?: number): Promise<void> {
    notices.showStatus(format === 'png' ? 'Drawing the PNG\u2026' : '', true);
    try {
        post({ type: 'export', format, data: await exportData(scene, palette, format, shown, overviewFontSize) });
        notices.showStatus('');
    } catch (error) {
        notices.showStatus(`The ${format.toUpperCase()} could not be drawn: ${error instanceof Error ? error.message : String(error)}`);
    }
}

/** The file contents to post for a format: SVG text, or a PNG data URL drawn at twice the size. */
export async function exportData(scene: DiagramScene, palette: DiagramPalette, format: 'svg' | 'png', shown: ShownMarks = {}, overviewFontSize?: number): Promise<string> {
    const svg = standaloneSvg(scene, palette, shown, overviewFontSize);
    return format === 'svg' ? svg : rasterise(svg, 2);
}

/**
 * Rasterises SVG text through an image loaded from a blob URL (allowed by the policy's
 * `img-src blob:`) onto a canvas at `scale`, and returns the PNG as a data URL.
 */
export async function rasterise(svgText: string, scale = 2): Promise<string> {
    const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
    try {
        const image = new Image();
        image.src = url;
        await image.decode();
        const width = image.naturalWidth;
        const height = image.naturalHeight;
        const fitted = Math.min(scale, maxCanvasSide / width, maxCanvasSide / height, Math.sqrt(maxCanvasArea / (width * height)));
        const canvas = document.createElement('canvas');
        canvas.width = Math.max(1, Math.floor(width * fitted));
        canvas.height = Math.max(1, Math.floor(height * fitted));
        const context = canvas.getContext('2d');
        if (!context) {
            throw new Error('No canvas to draw the PNG on.');
        }
        context.drawImage(image, 0, 0, canvas.width, canvas.height);
        return canvas.toDataURL('image/png');
    } finally {
        URL.revokeObjectURL(url);
    }
}
