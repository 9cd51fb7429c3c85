import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import ELK from 'elkjs/lib/elk.bundled.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ModelGraph } from '../language/analysis/model-graph.js';
import type { DiagramScene } from '../language/diagram/diagram-scene.js';
import { diagramMetrics, palettes } from '../language/diagram/diagram-style.js';
import { crossingPairs, relationsUnderBoxes, sharedStretchPairs } from '../language/diagram/drawing-quality.js';
import { textWidth } from '../language/diagram/text-metrics.js';
import { layoutModelDiagram } from '../language/diagram/model-diagram.js';
import type { OverviewScene } from '../language/diagram/overview-scene.js';
import { arrowLabel, shortArrowLabel } from '../language/diagram/overview-scene.js';
import { passesUnder, shapePoint } from '../language/diagram/overview-routes.js';
import type { SceneBox } from '../language/diagram/diagram-scene.js';
import { overviewGeometry } from '../language/diagram/overview-svg.js';
import { renderSvg } from '../language/diagram/svg-renderer.js';
import { runMarvel } from './support/marvel-cli.js';
import { seedPreviewModel } from './support/preview-diagrams.js';
import { graphOf } from './support/workspace.js';

const projectRoot = fileURLToPath(new URL('..', import.meta.url)).replace(/[\\/]$/, '');
const seedFolder = path.join(projectRoot, 'examples', 'mensenhandel');

/** The top-level category a factor sits in, or the factor itself outside every category. */
function groupOf(graph: ModelGraph, factorId: string): string {
    const category = graph.factor(factorId)!.category;
    return category !== undefined ? graph.categoryPath(category)[0].id : factorId;
}

describe('overview of the seed example', () => {
    let graph: ModelGraph;
    let scene: DiagramScene;
    /** Packed for a preview beside the editor, taller than wide. */
    let narrowScene: DiagramScene;

    beforeAll(async () => {
        const seed = await seedPreviewModel();
        graph = seed.graph;
        scene = (await seed.diagram(1)).scene!;
        narrowScene = (await seed.diagram(1, {}, { aspectRatio: 0.9 })).scene!;
    });

    test('says how many more a card holds only under items it names', () => {
        // A card with room for one line said "… and 6 more" under no item at all.
        for (const overview of [scene.overview!, narrowScene.overview!]) {
            for (let fontSize = 10; fontSize <= 80; fontSize += 2) {
                for (const card of overviewGeometry(overview, fontSize).cards.values()) {
                    expect(card.more === 0 || card.items.length > 0, `${card.group.id} at ${fontSize}`).toBe(true);
                }
            }
        }
    });

    test('has one group per category, standing in the category\'s area of the full view', () => {
        const overview = scene.overview!;
        expect(overview.groups.map(g => g.id).sort()).toEqual(graph.categories.filter(c => c.parent === undefined).map(c => c.id).sort());
        for (const group of overview.groups) {
            const area = scene.categories.find(c => c.id === group.id)!;
            expect({ x: group.x, y: group.y, width: group.width, height: group.height }).toEqual({ x: area.x, y: area.y, width: area.width, height: area.height });
            const members = graph.factors.filter(f => groupOf(graph, f.id) === group.id);
            expect(group.factorCount).toBe(members.length);
            expect(group.kpis).toEqual(members.filter(f => f.kind === 'kpi').map(f => f.label));
            expect(group.interventions).toEqual(members.filter(f => f.kind === 'intervention').map(f => f.label));
        }
        expect(overview.groups.find(g => g.id === 'centraal')!.kpis).toEqual(['Aantal slachtoffers mensenhandel', 'Percentage slachtoffers mensenhandel dat in beeld is']);
    });

    test('draws one arrow per ordered pair of categories, carrying the count and signs of exactly the relations between them', () => {
        const overview = scene.overview!;
        const between = graph.relations.filter(r => groupOf(graph, r.source) !== groupOf(graph, r.target));
        expect(between.length).toBe(77);
        const pairs = new Set(between.map(r => `${groupOf(graph, r.source)} ${groupOf(graph, r.target)}`));
        expect(overview.arrows.map(a => `${a.source} ${a.target}`).sort()).toEqual([...pairs].sort());
        for (const arrow of overview.arrows) {
            const expected = between.filter(r => groupOf(graph, r.source) === arrow.source && groupOf(graph, r.target) === arrow.target);
            expect(arrow.relations).toEqual(expected.map(r => r.index));
            for (const sign of ['+', '-', '?'] as const) {
                expect(arrow.signs[sign], `${arrow.source} → ${arrow.target} ${sign}`).toBe(expected.filter(r => r.sign === sign).length);
            }
        }
        expect(overview.arrows.reduce((sum, a) => sum + a.relations.length, 0)).toBe(77);
    });

    test('labels each arrow with its count and sign mix, thicker when it stands for more', () => {
        const svg = renderSvg(scene, { palette: palettes.light, overview: { mode: 'only', fontSize: 40 } });
        expect(svg).not.toContain('class="marvel-node');
        const arrows = [...svg.matchAll(/<g class="marvel-overview-arrow" data-source="([^"]+)" data-target="([^"]+)" data-count="(\d+)"[^>]*>[\s\S]*?stroke-width="([\d.]+)"/g)];
        expect(arrows).toHaveLength(scene.overview!.arrows.length);
        for (const [, source, target, count] of arrows) {
            const arrow = scene.overview!.arrows.find(a => a.source === source && a.target === target)!;
            expect(Number(count)).toBe(arrow.relations.length);
            const label = new RegExp(`<text class="marvel-overview-arrow-label" data-source="${source}" data-target="${target}"[^>]*>([\\s\\S]*?)</text>`).exec(svg)?.[1];
            // The count in full, or in short where the full one has no room; the text is what the geometry placed.
            const placed = overviewGeometry(scene.overview!, 40).arrows.find(a => a.arrow === arrow)!.label;
            expect(label?.replace(/<[^>]+>/g, '')).toBe(placed?.text);
            expect([arrowLabel(arrow), shortArrowLabel(arrow), undefined]).toContain(placed?.text);
        }
        const widthOf = (count: number): number => Number(arrows.find(a => Number(a[3]) === count)![4]);
        const counts = arrows.map(a => Number(a[3]));
        expect(widthOf(Math.max(...counts))).toBeGreaterThan(widthOf(Math.min(...counts)));
        expect(svg).toContain('class="marvel-overview-group kind-category" data-group="centraal"');
        expect(svg).toContain('>Aantal slachtoffers mensenhandel</text>');
    });

    test('no arrow passes under a card other than its two ends, and every count stays in the picture, at the text sizes of a wide and of a narrow preview', () => {
        for (const [shown, fontSize] of [[scene, 26], [scene, 40], [narrowScene, 40], [narrowScene, 65]] as const) {
            const { cards, arrows } = overviewGeometry(shown.overview!, fontSize);
            const under = arrows.filter(({ arrow, shape }) => passesUnder(shape, [...cards.values()].filter(card => card.group.id !== arrow.source && card.group.id !== arrow.target)));
            expect(under.map(({ arrow }) => `${arrow.source} → ${arrow.target}`), `text size ${fontSize}`).toEqual([]);
            // Their counts stay in the picture, also where an arrow runs along its edge.
            const outside = arrows.filter(({ label }) => label && (label.x < 0 || label.y < 0 || label.x + label.width > shown.width || label.y + label.height > shown.height));
            expect(outside.map(({ arrow }) => `${arrow.source} → ${arrow.target}`), `text size ${fontSize}`).toEqual([]);
        }
    });

    test('counts never cover each other or a card: where the full count has no room its short form stands, and only in a crowd none', () => {
        const covers = (a: SceneBox, b: SceneBox): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
        for (const [shown, fontSize] of [[scene, 26], [scene, 40], [narrowScene, 40], [narrowScene, 65]] as const) {
            const { cards, arrows } = overviewGeometry(shown.overview!, fontSize);
            const labelled = arrows.filter(({ label }) => label !== undefined);
            const crowded = labelled.filter(({ label }) => labelled.some(other => other.label !== label && covers(label!, other.label!)) || [...cards.values()].some(card => covers(label!, card)));
            expect(crowded.map(({ arrow }) => `${arrow.source} → ${arrow.target}`), `text size ${fontSize}`).toEqual([]);
            // A count set further off from its arrow has a line leading to it.
            for (const { label, shape } of labelled) {
                const along = Array.from({ length: 101 }, (_, i) => shapePoint(shape, i / 100));
                const distance = Math.min(...along.map(p => Math.hypot(p.x - (label!.x + label!.width / 2), p.y - (label!.y + label!.height / 2))));
                if (distance > label!.height * 1.5) {
                    expect(label!.leaderFrom, `count "${label!.text}" at ${label!.x},${label!.y}`).toBeDefined();
                }
            }
            // Most arrows keep a count even in a narrow preview's large text.
            expect(labelled.length, `text size ${fontSize}`).toBeGreaterThanOrEqual(arrows.length * 0.6);
        }
        // In a wide preview at its usual text size every arrow has its count, nearly all in full.
        const wide = overviewGeometry(scene.overview!, 26).arrows;
        expect(wide.every(({ label }) => label !== undefined)).toBe(true);
        expect(wide.filter(({ arrow, label }) => label!.text === arrowLabel(arrow)).length).toBeGreaterThanOrEqual(wide.length - 2);
    });

    test('a card short of room puts its number of factors beside its name, so that it still names its KPIs', () => {
        const kpis = ['Aantal slachtoffers mensenhandel', 'Percentage slachtoffers mensenhandel dat in beeld is'];
        // Beside the editor, the overview's text is large for the picture: Centrale factoren is a small area.
        const narrow = overviewGeometry(scene.overview!, 65).cards.get('centraal')!;
        expect(narrow.countBeside).toBe(true);
        expect(narrow.items.slice(0, 2).map(item => item.text)).toEqual(kpis);
        const svg = renderSvg(scene, { palette: palettes.light, overview: { mode: 'only', fontSize: 65 } });
        expect(svg).toMatch(/>Centrale factoren<tspan class="marvel-overview-factors"[^>]*> \u00b7 6 factors<\/tspan><\/text>/);
        // With room, the count has a line of its own.
        const wide = overviewGeometry(scene.overview!, 26).cards.get('centraal')!;
        expect(wide.countBeside).toBe(false);
        expect(wide.items.map(item => item.text).slice(0, 2)).toEqual(kpis);
    });

    test('names each category at the overview\'s text size where its width allows, even where its items are smaller', () => {
        const fontSize = 40;
        const { cards } = overviewGeometry(scene.overview!, fontSize);
        const strafrechtketen = cards.get('strafrechtketen')!;
        // A wide, low area: its items shrink to name the key factors, and its name does not.
        expect(strafrechtketen.size).toBeLessThan(fontSize);
        expect(strafrechtketen.titleSize).toBe(fontSize * 1.25);
        expect(strafrechtketen.title).toEqual(['Strafrechtketen']);
        for (const card of cards.values()) {
            expect(card.titleSize, card.group.id).toBeGreaterThanOrEqual(card.size * 1.25);
        }
        const svg = renderSvg(scene, { palette: palettes.light, overview: { mode: 'only', fontSize } });
        expect(svg).toMatch(/font-size="50" font-weight="bold" fill="[^"]+">Strafrechtketen<\/text>/);
    });

    test('an exported overview explains its arrows under it in full, wrapped to the picture\'s width at any text size', () => {
        for (const fontSize of [26, 82, 200]) {
            const svg = renderSvg(scene, { palette: palettes.light, legend: true, overview: { mode: 'only', fontSize } });
            const legend = /<g class="marvel-legend marvel-overview-legend" font-size="([\d.]+)">([\s\S]*?)<\/g>/.exec(svg)!;
            const lines = [...legend[2].matchAll(/<text[^>]*>([\s\S]*?)<\/text>/g)].map(match => match[1].replace(/<[^>]+>/g, ''));
            expect(lines.join(' '), `text size ${fontSize}`).toBe('Each arrow stands for the relations from one category to another: 7: 5+ 2\u2212 is 7 relations, 5 in the same and 2 in the opposite direction.');
            const width = Number(/<svg[^>]* width="([\d.]+)"/.exec(svg)![1]);
            const height = Number(/<svg[^>]* height="([\d.]+)"/.exec(svg)![1]);
            for (const line of lines) {
                expect(textWidth(line, Number(legend[1])), `text size ${fontSize}: ${line}`).toBeLessThanOrEqual(width - 2 * diagramMetrics.margin);
            }
            const lastBaseline = Math.max(...[...legend[2].matchAll(/ y="([\d.]+)"/g)].map(match => Number(match[1])));
            expect(lastBaseline, `text size ${fontSize}`).toBeLessThan(height);
        }
    });

    test('the preview gets the overview as a layer over the full drawing', () => {
        const svg = renderSvg(scene, { palette: palettes.dark, overview: { mode: 'layer', fontSize: 40 } });
        expect(svg.match(/class="marvel-node /g)).toHaveLength(134);
        expect(svg).toContain('<g class="marvel-overview">');
        expect(renderSvg(scene, { palette: palettes.dark })).not.toContain('marvel-overview');
    });
});

test('names a factor outside every category (a KPI) at the overview\'s text size, clear of the cards, not as a speck', async () => {
    const category = (id: string): string => `category ${id} "Domein ${id}" {\n`
        + Array.from({ length: 6 }, (_, k) => `    factor ${id}${k} "Factor ${id} ${k}"\n`).join('')
        + Array.from({ length: 5 }, (_, k) => `    ${id}${k} -> +${id}${k + 1}\n`).join('') + '}\n';
    const graph = await graphOf(`${category('a')}${category('b')}kpi slachtoffers "Aantal slachtoffers" decrease\na5 -> +slachtoffers\nb5 -> -slachtoffers\n`);
    const scene = await layoutModelDiagram(graph, {}, new ELK());
    // Far out, as beside the editor on a large model: the overview's text is large for the picture.
    const fontSize = 60;
    const { cards } = overviewGeometry(scene.overview!, fontSize);
    const kpi = cards.get('slachtoffers')!;
    expect(kpi.title).toEqual(['Aantal slachtoffers']);
    expect(kpi.size).toBeGreaterThan(fontSize / 2);
    for (const id of ['a', 'b']) {
        const other = cards.get(id)!;
        const apart = kpi.x + kpi.width <= other.x || other.x + other.width <= kpi.x || kpi.y + kpi.height <= other.y || other.y + other.height <= kpi.y;
        expect(apart).toBe(true);
    }
});

test('writes a card in light text on a dark colour of the model, in the theme\'s text on a pale one', async () => {
    const graph = await graphOf('category donker "Donker" color "#6b7a2e" {\n    factor a "A"\n}\ncategory licht "Licht" color "#f4e8d8" {\n    factor b "B"\n}\na -> +b\n');
    const scene = await layoutModelDiagram(graph, {}, new ELK());
    const svg = renderSvg(scene, { palette: palettes.light, overview: { mode: 'only', fontSize: 26 } });
    const labelFill = (name: string): string | undefined => new RegExp(`class="marvel-overview-label"[^>]*fill="([^"]+)">${name}<`).exec(svg)?.[1];
    expect(labelFill('Donker')).toBe('#ffffff');
    expect(labelFill('Licht')).toBe(palettes.light.categoryText);
});

test('an arrow across the narrow gap between two stacked cards has its count beside them, a line leading to it', () => {
    const location = { uri: 'file:///m.marvel', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
    // Two wide areas one above the other, their cards touching but for a gap far lower than a line of text.
    const group = (id: string, y: number): OverviewScene['groups'][number] => ({
        id, kind: 'category', label: `Domein ${id}`, factorCount: 500, kpis: [], keyFactors: Array.from({ length: 20 }, (_, k) => `Factor ${id}.${k}`), interventions: [], location,
        x: 0, y, width: 2400, height: 600
    });
    const overview: OverviewScene = {
        groups: [group('a', 0), group('b', 604)],
        arrows: [
            { source: 'a', target: 'b', relations: Array.from({ length: 207 }, (_, k) => k), signs: { '+': 124, '-': 75, '?': 8 } },
            { source: 'b', target: 'a', relations: Array.from({ length: 214 }, (_, k) => 207 + k), signs: { '+': 132, '-': 68, '?': 14 } }
        ]
    };
    const { cards, arrows } = overviewGeometry(overview, 60);
    for (const { arrow, label } of arrows) {
        expect(label?.text, `${arrow.source} → ${arrow.target}`).toBe(arrowLabel(arrow));
        expect([...cards.values()].some(card => label!.x < card.x + card.width && card.x < label!.x + label!.width && label!.y < card.y + card.height && card.y < label!.y + label!.height)).toBe(false);
        expect(label!.leaderFrom).toBeDefined();
    }
});

test('arrow labels read "count: signs", leaving out signs that do not occur', () => {
    expect(arrowLabel({ relations: [1, 2, 3, 4, 5, 6, 7], signs: { '+': 5, '-': 2, '?': 0 } })).toBe('7: 5+ 2\u2212');
    expect(arrowLabel({ relations: [1, 2], signs: { '+': 0, '-': 1, '?': 1 } })).toBe('2: 1\u2212 1?');
    // Short where the full count has no room: the sign where there is one, else the number alone.
    expect(shortArrowLabel({ relations: [1, 2, 3], signs: { '+': 3, '-': 0, '?': 0 } })).toBe('3+');
    expect(shortArrowLabel({ relations: [1, 2, 3, 4, 5, 6, 7], signs: { '+': 5, '-': 2, '?': 0 } })).toBe('7');
});

describe('category view', () => {
    const model = `category a "Alpha" {
    factor a1 "Eerste"
    factor a2 "Tweede"
    a1 -> +a2
}
category b "Beta" {
    factor b1 "Buiten"
}
factor los "Los"
a1 -> -b1
b1 -> +a2, ?a1
los -> +a1
`;

    test('draws a stub for each relation to or from another category, naming the factor there and its category', async () => {
        const graph = await graphOf(model);
        const scene = await layoutModelDiagram(graph, { category: 'a' }, new ELK());
        expect(scene.overview).toBeUndefined();
        const stubs = scene.stubs!.map(s => `${s.direction} ${s.factor} ${s.sign} ${s.other} ${s.otherCategory ?? '-'}`).sort();
        expect(stubs).toEqual(['in a1 + los -', 'in a1 ? b1 b', 'in a2 + b1 b', 'out a1 - b1 b']);
        const outgoing = scene.stubs!.find(s => s.direction === 'out')!;
        expect(outgoing).toMatchObject({ otherLabel: 'Buiten', otherCategoryLabel: 'Beta' });
        // Stubs run from their label's border to their factor's (or back), and their labels lie beside the category, inside the picture.
        const area = scene.categories.find(c => c.id === 'a')!;
        const onBorder = (point: { x: number; y: number }, box: { x: number; y: number; width: number; height: number }): boolean => {
            const within = (value: number, from: number, to: number): boolean => value >= from - 0.5 && value <= to + 0.5;
            const near = (a: number, b: number): boolean => Math.abs(a - b) < 0.5;
            return (within(point.y, box.y, box.y + box.height) && (near(point.x, box.x) || near(point.x, box.x + box.width)))
                || (within(point.x, box.x, box.x + box.width) && (near(point.y, box.y) || near(point.y, box.y + box.height)));
        };
        for (const stub of scene.stubs!) {
            const factor = scene.nodes.find(n => n.id === stub.factor)!;
            const [atFactor, atLabel] = stub.direction === 'out' ? [stub.points[0], stub.points.at(-1)!] : [stub.points.at(-1)!, stub.points[0]];
            expect(onBorder(atFactor, factor), stub.other).toBe(true);
            expect(onBorder(atLabel, stub.label), stub.other).toBe(true);
            expect(stub.direction === 'out' ? stub.label.x >= area.x + area.width : stub.label.x + stub.label.width <= area.x, stub.other).toBe(true);
            expect(stub.label.x >= 0 && stub.label.x + stub.label.width <= scene.width && stub.label.y + stub.label.height <= scene.height).toBe(true);
        }
        const svg = renderSvg(scene, { palette: palettes.light });
        expect(svg.match(/<g class="marvel-stub /g)).toHaveLength(4);
        expect(svg).toMatch(/<g class="marvel-stub sign-negative" data-relation="\d+" data-factor="a1" data-other="b1" data-other-category="b">[\s\S]*?→ Buiten<\/text>[\s\S]*?in Beta<\/text>/);
        expect(svg).toMatch(/data-factor="a1" data-other="los">[\s\S]*?← Los<\/text>[\s\S]*?outside the categories<\/text>/);
    });

    test('routes every stub around the boxes: on each category of the seed example none passes under a box that is not its factor, and few cross', async () => {
        const seed = await seedPreviewModel();
        const crossings = new Map<string, number>();
        for (const category of seed.graph.categories.filter(c => c.parent === undefined)) {
            const scene = (await seed.diagram(1, { category: category.id })).scene!;
            const drawn = scene.stubs!.map(stub => ({ source: stub.direction === 'out' ? stub.factor : 'label', target: stub.direction === 'out' ? 'label' : stub.factor, points: stub.points }));
            // Drawn level from the column to the factor, 8 to 21 stubs of each category ran under the boxes of the layers before their factor.
            expect(relationsUnderBoxes(drawn, scene.nodes).relations, category.id).toBe(0);
            expect(relationsUnderBoxes(drawn, scene.stubs!.map((stub, k) => ({ ...stub.label, id: `label ${k}` }))).relations, category.id).toBe(0);
            expect(sharedStretchPairs(drawn), category.id).toBeLessThanOrEqual(3);
            // A factor elsewhere has one label on each side, shared by its stubs: listed twice, it read as two factors.
            const labels = new Map(scene.stubs!.map(stub => [`${stub.direction} ${stub.other}`, `${stub.label.x},${stub.label.y}`]));
            expect(new Set(scene.stubs!.map(stub => `${stub.label.x},${stub.label.y}`)).size, category.id).toBe(labels.size);
            const svg = renderSvg(scene, { palette: palettes.light });
            expect(svg.match(/<rect class="marvel-stub-hit"/g), category.id).toHaveLength(labels.size);
            crossings.set(category.id, crossingPairs(drawn));
        }
        // Labels stacked by their factors' height, not by where their stubs enter the category: 27 pairs of Strafrechtketen's stubs crossed, 129 in all.
        expect(crossings.get('strafrechtketen')).toBeLessThanOrEqual(17);
        expect([...crossings.values()].reduce((sum, count) => sum + count, 0)).toBeLessThanOrEqual(112);
    });

    test('has no stubs when nothing crosses its border, and other views have none', async () => {
        const graph = await graphOf(model);
        expect((await layoutModelDiagram(graph, { category: 'a', focus: { factor: 'a1', up: 1, down: 1 } }, new ELK())).stubs).toBeUndefined();
        const alone = await graphOf('category a "A" {\n    factor x "X"\n    factor y "Y"\n    x -> +y\n}\n');
        expect((await layoutModelDiagram(alone, { category: 'a' }, new ELK())).stubs).toBeUndefined();
    });
});

test('shows markup in category names and factor labels in the overview and in stubs as text', async () => {
    const graph = await graphOf(`category a "<img src=x onerror=alert(1)>" {
    kpi k "<script>alert(1)</script>" increase
}
category b "B&amp;" {
    factor f "<b>F</b>"
}
f -> +k
`);
    const overview = renderSvg(await layoutModelDiagram(graph, {}, new ELK()), { palette: palettes.light, overview: { mode: 'only', fontSize: 20 } });
    const stubs = renderSvg(await layoutModelDiagram(graph, { category: 'a' }, new ELK()), { palette: palettes.light });
    for (const svg of [overview, stubs]) {
        expect(svg).not.toMatch(/<img|<script|<b>/);
    }
    expect(overview).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(overview).toContain('&lt;script&gt;');
    expect(stubs).toContain('&lt;b&gt;F&lt;/b&gt;');
    expect(stubs).toContain('in B&amp;amp;');
});

describe('marvel render --overview', () => {
    let work: string;

    beforeAll(() => {
        work = mkdtempSync(path.join(tmpdir(), 'marvel-overview-'));
    });

    afterAll(() => {
        rmSync(work, { recursive: true, force: true });
    });

    const run = (...args: string[]) => runMarvel(['render', path.join(seedFolder, 'mensenhandel.marvel'), ...args]);

    test('draws the full view by default and the overview when asked', async () => {
        const full = path.join(work, 'full.svg');
        const overview = path.join(work, 'overview.svg');
        expect((await run('-o', full)).stdout).toBe(`${full}: 134 factors, 221 relations\n`);
        const overviewRun = await run('-o', overview, '--overview');
        expect(overviewRun.status).toBe(0);
        expect(overviewRun.stdout).toBe(`${overview}: 7 categories, 34 arrows for 77 relations between them\n`);
        expect(readFileSync(full, 'utf8')).not.toContain('marvel-overview');
        const svg = readFileSync(overview, 'utf8');
        expect(svg.match(/<g class="marvel-overview-arrow"/g)).toHaveLength(34);
        expect(svg).not.toContain('class="marvel-node');
        expect(svg).toContain('class="marvel-legend marvel-overview-legend"');
    });

    test('draws an overview PNG at the size its text reads at, twice a 1,600 by 1,000 window, however large the model', async () => {
        const png = path.join(work, 'overview.png');
        expect((await run('-o', png, '--overview')).status).toBe(0);
        const bytes = readFileSync(png);
        const [width, height] = [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
        expect(Math.max(width / 3200, height / 2000)).toBeGreaterThan(0.9);
        expect(width).toBeLessThanOrEqual(3200);
        expect(height).toBeLessThanOrEqual(2000);
    });

    test('says so when a model has no categories to draw an overview of', async () => {
        writeFileSync(path.join(work, 'flat.marvel'), 'factor a "A"\nfactor b "B"\na -> +b\n');
        const result = await runMarvel(['render', path.join(work, 'flat.marvel'), '-o', path.join(work, 'flat.svg'), '--overview']);
        expect(result.status).toBe(2);
        expect(result.stderr).toBe('marvel: --overview needs a model with categories: this one has none\n');
    });

    test('refuses --overview with a view of part of the model, as a usage error', async () => {
        for (const extra of [['--category', 'beleid'], ['--trace', 'pilotGemeente'], ['--focus', 'pakkans']]) {
            const result = await run('-o', path.join(work, 'x.svg'), '--overview', ...extra);
            expect(result.status, extra.join(' ')).toBe(2);
            expect(result.stderr).toContain('--overview draws the whole model');
            expect(result.stderr).not.toMatch(/\n\s+at /);
        }
    });
});
