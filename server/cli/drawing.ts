/**
 * What only the commands that draw need: ELK and the layout. The CLI bundle loads it on demand
 * (out/cli-drawing.cjs, see esbuild.mjs; with V8's code cache, see drawing-loader.ts), so that
 * `marvel check` and the other commands do not pay for compiling ELK.
 */
export { default as ELK } from 'elkjs/lib/elk.bundled.js';
export { layoutDiagram } from '../../language/diagram/diagram-layout.js';
export { layoutDiffPicture } from '../../language/diagram/diff-picture.js';
export { layoutModelDiagram } from '../../language/diagram/model-diagram.js';
