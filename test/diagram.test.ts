import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, test } from 'vitest';
import type { DiagramScene, SceneBox } from '../language/diagram/diagram-scene.js';
import { layoutDiagram } from '../language/diagram/diagram-layout.js';
import { layoutModelDiagram } from '../language/diagram/model-diagram.js';
import { diagramMetrics, palettes } from '../language/diagram/diagram-style.js';
import { textWidth } from '../language/diagram/text-metrics.js';
import { selectView } from '../language/diagram/diagram-view.js';
import { renderSvg } from '../language/diagram/svg-renderer.js';
import { lightingOf } from '../language/diagram/trace-lighting.js';
import { traceFactor } from '../language/analysis/tracing/index.js';
import { toTraceView } from '../language/analysis/tracing/trace-view.js';
import { seedGraph } from './support/seed-model.js';
import { graphOf } from './support/workspace.js';

const model = `model test "Test"
kpi slachtoffers "Aantal slachtoffers" decrease
category strafrecht "Strafrechtketen" color "#f6d5d5" {
    factor pakkans "Pakkans"
    key factor aangifte "Aangiftebereidheid van het slachtoffer in de strafrechtketen"
    category sub "Sub" {
        indicator factor effect "Effectiviteit"
    }
    aangifte -> +pakkans, +effect (strength: very strong)
}
intervention pilot "Pilot mensenhandelvrije gemeente"
factor daders "Aantal daders"
pilot -> +aangifte
pakkans -> -daders (speed: low) "§3.7"
daders -> +slachtoffers, ?pakkans
effect -> -slachtoffers
slachtoffers -> +slachtoffers
`;

async function sceneOf(text: string): Promise<DiagramScene> {
    return layoutDiagram(await graphOf(text), new ELK());
}

function overlaps(a: SceneBox, b: SceneBox): boolean {
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function inside(inner: SceneBox, outer: SceneBox): boolean {
    return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}

describe('layout', () => {
    test('places every factor and relation, without overlapping nodes', async () => {
        const scene = await sceneOf(model);
        expect(scene.nodes.map(n => n.id).sort()).toEqual(['aangifte', 'daders', 'effect', 'pakkans', 'pilot', 'slachtoffers']);
        expect(scene.edges.map(e => `${e.source}${e.sign}${e.target}`).sort()).toEqual(
            ['aangifte+effect', 'aangifte+pakkans', 'daders+slachtoffers', 'daders?pakkans', 'effect-slachtoffers', 'pakkans-daders', 'pilot+aangifte', 'slachtoffers+slachtoffers']);
        for (const a of scene.nodes) {
            for (const b of scene.nodes) {
                if (a !== b) {
                    expect(overlaps(a, b), `${a.id} overlaps ${b.id}`).toBe(false);
                }
            }
        }
    });

    test('puts factors inside their category and nested categories inside their parent', async () => {
        const scene = await sceneOf(model);
        const box = (id: string) => scene.categories.find(c => c.id === id)!;
        for (const node of scene.nodes.filter(n => n.category)) {
            expect(inside(node, box(node.category!)), node.id).toBe(true);
        }
        expect(inside(box('sub'), box('strafrecht'))).toBe(true);
        for (const node of scene.nodes.filter(n => !n.category)) {
            expect(overlaps(node, box('strafrecht')), node.id).toBe(false);
        }
    });

    test('draws an empty category, top-level or nested, as a box holding its name, clear of the others', async () => {
        const scene = await sceneOf('category leeg "Lege categorie met een lange naam" {\n}\ncategory a "Alpha" {\n    factor x "X"\n    category b "Beta" {\n    }\n}\n');
        const byId = new Map(scene.categories.map(c => [c.id, c]));
        for (const id of ['leeg', 'b']) {
            const box = byId.get(id)!;
            expect(box.width, id).toBeGreaterThanOrEqual(textWidth(box.label, diagramMetrics.categoryFontSize, 'bold'));
            expect(box.height, id).toBeGreaterThan(diagramMetrics.categoryPaddingTop);
        }
        expect(overlaps(byId.get('leeg')!, byId.get('a')!)).toBe(false);
        expect(inside(byId.get('b')!, byId.get('a')!)).toBe(true);
        expect(overlaps(byId.get('b')!, scene.nodes.find(n => n.id === 'x')!)).toBe(false);
    });

    test('every edge starts at its source and ends at its target border', async () => {
        const scene = await sceneOf(model);
        const node = (id: string) => scene.nodes.find(n => n.id === id)!;
        const near = (p: { x: number; y: number }, b: SceneBox) => p.x >= b.x - 1.5 && p.x <= b.x + b.width + 1.5 && p.y >= b.y - 1.5 && p.y <= b.y + b.height + 1.5;
        for (const edge of scene.edges) {
            expect(near(edge.points[0], node(edge.source)), `start of ${edge.source}->${edge.target}`).toBe(true);
            expect(near(edge.points[edge.points.length - 1], node(edge.target)), `end of ${edge.source}->${edge.target}`).toBe(true);
        }
    });

    test('is deterministic', async () => {
        const graph = await graphOf(model);
        expect(JSON.stringify(await layoutDiagram(graph, new ELK()))).toBe(JSON.stringify(await layoutDiagram(graph, new ELK())));
    });

    test('a category view holds only that category, a neighbourhood view only the neighbours', async () => {
        const graph = await graphOf(model);
        expect(selectView(graph, { category: 'strafrecht' }).factors.map(f => f.id).sort()).toEqual(['aangifte', 'effect', 'pakkans']);
        expect(selectView(graph, { focus: { factor: 'pakkans', up: 1, down: 1 } }).factors.map(f => f.id).sort()).toEqual(['aangifte', 'daders', 'pakkans']);
        expect(selectView(graph, { into: 'slachtoffers' }).factors.map(f => f.id).sort()).toEqual(['daders', 'effect', 'slachtoffers']);
    });

    test('a view of given factors (a trace drawn alone) holds them, the relations among them and their categories', async () => {
        const graph = await graphOf(model);
        const alone = selectView(graph, { factors: ['pilot', 'aangifte', 'effect', 'slachtoffers'] });
        expect(alone.factors.map(f => f.id).sort()).toEqual(['aangifte', 'effect', 'pilot', 'slachtoffers']);
        expect(alone.relations.map(r => `${r.source}>${r.target}`).sort()).toEqual(['aangifte>effect', 'effect>slachtoffers', 'pilot>aangifte', 'slachtoffers>slachtoffers']);
        expect(alone.categories.map(c => c.id).sort()).toEqual(['strafrecht', 'sub']);
        expect(selectView(graph, { category: 'strafrecht', factors: ['pilot', 'pakkans'] }).factors.map(f => f.id)).toEqual(['pakkans']);
    });

    test('draws a trace alone as one flow from the intervention to the KPI, running down in a narrow panel', async () => {
        const graph = await seedGraph();
        const trace = toTraceView('', graph, traceFactor(graph, 'pilotGemeente', { to: 'slachtoffers' }));
        const view = { factors: [...lightingOf(trace, { kind: 'all' }).nodes], flow: true };
        const wide = await layoutModelDiagram(graph, view, new ELK(), { aspectRatio: 4 });
        // In their categories, the paths ran round the categories' areas, across and back (the intervention below, beside its KPI).
        expect(wide.categories).toEqual([]);
        const box = (scene: DiagramScene, id: string): SceneBox => scene.nodes.find(n => n.id === id)!;
        const others = wide.nodes.filter(n => n.id !== 'pilotGemeente' && n.id !== 'slachtoffers');
        expect(others.every(n => box(wide, 'pilotGemeente').x + box(wide, 'pilotGemeente').width <= n.x)).toBe(true);
        expect(others.every(n => n.x + n.width <= box(wide, 'slachtoffers').x)).toBe(true);
        expect(wide.width).toBeGreaterThan(wide.height);
        expect(wide.edges.every(edge => !edge.curved && !edge.betweenCategories)).toBe(true);
        // Where no area names its category, the tooltip does.
        expect(renderSvg(wide, { palette: palettes.light })).toMatch(/data-id="pakkans"[^>]*><title>Pakkans\nkey factor\nin Strafrechtketen/);
        // One path of four factors in a panel half as wide as high: a row would be shown too small to read.
        const path = trace.targets.find(t => t.target === 'slachtoffers')!.paths[0];
        const narrow = await layoutModelDiagram(graph, { factors: [...path.nodes], flow: true }, new ELK(), { aspectRatio: 0.5 });
        const downwards = path.nodes.map(id => box(narrow, id).y);
        expect(downwards).toEqual([...downwards].sort((a, b) => a - b));
        expect(narrow.height).toBeGreaterThan(narrow.width);
    });
});

describe('SVG', () => {
    test('draws roles, signs, strength, slow marks and the KPI direction', async () => {
        const svg = renderSvg(await sceneOf(model), { palette: palettes.light, legend: true });
        expect(svg).toMatch(/<g class="marvel-node role-key key" data-id="aangifte">/);
        expect(svg).toMatch(/<g class="marvel-node role-indicator" data-id="effect">/);
        expect(svg).toMatch(/<g class="marvel-node role-intervention" data-id="pilot">/);
        expect(svg).toMatch(/<g class="marvel-node role-kpi" data-id="slachtoffers">[\s\S]*?<g class="marvel-direction">[\s\S]*?▼/);
        expect(svg.match(/class="marvel-sign"[^>]*>−</g)).toHaveLength(2);
        expect(svg.match(/class="marvel-sign"[^>]*>\?</g)).toHaveLength(1);
        expect(svg.match(/class="marvel-sign"[^>]*>\+</g)).toHaveLength(5);
        expect(svg).toMatch(/<g class="marvel-edge sign-negative delayed[^"]*" data-relation="\d+" data-source="pakkans" data-target="daders">[\s\S]*?class="marvel-delay"/);
        const width = (source: string, target: string) => Number(new RegExp(`data-source="${source}" data-target="${target}">[\\s\\S]*?class="marvel-edge-line"[^>]*stroke-width="([\\d.]+)"`).exec(svg)![1]);
        expect(width('aangifte', 'effect')).toBeGreaterThan(width('aangifte', 'pakkans'));
        expect(svg).toContain('class="marvel-legend"');
    });

    test('draws a trace: lit relations in their verdict colours, the intervention outlined, the rest faded, and a legend row', async () => {
        const graph = await graphOf(model);
        const scene = await layoutDiagram(graph, new ELK());
        const lighting = lightingOf(toTraceView('', graph, traceFactor(graph, 'pilot')), { kind: 'all' });
        const svg = renderSvg(scene, { palette: palettes.dark, legend: true, lighting });
        const edgeOf = (source: string, target: string): string => new RegExp(`<g class="marvel-edge [^"]*" data-relation="\\d+" data-source="${source}" data-target="${target}"[^>]*>[\\s\\S]*?</g>`).exec(svg)![0];
        // pilot → aangifte → effect → slachtoffers lowers the victims, as desired; via pakkans → daders it lowers them too.
        expect(edgeOf('pilot', 'aangifte')).toContain(`stroke="${palettes.dark.verdict.desired}"`);
        expect(edgeOf('pilot', 'aangifte')).toContain('marker-end="url(#marvel-arrow-verdict-desired)"');
        expect(edgeOf('effect', 'slachtoffers')).toMatch(/class="marvel-edge [^"]*trace-lit verdict-desired"/);
        expect(edgeOf('slachtoffers', 'slachtoffers')).toContain(`opacity="${palettes.dark.dimmedOpacity}"`);
        expect(svg).toMatch(/<g class="marvel-node role-intervention trace-lit trace-origin" data-id="pilot">[\s\S]*?class="marvel-trace-origin"[^>]*stroke="#9df0ad"/);
        expect(svg).toMatch(/<g class="marvel-node role-key key trace-lit" data-id="aangifte">/);
        expect(svg).toContain('<marker id="marvel-arrow-verdict-desired"');
        expect(svg).toContain('class="marvel-legend marvel-trace-legend"');
        expect(Number(/height="(\d+)"/.exec(svg)![1])).toBe(scene.height + 64 + 28);
        // Without a trace nothing of it is drawn.
        expect(renderSvg(scene, { palette: palettes.dark, legend: true })).not.toMatch(/trace-|verdict-/);
    });

    test('makes a small model\'s picture as wide as its legend rows', async () => {
        const graph = await graphOf('kpi k "K" increase\nintervention i "I"\ni -> +k\n');
        const scene = await layoutDiagram(graph, new ELK());
        const lighting = lightingOf(toTraceView('', graph, traceFactor(graph, 'i')), { kind: 'all' });
        for (const svg of [renderSvg(scene, { legend: true }), renderSvg(scene, { legend: true, lighting })]) {
            const width = Number(/<svg [^>]*width="(\d+)"/.exec(svg)![1]);
            expect(width).toBeGreaterThan(scene.width);
            const legendXs = [...svg.slice(svg.indexOf('class="marvel-legend')).matchAll(/ (?:x="|d="M)(\d+(?:\.\d+)?)/g)].map(match => Number(match[1]));
            expect(Math.max(...legendXs)).toBeLessThan(width);
        }
    });

    test('draws traces in the colours the preview uses (trace/trace.css), in every theme', () => {
        const css = readFileSync(path.join(__dirname, '..', 'client', 'webview', 'trace', 'trace.css'), 'utf8');
        const block = (selector: string): string => css.slice(css.indexOf(`${selector} {`), css.indexOf('}', css.indexOf(`${selector} {`)));
        const variable = (text: string, name: string): string | undefined => new RegExp(`--${name}:\\s*([^;]+);`).exec(text)?.[1].trim();
        const themes = [[':root', palettes.light], ['body.vscode-dark', palettes.dark], ['body.vscode-high-contrast:not(.vscode-high-contrast-light)', palettes['high-contrast']]] as const;
        for (const [selector, palette] of themes) {
            const text = block(selector);
            for (const verdict of ['desired', 'undesired', 'mixed', 'unknown'] as const) {
                expect(variable(text, `verdict-${verdict}`), `${selector} ${verdict}`).toBe(palette.verdict[verdict]);
            }
            expect(variable(text, 'trace-origin'), selector).toBe(palette.traceOrigin);
            expect(Number(variable(text, 'dimmed')), selector).toBe(palette.dimmedOpacity);
            expect(variable(text, 'sign-plus'), selector).toBe(palette.edge['+']);
            expect(variable(text, 'sign-minus'), selector).toBe(palette.edge['-']);
        }
    });

    test('a sign has one colour family in every theme, apart from the verdicts\' colours: a relation faded beside a trace never reads as lit', () => {
        const hue = (hex: string): number => {
            const [r, g, b] = [1, 3, 5].map(k => parseInt(hex.slice(k, k + 2), 16) / 255);
            const max = Math.max(r, g, b);
            const spread = max - Math.min(r, g, b);
            const turn = max === r ? (g - b) / spread : max === g ? 2 + (b - r) / spread : 4 + (r - g) / spread;
            return ((turn * 60) + 360) % 360;
        };
        const apart = (one: string, other: string): number => {
            const degrees = Math.abs(hue(one) - hue(other));
            return Math.min(degrees, 360 - degrees);
        };
        for (const [theme, palette] of Object.entries(palettes)) {
            for (const sign of ['+', '-'] as const) {
                expect(apart(palette.edge[sign], palettes.light.edge[sign]), `${theme}: ${sign} as in the light theme`).toBeLessThan(30);
                for (const verdict of ['desired', 'undesired', 'mixed'] as const) {
                    expect(apart(palette.edge[sign], palette.verdict[verdict]), `${theme}: ${sign} and ${verdict}`).toBeGreaterThan(25);
                }
            }
        }
    });

    test('shows markup in labels, notes, descriptions and category names as text', async () => {
        const hostile = `category c "<img src=x onerror=alert(1)>" {
    /** <script>alert(1)</script> */
    factor a "<b>A</b> & \\"B\\""
    factor b "B"
    a -> +b "<svg onload=alert(1)>"
}
`;
        const svg = renderSvg(await sceneOf(hostile), { palette: palettes.dark });
        expect(svg).not.toMatch(/<img|<script|<b>|<svg onload/);
        expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
        expect(svg).toContain('&lt;b&gt;A&lt;/b&gt; &amp; &quot;B&quot;');
        expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
        expect(svg).toContain('&lt;svg onload=alert(1)&gt;');
    });
});
