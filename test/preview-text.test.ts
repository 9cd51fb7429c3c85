import { describe, expect, it } from 'vitest';
import type { DiagramResponse } from '../language/protocol/diagram-protocol.js';
import { describeSelection, describeView } from '../client/webview/view-text.js';

const location = { uri: 'file:///intl.marvel', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } };

describe('the line above the diagram', () => {
    const diagram = {
        uri: 'file:///intl.marvel', version: 1, title: 'Internationaal — عربي', categories: [], factors: [{ id: 'a', label: 'مدرسة', role: 'factor' }],
        scene: { width: 100, height: 100, categories: [], nodes: [{ id: 'a', label: 'مدرسة', lines: ['مدرسة'], kind: 'factor', role: 'factor', key: false, x: 0, y: 0, width: 10, height: 10, location }], edges: [] }
    } satisfies DiagramResponse;

    it('sets a model\'s title and names apart, so that a right-to-left one keeps the count after it in place', () => {
        expect(describeView({}, diagram)).toBe('\u2068Internationaal — عربي\u2069 — 1 factor, 0 relations');
        expect(describeView({ into: 'a' }, diagram)).toBe('Arrows into \u201c\u2068مدرسة\u2069\u201d — 1 factor, 0 relations');
        expect(describeSelection({ kind: 'factor', id: 'a' }, diagram)).toBe('Selected: \u2068مدرسة\u2069');
    });
});
