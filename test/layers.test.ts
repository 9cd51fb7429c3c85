/**
 * The pure core stays pure: analysis, layout, rendering and wording run in the CLI, the
 * language server, the layout worker and the webview alike, so they import neither Langium nor
 * the syntax tree (language/model adapts the tree to the model graph). Each layer's own
 * tsconfig keeps out DOM and Node; this keeps out the parser.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from './support/example-files.js';

const pureFolders = ['language/analysis', 'language/diagram', 'language/text', 'language/exchange'];
const forbidden = [/^langium(\/|$)/, /\/generated\//, /\/model\//, /\/lsp\//, /\/validation\//, /\/workspace\//, /\/references\//, /\/parser\//];

function typescriptFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
        const full = path.join(dir, entry.name);
        return entry.isDirectory() ? typescriptFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
    });
}

function importsOf(file: string): string[] {
    return [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]/gm)].map(match => match[1]);
}

describe('layers', () => {
    it.each(pureFolders)('nothing under %s imports Langium or the syntax tree', folder => {
        const offending = typescriptFiles(path.join(repositoryRoot, folder)).flatMap(file =>
            importsOf(file).filter(specifier => forbidden.some(pattern => pattern.test(specifier)))
                .map(specifier => `${path.relative(repositoryRoot, file)} imports ${specifier}`));
        expect(offending).toEqual([]);
    });
});
