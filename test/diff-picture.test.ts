import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import type { DiffScope } from '../language/analysis/diff/diff-union.js';
import { diffUnion } from '../language/analysis/diff/diff-union.js';
import { diffModels } from '../language/analysis/diff/model-diff.js';
import type { SceneBox } from '../language/diagram/diagram-scene.js';
import { palettes } from '../language/diagram/diagram-style.js';
import type { DiffPicture } from '../language/diagram/diff-picture.js';
import { layoutDiffPicture } from '../language/diagram/diff-picture.js';
import { renderSvg } from '../language/diagram/svg-renderer.js';
import { graphOf } from './support/workspace.js';

const before = `kpi slachtoffers "Slachtoffers" decrease
intervention pilot "Pilot"
category strafrecht "Strafrechtketen" {
    factor aangiften "Aangiften"
    factor oud "Oude factor"
    factor pakkans "Pakkans"
}
factor daders "Daders"
factor los "Los"
factor ver "Ver weg"
pilot -> +pakkans
aangiften -> +pakkans
pakkans -> -daders
daders -> +slachtoffers
oud -> +daders
los -> +ver
ver -> +slachtoffers
`;
/** Every kind of change at once: `oud` and its relation removed, `nieuw` and its relation added, a sign flipped, a strength changed, a label changed. */
const after = before
    .replace('    factor oud "Oude factor"\n', '')
    .replace('oud -> +daders\n', 'factor nieuw "Nieuwe factor"\nnieuw -> +daders\n')
    .replace('pakkans -> -daders', 'pakkans -> +daders')
    .replace('aangiften -> +pakkans', 'aangiften -> +pakkans (strength: strong)')
    .replace('"Daders"', '"Aantal daders"');

async function picture(scope: DiffScope): Promise<{ drawn: DiffPicture; svg: string }> {
    const old = await graphOf(before);
    const current = await graphOf(after);
    const drawn = await layoutDiffPicture(diffUnion(old, current, diffModels(old, current)), scope, new ELK());
    return { drawn, svg: renderSvg(drawn.scene, { palette: palettes.light, legend: true, background: true, marks: drawn.marks }) };
}

/** The opening tag and first shape of a factor's or relation's group in the SVG. */
function group(svg: string, attribute: string): string {
    const start = svg.indexOf(`" ${attribute}`) >= 0 ? svg.lastIndexOf('<g ', svg.indexOf(`" ${attribute}`)) : -1;
    expect(start, attribute).toBeGreaterThanOrEqual(0);
    return svg.slice(start, svg.indexOf('</g>', start));
}

function inside(box: SceneBox, outer: SceneBox): boolean {
    return box.x >= outer.x && box.y >= outer.y && box.x + box.width <= outer.x + outer.width && box.y + box.height <= outer.y + outer.height;
}

describe('the diff picture', () => {
    it('lays out the union of both models: the removed factor and relation beside the added ones', async () => {
        const { drawn } = await picture('all');
        expect(drawn.scene.nodes.map(n => n.id).sort()).toEqual(['aangiften', 'daders', 'los', 'nieuw', 'oud', 'pakkans', 'pilot', 'slachtoffers', 'ver']);
        const edges = drawn.scene.edges.map(e => `${e.source}>${e.target}`);
        expect(edges).toContain('oud>daders');
        expect(edges).toContain('nieuw>daders');
    });

    it('colours each kind of change and dashes what was removed, fading the rest', async () => {
        const { svg, drawn } = await picture('all');
        const relation = (source: string, target: string): string => group(svg, `data-relation="${drawn.scene.edges.find(e => e.source === source && e.target === target)!.relation}"`);
        expect(group(svg, 'data-id="oud"')).toMatch(/class="marvel-node role-factor mark-removed"[^>]*>.*stroke="#cf222e" stroke-width="3" stroke-dasharray="6 4"/s);
        expect(group(svg, 'data-id="nieuw"')).toMatch(/mark-added".*stroke="#1a7f37" stroke-width="3"\/>/s);
        expect(group(svg, 'data-id="daders"')).toMatch(/mark-changed".*<title>Aantal daders\nfactor\nchanged: label &#39;Daders&#39; → &#39;Aantal daders&#39;<\/title>.*stroke="#bf8700"/s);
        expect(relation('oud', 'daders')).toMatch(/mark-removed".*stroke="#cf222e" stroke-width="[\d.]+" stroke-dasharray="5 4" marker-end="url\(#marvel-arrow-mark-removed\)"/s);
        expect(relation('nieuw', 'daders')).toMatch(/mark-added".*stroke="#1a7f37"/s);
        expect(relation('pakkans', 'daders')).toMatch(/changed: sign - → \+<\/title>.*stroke="#bf8700"/s);
        expect(relation('aangiften', 'pakkans')).toMatch(/changed: strength average → strong<\/title>/s);
        // A picture has no tooltips: what changed on a relation is written beside its sign.
        const detail = (source: string, target: string): string | undefined => new RegExp(`<text class="marvel-mark-detail" data-relation="${drawn.scene.edges.find(e => e.source === source && e.target === target)!.relation}"[^>]*fill="([^"]+)"[^>]*>([^<]*)</text>`).exec(svg)?.slice(1).join(' ');
        expect(detail('pakkans', 'daders')).toBe('#bf8700 sign - → +');
        expect(detail('aangiften', 'pakkans')).toBe('#bf8700 strength average → strong');
        expect(detail('nieuw', 'daders')).toBeUndefined();
        // Over the boxes, so that no box hides it.
        expect(svg.indexOf('class="marvel-mark-details"')).toBeGreaterThan(svg.indexOf('class="marvel-nodes"'));
        expect(group(svg, 'data-id="los"')).toMatch(/opacity="0\.14"/);
        expect(relation('los', 'ver')).toMatch(/opacity="0\.14"/);
        expect(group(svg, 'data-id="pakkans"')).not.toMatch(/opacity=/);
        expect(svg).toContain('class="marvel-legend marvel-marks-legend"');
    });

    it('keeps a removed factor at its old place: in its old category, between its old neighbours', async () => {
        const old = await graphOf(before);
        const current = await graphOf(after);
        const union = diffUnion(old, current, diffModels(old, current));
        expect(union.graph.factors.map(f => f.id).slice(2, 5)).toEqual(['aangiften', 'oud', 'pakkans']);
        expect(union.graph.factor('oud')?.category).toBe('strafrecht');
        const { drawn } = await picture('all');
        const box = drawn.scene.categories.find(c => c.id === 'strafrecht')!;
        expect(inside(drawn.scene.nodes.find(n => n.id === 'oud')!, box)).toBe(true);
    });

    it('shows the change alone, or with one step around it, as the scope says', async () => {
        const changed = (await picture('changed')).drawn.scene.nodes.map(n => n.id).sort();
        expect(changed).toEqual(['aangiften', 'daders', 'nieuw', 'oud', 'pakkans']);
        const around = (await picture('neighbourhood')).drawn.scene.nodes.map(n => n.id).sort();
        expect(around).toEqual(['aangiften', 'daders', 'nieuw', 'oud', 'pakkans', 'pilot', 'slachtoffers']);
    });
});
