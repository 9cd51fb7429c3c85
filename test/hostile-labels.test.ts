/**
 * Labels of any length (issue 9, item 11): wrapping is linear in the label's length and stops
 * once the lines are full, so a label of tens of thousands of characters without a space is
 * laid out at once, by the command line and the language server alike. The timings are in
 * `npm run bench` ("label of 20,000 characters"); here a run that stalls fails by the test's timeout.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { layoutDiagram } from '../language/diagram/diagram-layout.js';
import { diagramMetrics } from '../language/diagram/diagram-style.js';
import { LocalPlacer } from '../language/diagram/placement.js';
import { textWidth, wrapText } from '../language/diagram/text-metrics.js';
import { DiagramService } from '../server/diagram/diagram-service.js';
import { createWorkspace, positionOf } from './support/workspace.js';

const unbroken = (length: number): string => 'Mensenhandel'.repeat(Math.ceil(length / 12)).slice(0, length);

describe('wrapping a label of any length', () => {
    it.each([5_000, 20_000, 200_000])('cuts an unbroken word of %i characters into four lines, the last one ellipsised', length => {
        const lines = wrapText(unbroken(length), 150, 12);
        expect(lines).toHaveLength(4);
        expect(lines[3].endsWith('…')).toBe(true);
        for (const line of lines) {
            expect(textWidth(line, 12)).toBeLessThanOrEqual(150);
        }
        expect(lines.slice(0, 3).join('')).toBe(unbroken(length).slice(0, lines.slice(0, 3).join('').length));
    });

    it('keeps a long run of characters that take no room (combining marks) in one line', () => {
        const marks = 'e' + '\u0301'.repeat(200_000);
        const lines = wrapText(marks, 150, 12);
        expect(lines).toHaveLength(1);
        expect(textWidth(lines[0], 12)).toBeLessThanOrEqual(150);
    });

    it('wraps a long label of many words the same way, keeping words whole', () => {
        const words = 'keten samenwerking '.repeat(10_000);
        const lines = wrapText(words, 150, 12);
        expect(lines).toHaveLength(4);
        expect(lines.slice(0, 3).every(line => /^(keten|samenwerking)( (keten|samenwerking))*$/.test(line))).toBe(true);
    });
});

describe('a model with labels of 20,000 characters', () => {
    const model = `intervention a "${unbroken(20_000)}"\nkpi k "${unbroken(20_000)}" decrease\nfactor b "${'x'.repeat(20_000)}"\na -> +b\nb -> -k\n`;

    it('is laid out with every label in at most four lines of the usual width', async () => {
        const workspace = await createWorkspace({ 'model.marvel': model });
        const graph = workspace.services.workspace.ModelProvider.getModel(workspace.documents['model.marvel']).graph;
        const scene = await layoutDiagram(graph, new ELK());
        expect(scene.nodes).toHaveLength(3);
        for (const node of scene.nodes) {
            expect(node.lines.length).toBeLessThanOrEqual(4);
            expect(node.width).toBeLessThan(2 * diagramMetrics.maxLabelWidth);
        }
    });

    it('lets the language server answer a hover while it draws the diagram', async () => {
        const workspace = await createWorkspace({ 'model.marvel': model });
        const shared = workspace.services.shared;
        await shared.workspace.WorkspaceManager.initialized({});
        const diagrams = new DiagramService(shared, workspace.services, new LocalPlacer(new ELK()));
        const document = workspace.documents['model.marvel'];
        const [diagram, hover] = await Promise.all([
            diagrams.diagram({ uri: document.uri.toString(), view: {} }),
            workspace.services.lsp.HoverProvider!.getHoverContent(document, { textDocument: { uri: document.uri.toString() }, position: positionOf(document, 'b -> -k') })
        ]);
        expect(diagram.scene?.nodes).toHaveLength(3);
        expect(hover).toBeDefined();
    });
});
