import { createRequire } from 'node:module';
import * as path from 'node:path';
import { metricsFontFamily } from '../../language/diagram/text-metrics.js';

interface ResvgModule {
    Resvg: new (svg: string, options: object) => { render(): { asPng(): Buffer } };
}

/**
 * Rasterises an SVG with resvg, using the DejaVu Sans files the text metrics were taken
 * from, so text fits its boxes on any machine. Loaded on demand: only `render` needs it.
 */
export async function svgToPng(svg: string, scale = 2): Promise<Buffer> {
    const require = createRequire(__filename);
    const { Resvg } = require('@resvg/resvg-js') as ResvgModule;
    const fontDirectory = path.dirname(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
    const resvg = new Resvg(svg, {
        fitTo: { mode: 'zoom', value: scale },
        font: {
            fontFiles: ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map(file => path.join(fontDirectory, file)),
            loadSystemFonts: false,
            defaultFontFamily: metricsFontFamily.split(',')[0]
        }
    });
    return resvg.render().asPng();
}
