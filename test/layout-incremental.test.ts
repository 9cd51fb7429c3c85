import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { describe, expect, test } from 'vitest';
import { layoutDiagram } from '../language/diagram/diagram-layout.js';
import type { DiagramScene } from '../language/diagram/diagram-scene.js';
import { drawnRelation, relationsUnderBoxes } from '../language/diagram/drawing-quality.js';
import { CachingElkLayouter } from '../language/diagram/layout-cache.js';
import { RouteMemory } from '../language/diagram/orthogonal-router.js';
import type { ElkLayouter } from '../language/diagram/part-packing.js';
import { isKeptPacking, PackingMemory } from '../language/diagram/part-packing.js';
import type { DiagramPlacer, PlacementRequest } from '../language/diagram/placement.js';
import { LocalPlacer, previewMemory } from '../language/diagram/placement.js';
import { DiagramService, headStartFactorLimit } from '../server/diagram/diagram-service.js';
import { seedPreviewModel } from './support/preview-diagrams.js';
import type { DiagramView } from '../language/diagram/diagram-view.js';
import { layoutModelDiagram } from '../language/diagram/model-diagram.js';
import { lightingOf } from '../language/diagram/trace-lighting.js';
import { createWorkspace, graphOf } from './support/workspace.js';

const model = `
category a "Alpha" {
    factor a1 "Eerste"
    factor a2 "Tweede"
    factor a3 "Derde"
    a1 -> +a2, +a3
}
category b "Beta" {
    factor b1 "Vierde"
    factor b2 "Vijfde"
    b1 -> -b2
}
category c "Gamma" {
    factor c1 "Zesde"
    factor c2 "Zevende"
    c1 -> +c2
}
a3 -> +b1
`;

/** ELK, counting the graphs it is given: one per category laid out. */
class CountingLayouter implements ElkLayouter {
    readonly laidOut: string[] = [];
    private readonly elk = new ELK();

    layout(graph: ElkNode): Promise<ElkNode> {
        this.laidOut.push(graph.id);
        return this.elk.layout(graph);
    }
}

function centres(scene: DiagramScene): Map<string, string> {
    return new Map(scene.nodes.map(node => [node.id, `${node.x + node.width / 2},${node.y + node.height / 2}`]));
}

describe('incremental layout', () => {
    test('an edit inside one category lays out only that category again; the others stay where they were', async () => {
        const elk = new CountingLayouter();
        const layouter = new CachingElkLayouter(elk);
        const before = await layoutDiagram(await graphOf(model), layouter);
        expect(elk.laidOut.sort()).toEqual(['c:a', 'c:b', 'c:c']);
        elk.laidOut.length = 0;
        const after = await layoutDiagram(await graphOf(model.replace('c1 -> +c2', 'c1 -> +c2\n    c2 -> -c1')), layouter);
        expect(elk.laidOut).toEqual(['c:c']);
        const moved = [...centres(after)].filter(([id, centre]) => !id.startsWith('c') && centres(before).get(id) !== centre);
        expect(moved).toEqual([]);
    });

    test('an edit inside a sub-category lays out only that sub-category again while it keeps its size on the grid', async () => {
        const nested = `
category p "Parent" {
    factor p1 "Los"
    category s1 "Een" {
        factor s1a "Eerste"
        factor s1b "Tweede"
        s1a -> +s1b
    }
    category s2 "Twee" {
        factor s2a "Derde"
        factor s2b "Vierde"
        s2a -> -s2b
    }
    p1 -> +s1a
    s1b -> +s2a
}
`;
        const elk = new CountingLayouter();
        const layouter = new CachingElkLayouter(elk);
        const before = await layoutDiagram(await graphOf(nested), layouter);
        expect(elk.laidOut.sort()).toEqual(['c:p', 'c:s1', 'c:s2']);
        elk.laidOut.length = 0;
        const after = await layoutDiagram(await graphOf(nested.replace('s1a -> +s1b', 's1b -> +s1a')), layouter);
        expect(elk.laidOut).toEqual(['c:s1']);
        const moved = [...centres(after)].filter(([id, centre]) => !id.startsWith('s1') && centres(before).get(id) !== centre);
        expect(moved).toEqual([]);
    });

    test('a relation added between categories is routed without laying out or moving any factor', async () => {
        const elk = new CountingLayouter();
        const layouter = new CachingElkLayouter(elk);
        const before = await layoutDiagram(await graphOf(model), layouter);
        elk.laidOut.length = 0;
        const after = await layoutDiagram(await graphOf(`${model}\nc2 -> -a1\n`), layouter);
        expect(elk.laidOut).toEqual([]);
        expect(centres(after)).toEqual(centres(before));
        const added = after.edges.find(edge => edge.source === 'c2' && edge.target === 'a1');
        expect(added?.betweenCategories).toBe(true);
    });

    test('an edit inside one category that keeps its area routes again only the relations to and from it', async () => {
        const related = `${model}\na1 -> +c1\nb2 -> -c2\nc2 -> +a2\na2 -> -b2\n`;
        const layouter = new CachingElkLayouter(new ELK());
        const routes = new RouteMemory();
        const before = await layoutDiagram(await graphOf(related), layouter, { routes });
        const edited = await graphOf(related.replace('c1 -> +c2', 'c2 -> +c1'));
        const after = await layoutDiagram(edited, layouter, { routes });
        const area = (scene: DiagramScene) => scene.categories.filter(category => category.id === 'c').map(({ x, y, width, height }) => ({ x, y, width, height }));
        expect(area(after)).toEqual(area(before));
        const between = (scene: DiagramScene) => new Map(scene.edges.filter(edge => edge.betweenCategories).map(edge => [`${edge.source}>${edge.target}`, edge.points]));
        const touchingC = (key: string) => /(^|>)c\d/.test(key);
        const kept = [...between(before)].filter(([key]) => !touchingC(key));
        expect(kept.length).toBeGreaterThan(0);
        // The way between is kept, bend for bend: only an end may move along its side, set apart from a changed route ending
        // there (route-ends.ts), and a stretch it shares with a changed route be set apart from it anew, within its gap (route-separation.ts).
        const wayBetween = (points: readonly { x: number; y: number }[] | undefined) => points?.slice(2, -2) ?? [];
        for (const [key, points] of kept) {
            const way = wayBetween(between(after).get(key));
            expect(way.length).toBe(wayBetween(points).length);
            wayBetween(points).forEach((point, k) => expect(Math.max(Math.abs(way[k].x - point.x), Math.abs(way[k].y - point.y))).toBeLessThanOrEqual(12));
        }
        expect(routes.routedInLastLayout).toBe([...between(after).keys()].filter(touchingC).length);
        // The boxes of c moved: each route to or from one still starts and ends on the borders of its boxes as they are now.
        const nodes = new Map(after.nodes.map(node => [node.id, node]));
        const onBorder = (id: string, point: { x: number; y: number }) => {
            const box = nodes.get(id)!;
            const inside = point.x >= box.x && point.x <= box.x + box.width && point.y >= box.y && point.y <= box.y + box.height;
            return inside && (point.x === box.x || point.x === box.x + box.width || point.y === box.y || point.y === box.y + box.height);
        };
        const moved = after.edges.filter(edge => edge.betweenCategories && touchingC(`${edge.source}>${edge.target}`));
        expect(moved.length).toBeGreaterThan(0);
        for (const edge of moved) {
            expect(onBorder(edge.source, edge.points[0]) && onBorder(edge.target, edge.points[edge.points.length - 1])).toBe(true);
        }
        expect(moved.some(edge => JSON.stringify(edge.points) !== JSON.stringify(before.edges.find(old => old.relation === edge.relation)?.points))).toBe(true);
    });

    test('cached layouts and routes give the same scene as a fresh layout, also after an edit', async () => {
        const layouter = new CachingElkLayouter(new ELK());
        const routes = new RouteMemory();
        await layoutDiagram(await graphOf(model), layouter, { routes });
        const edited = await graphOf(`${model}\nc2 -> -a1\nb2 -> +c1\n`);
        expect(JSON.stringify(await layoutDiagram(edited, layouter, { routes }))).toBe(JSON.stringify(await layoutDiagram(edited, new ELK())));
    });
});

describe('the memory of earlier category layouts', () => {
    /** p's own chain, and the sub-category s with three factors and `sub` in it; `ends` joins them. */
    const withSub = (sub: string, ends: string) => `
category p "Parent" {
    factor p1 "Begin"
    factor p2 "Midden"
    factor p3 "Verder"
    factor p4 "Einde"
    category s "Sub" {
        factor s1 "Eerste"
        factor s2 "Tweede"
        factor s3 "Derde"
        ${sub}
    }
    p1 -> +p2
    p2 -> +p3
    p3 -> +p4
    ${ends}
}
`;
    /** s sits at the end of p's chain: when it grows, it has room. */
    const atEnd = 'p3 -> +s1\n    p1 -> +p4';
    /** s sits between p1 and p4: when it grows, it runs into them. */
    const inMiddle = 'p1 -> +s1\n    s3 -> +p4';
    const moved = (before: DiagramScene, after: DiagramScene) => [...centres(after)].filter(([id, centre]) => centres(before).get(id) !== centre).map(([id]) => id);
    const box = (scene: DiagramScene, id: string) => scene.categories.find(category => category.id === id)!;
    const onBorder = (box: DiagramScene['nodes'][number], point: { x: number; y: number }) =>
        point.x >= box.x && point.x <= box.x + box.width && point.y >= box.y && point.y <= box.y + box.height
        && (point.x === box.x || point.x === box.x + box.width || point.y === box.y || point.y === box.y + box.height);

    test('a relation added inside a category moves no factor: the kept layout routes it around the boxes', async () => {
        const memory = previewMemory();
        const before = await layoutDiagram(await graphOf(withSub('', inMiddle)), new ELK(), memory);
        // Empty, the memory changes nothing: a first preview is the picture `marvel render` draws.
        expect(JSON.stringify(before)).toBe(JSON.stringify(await layoutDiagram(await graphOf(withSub('', inMiddle)), new ELK())));
        const edited = await graphOf(withSub('', `${inMiddle}\n    p4 -> -p2`));
        const after = await layoutDiagram(edited, new ELK(), memory);
        expect(moved(before, after)).toEqual([]);
        // Laid out afresh, ELK moves factors of p for the new arrow.
        expect(moved(before, await layoutDiagram(edited, new ELK())).length).toBeGreaterThan(0);
        const added = after.edges.find(edge => edge.source === 'p4' && edge.target === 'p2')!;
        expect(added.curved).toBe(false);
        // Drawn as the other relations inside p, not lighter as those between categories.
        expect(added.betweenCategories).toBeUndefined();
        const nodes = new Map(after.nodes.map(node => [node.id, node]));
        expect(onBorder(nodes.get('p4')!, added.points[0]) && onBorder(nodes.get('p2')!, added.points[added.points.length - 1])).toBe(true);
        const parent = box(after, 'p');
        expect(added.points.every(point => point.x >= parent.x && point.x <= parent.x + parent.width && point.y >= parent.y && point.y <= parent.y + parent.height)).toBe(true);
        expect(relationsUnderBoxes(after.edges.map(drawnRelation), after.nodes).relations).toBe(0);
        // Undone, the edit gives the first picture back.
        expect(JSON.stringify(await layoutDiagram(await graphOf(withSub('', inMiddle)), new ELK(), memory))).toBe(JSON.stringify(before));
    });

    test('a category around a sub-category that an edit made larger keeps its layout: only the sub-category\'s own factors move', async () => {
        const memory = previewMemory();
        const before = await layoutDiagram(await graphOf(withSub('', atEnd)), new ELK(), memory);
        // A new factor in s: ELK lays s out again, larger.
        const edited = await graphOf(withSub('factor s4 "Vierde"\n        s1 -> +s2', atEnd));
        const after = await layoutDiagram(edited, new ELK(), memory);
        expect(box(after, 's').width * box(after, 's').height).toBeGreaterThan(box(before, 's').width * box(before, 's').height);
        expect(moved(before, after).filter(id => !id.startsWith('s'))).toEqual([]);
        // Laid out afresh, ELK moves every factor of p for the larger box.
        expect(moved(before, await layoutDiagram(edited, new ELK()))).toEqual(expect.arrayContaining(['p1', 'p2', 'p3', 'p4']));
        const sub = box(after, 's');
        const clear = after.nodes.filter(node => node.category === 'p')
            .every(node => node.x + node.width <= sub.x || sub.x + sub.width <= node.x || node.y + node.height <= sub.y || sub.y + sub.height <= node.y);
        expect(clear).toBe(true);
        expect(relationsUnderBoxes(after.edges.map(drawnRelation), after.nodes).relations).toBe(0);
    });

    test('when the larger sub-category has no room where it was, its category is laid out afresh', async () => {
        const memory = previewMemory();
        const before = await layoutDiagram(await graphOf(withSub('', inMiddle)), new ELK(), memory);
        const edited = await graphOf(withSub('factor s4 "Vierde"\n        s1 -> +s2\n        s2 -> +s3\n        s3 -> +s4', inMiddle));
        const after = await layoutDiagram(edited, new ELK(), memory);
        expect(JSON.stringify(after)).toBe(JSON.stringify(await layoutDiagram(edited, new ELK())));
        expect(moved(before, after)).toEqual(expect.arrayContaining(['p4']));
    });

    test('past eight relations added to a category, it is laid out afresh with all of them', async () => {
        const memory = previewMemory();
        const before = await layoutDiagram(await graphOf(withSub('', inMiddle)), new ELK(), memory);
        const added = (count: number) => ['p2 -> +p1', 'p3 -> +p1', 'p4 -> +p1', 'p3 -> -p2', 'p4 -> -p2', 'p4 -> -p3', 'p1 -> +p3', 'p1 -> -p4', 'p2 -> +p4'].slice(0, count).join('\n    ');
        const eight = await layoutDiagram(await graphOf(withSub('', `${inMiddle}\n    ${added(8)}`)), new ELK(), memory);
        expect(moved(before, eight)).toEqual([]);
        const nine = await graphOf(withSub('', `${inMiddle}\n    ${added(9)}`));
        expect(JSON.stringify(await layoutDiagram(nine, new ELK(), memory))).toBe(JSON.stringify(await layoutDiagram(nine, new ELK())));
    });
});

describe('the preview in the language server', () => {
    test('a part of the model with factors in every category (a trace drawn alone) is packed on its own, not at the whole model\'s places', async () => {
        const seed = await seedPreviewModel();
        const lit = [...lightingOf(seed.trace('pilotGemeente'), { kind: 'all' }).nodes];
        const alone: DiagramView = { factors: lit };
        expect(new Set(lit.map(id => seed.graph.factor(id)!.category && seed.graph.categoryPath(seed.graph.factor(id)!.category!)[0].id)).size).toBe(seed.graph.categories.filter(c => c.parent === undefined).length);
        const preview = new LocalPlacer(new ELK(), previewMemory());
        const whole = await layoutModelDiagram(seed.graph, {}, preview);
        const afterWhole = await layoutModelDiagram(seed.graph, alone, preview);
        const fresh = await layoutModelDiagram(seed.graph, alone, new LocalPlacer(new ELK()));
        expect({ width: afterWhole.width, height: afterWhole.height }).toEqual({ width: fresh.width, height: fresh.height });
        expect(afterWhole.width * afterWhole.height).toBeLessThan(whole.width * whole.height / 2);
        // And back: the whole model where it was.
        expect(JSON.stringify(await layoutModelDiagram(seed.graph, {}, preview))).toBe(JSON.stringify(whole));
    });

    test('hands the whole placement, routes between categories included, to its placer: the layout worker', async () => {
        const workspace = await createWorkspace({ 'model.marvel': model });
        await workspace.services.shared.workspace.WorkspaceManager.initialized({});
        const requests: PlacementRequest[] = [];
        const local = new LocalPlacer(new ELK());
        const placer: DiagramPlacer = {
            place: request => {
                requests.push(request);
                return local.place(request);
            }
        };
        const diagrams = new DiagramService(workspace.services.shared, workspace.services, placer);
        const diagram = await diagrams.diagram({ uri: workspace.documents['model.marvel'].uri.toString(), view: {} });
        expect(requests).toHaveLength(1);
        // a3 -> +b1 joins two categories: no ELK edge carries it, the placer routes it.
        expect(requests[0].relations.filter(relation => relation.edge === undefined)).toEqual([{ source: 'f:a3', target: 'f:b1', edge: undefined }]);
        expect(diagram.scene?.edges.filter(edge => edge.betweenCategories).map(edge => `${edge.source}>${edge.target}`)).toEqual(['a3>b1']);
    });

    test('a file opened before any preview gets a head start: its model is laid out once, and the first preview finds every category laid out', async () => {
        const workspace = await createWorkspace({ 'model.marvel': 'category a "A" {\n  factor a1 "A 1"\n  factor a2 "A 2"\n  a1 -> +a2\n}\ncategory b "B" {\n  factor b1 "B 1"\n}\na2 -> -b1\n' });
        await workspace.services.shared.workspace.WorkspaceManager.initialized({});
        const elkCalls: string[] = [];
        const elk = new ELK();
        const counting: ElkLayouter = { layout: graph => (elkCalls.push(graph.id), elk.layout(graph)) };
        const diagrams = new DiagramService(workspace.services.shared, workspace.services, new LocalPlacer(new CachingElkLayouter(counting), previewMemory()));
        const uri = workspace.documents['model.marvel'].uri.toString();
        await diagrams.headStart(uri);
        expect(elkCalls.sort()).toEqual(['c:a', 'c:b']);
        await diagrams.headStart(uri);
        const diagram = await diagrams.diagram({ uri, view: {}, aspectRatio: 0.8 });
        expect(elkCalls).toHaveLength(2);
        expect(diagram.scene?.nodes.map(node => node.id).sort()).toEqual(['a1', 'a2', 'b1']);
    });

    test('no head start once a preview asked, nor for a model above the limit', async () => {
        const large = Array.from({ length: headStartFactorLimit + 1 }, (_, k) => `factor f${k} "F ${k}"`).join('\n');
        const workspace = await createWorkspace({ 'small.marvel': 'factor a "A"\n', 'large.marvel': large });
        await workspace.services.shared.workspace.WorkspaceManager.initialized({});
        const requests: PlacementRequest[] = [];
        const local = new LocalPlacer(new ELK());
        const recording: DiagramPlacer = { place: request => (requests.push(request), local.place(request)) };
        const fresh = (): DiagramService => new DiagramService(workspace.services.shared, workspace.services, recording);
        await fresh().headStart(workspace.documents['large.marvel'].uri.toString());
        expect(requests).toHaveLength(0);
        const asked = fresh();
        await asked.diagram({ uri: workspace.documents['small.marvel'].uri.toString(), view: {} });
        await asked.headStart(workspace.documents['small.marvel'].uri.toString());
        expect(requests).toHaveLength(1);
    });
});

describe('packing to the panel', () => {
    /** The named categories of 3, 5 or 7 factors in turn, each with one relation inside. */
    const modelOf = (categories: readonly string[]): string => categories.map((name, k) => {
        const factors = Array.from({ length: 3 + (k % 3) * 2 }, (_, i) => `    factor ${name}${i} "Factor ${name} ${i}"`);
        return `category ${name} "Category ${name}" {\n${factors.join('\n')}\n    ${name}0 -> +${name}1\n}`;
    }).join('\n');

    test('a category that grows by a grid cell fills the room left for it: nothing moves', async () => {
        const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
        const modelWith = (longer: string) => names.map((name, k) => {
            const factors = Array.from({ length: 3 + (k % 3) * 2 }, (_, i) => `    factor ${name}${i} "Factor ${name} ${i}${name === 'b' && i === 0 ? longer : ''}"`);
            return `category ${name} "Category ${name}" {\n${factors.join('\n')}\n    ${name}0 -> +${name}1\n}`;
        }).join('\n');
        const packing = new PackingMemory();
        const before = await layoutDiagram(await graphOf(modelWith('')), new ELK(), { packing });
        const after = await layoutDiagram(await graphOf(modelWith(' and more')), new ELK(), { packing });
        const box = (scene: DiagramScene, id: string) => scene.categories.find(category => category.id === id)!;
        // b has c right beside it.
        expect(box(after, 'b').width - box(before, 'b').width).toBe(60);
        expect(box(after, 'b').height).toBe(box(before, 'b').height);
        const moved = names.filter(id => box(after, id).x !== box(before, id).x || box(after, id).y !== box(before, id).y);
        expect(moved).toEqual([]);
    });

    test('when a category grows into another, it keeps its place and what lies beyond it moves away as far as it grew', async () => {
        const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
        const modelWith = (grownBy: number) => names.map((name, k) => {
            const count = 3 + (k % 3) * 2 + (name === 'c' ? grownBy : 0);
            const factors = Array.from({ length: count }, (_, i) => `    factor ${name}${i} "Factor ${name} ${i}"`);
            return `category ${name} "Category ${name}" {\n${factors.join('\n')}\n    ${name}0 -> +${name}1\n}`;
        }).join('\n');
        const packing = new PackingMemory();
        const before = await layoutDiagram(await graphOf(modelWith(0)), new ELK(), { packing });
        const after = await layoutDiagram(await graphOf(modelWith(4)), new ELK(), { packing });
        const place = (scene: DiagramScene, id: string) => scene.categories.find(category => category.id === id)!;
        expect(place(after, 'c').height).toBeGreaterThan(place(before, 'c').height);
        const grown = place(after, 'c').height - place(before, 'c').height;
        // f stood right under c: c no longer fits where it was. It went to the nearest free place, as far away as that was.
        expect(place(after, 'c')).toMatchObject({ x: place(before, 'c').x, y: place(before, 'c').y });
        const moved = names.filter(id => place(after, id).x !== place(before, id).x || place(after, id).y !== place(before, id).y);
        expect(moved.length).toBeGreaterThan(0);
        for (const id of moved) {
            expect(place(after, id).x, id).toBe(place(before, id).x);
            expect(place(after, id).y - place(before, id).y, id).toBe(grown);
            expect(place(before, id).y, id).toBeGreaterThanOrEqual(place(before, 'c').y + place(before, 'c').height);
        }
        for (const [k, one] of after.categories.entries()) {
            for (const other of after.categories.slice(k + 1)) {
                const apart = one.x + one.width <= other.x || other.x + other.width <= one.x || one.y + one.height <= other.y || other.y + other.height <= one.y;
                expect(apart).toBe(true);
            }
        }
    });

    test('a category just written goes beside the one declared before it, and the others keep their places', async () => {
        const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
        const packing = new PackingMemory();
        const before = await layoutDiagram(await graphOf(modelOf(names)), new ELK(), { packing });
        const added = await layoutDiagram(await graphOf(modelOf([...names, 'h'])), new ELK(), { packing });
        const place = (scene: DiagramScene, id: string) => scene.categories.find(category => category.id === id)!;
        const moved = (from: DiagramScene, to: DiagramScene, ids: readonly string[]) => ids.filter(id => place(to, id).x !== place(from, id).x || place(to, id).y !== place(from, id).y);
        expect(moved(before, added, names)).toEqual([]);
        for (const [k, one] of added.categories.entries()) {
            for (const other of added.categories.slice(k + 1)) {
                expect(one.x + one.width <= other.x || other.x + other.width <= one.x || one.y + one.height <= other.y || other.y + other.height <= one.y).toBe(true);
            }
        }
    });

    test('a packing recalled after a window reload packs the model as before, not anew, also after the head start; one of another model is not used', async () => {
        const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
        const edited = await graphOf(modelOf([...names, 'h']));
        // During the session the new category went beside the one before it; packed anew, the categories stand elsewhere.
        const session = new PackingMemory();
        await layoutDiagram(await graphOf(modelOf(names)), new ELK(), { packing: session });
        const beforeReload = await layoutDiagram(edited, new ELK(), { packing: session });
        const places = (scene: DiagramScene) => scene.categories.map(category => `${category.id} ${category.x},${category.y}`);
        const anew = await layoutDiagram(edited, new ELK(), { packing: new PackingMemory() });
        expect(places(anew)).not.toEqual(places(beforeReload));
        const afterReload = await layoutDiagram(edited, new ELK(), { packing: new PackingMemory(), recalled: beforeReload.packing });
        expect(places(afterReload)).toEqual(places(beforeReload));
        // The server's head start packs a model anew when its file opens, before the preview asks with its packing.
        const headStarted = new PackingMemory();
        await layoutDiagram(edited, new ELK(), { packing: headStarted });
        expect(places(await layoutDiagram(edited, new ELK(), { packing: headStarted, recalled: beforeReload.packing }))).toEqual(places(beforeReload));
        const otherModel = await layoutDiagram(await graphOf(modelOf(['p', 'q', 'r'])), new ELK(), { packing: new PackingMemory() });
        const notUsed = await layoutDiagram(edited, new ELK(), { packing: new PackingMemory(), recalled: otherModel.packing });
        expect(places(notUsed)).toEqual(places(anew));
    });

    test('a packing from a webview\'s saved state is used only when it is one', () => {
        const packing = { parts: [{ id: 'c:a', x: 44, y: 44, width: 300, height: 200 }], width: 388, height: 288 };
        expect(isKeptPacking(packing)).toBe(true);
        for (const tampered of [undefined, null, 'packing', { ...packing, width: Number.NaN }, { ...packing, parts: 'c:a' }, { ...packing, parts: [{ id: 7, x: 0, y: 0, width: 1, height: 1 }] }, { ...packing, parts: [{ id: 'c:a', x: -1, y: 0, width: 1, height: 1 }] }, { ...packing, height: 1e12 }]) {
            expect(isKeptPacking(tampered), JSON.stringify(tampered)).toBe(false);
        }
    });

    test.each([1, 1.6, 2.4])('the seed example fits an aspect ratio of %f within 10 %', async aspectRatio => {
        const seed = await seedPreviewModel();
        const scene = await layoutDiagram(seed.graph, new ELK(), { aspectRatio });
        expect(Math.abs(scene.width / scene.height / aspectRatio - 1)).toBeLessThan(0.1);
    }, 120_000);
});
