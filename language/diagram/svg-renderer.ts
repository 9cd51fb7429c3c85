import type { FactorRole, Sign } from '../analysis/model-graph.js';
import { curvePoint } from './box-geometry.js';
import type { DiagramScene, SceneCategory, SceneEdge, SceneNode, ScenePoint } from './diagram-scene.js';
import type { DiagramPalette } from './diagram-style.js';
import { diagramMetrics, edgeWidth, palettes } from './diagram-style.js';
import { escapeXml } from './svg-escape.js';
import { metricsFontFamily } from './text-metrics.js';
import type { TraceLighting } from './trace-lighting.js';
import { relationVerdicts } from './trace-lighting.js';
import { overviewLayer, overviewLegend, overviewLegendHeight } from './overview-svg.js';
import { stubLayer } from './stub-svg.js';

export interface SvgOptions {
    readonly palette?: DiagramPalette;
    /** Draw the legend under the diagram. */
    readonly legend?: boolean;
    /** Draw a background rectangle (for files; the preview shows the editor's background). */
    readonly background?: boolean;
    /**
     * Draw a trace into the picture: lit relations in their verdict colours, the traced
     * intervention outlined, the rest faded (the preview marks a trace with classes instead).
     */
    readonly lighting?: TraceLighting;
    /** Colours laid over single factors and relations (the diff picture); everything unmarked fades. */
    readonly marks?: DiagramMarks;
    /**
     * The scene's overview (when it has one), with its text in `fontSize` diagram units: as a
     * `layer` over the full drawing (the preview shows one or the other by zoom), or `only` it.
     */
    readonly overview?: { readonly mode: 'layer' | 'only'; readonly fontSize: number };
}

/** A colour for one element: its outline or line in `color`, maybe dashed, with the class `mark-NAME`. */
export interface ElementMark {
    readonly name: string;
    readonly color: string;
    readonly dashed: boolean;
    /** Added to the element's tooltip ("strength average → strong"). */
    readonly detail?: string;
}

export interface DiagramMarks {
    readonly nodes: ReadonlyMap<string, ElementMark>;
    /** Factors drawn as they are, neither marked nor faded (the ends of a marked relation). */
    readonly plain: ReadonlySet<string>;
    /** By relation index. */
    readonly relations: ReadonlyMap<number, ElementMark>;
    /** What the marks mean, for the legend row: a title and one entry per kind of mark. */
    readonly legendTitle: string;
    readonly legend: readonly ElementMark[];
    /** What a faded element is ("unchanged"). */
    readonly unmarked: string;
}

export const signClass: Readonly<Record<Sign, string>> = { '+': 'positive', '-': 'negative', '?': 'unknown' };
const signText: Readonly<Record<Sign, string>> = { '+': '+', '-': '\u2212', '?': '?' };
const legendHeight = 64;
const traceLegendHeight = 28;

/**
 * Renders a scene as a standalone SVG document. Every element carries classes and
 * `data-` attributes (factor ids, relation indices) so the preview can style and wire it;
 * colours are also written as attributes so files look right without a stylesheet.
 */
export function renderSvg(scene: DiagramScene, options: SvgOptions = {}): string {
    return svgText(svgPicture(scene, options));
}

/**
 * A picture's SVG in the parts the preview compares with the picture it shows, so that it
 * mounts only what changed: the root's start tag, then its children in order, each either one
 * element's markup or a layer (a `<g>` start tag and the markup of each element in it, one per
 * category, relation or factor).
 */
export interface SvgPicture {
    readonly root: string;
    readonly children: readonly SvgChild[];
}

export type SvgChild = string | SvgLayer;

export interface SvgLayer {
    readonly start: string;
    readonly items: readonly string[];
}

/** The SVG text of a picture: its parts joined. */
export function svgText(picture: SvgPicture): string {
    const child = (part: SvgChild): string => typeof part === 'string' ? part : `${part.start}${part.items.join('')}</g>`;
    return `${picture.root}${picture.children.map(child).join('')}</svg>`;
}

/** The scene as {@link renderSvg} draws it, in parts (see {@link SvgPicture}). */
export function svgPicture(scene: DiagramScene, options: SvgOptions = {}): SvgPicture {
    const palette = options.palette ?? palettes.light;
    const lighting = options.lighting;
    const marks = options.marks;
    const overview = options.overview && scene.overview ? { ...options.overview, scene: scene.overview } : undefined;
    const only = overview?.mode === 'only';
    const legendRows = only ? overviewLegendHeight(scene.width, overview.fontSize) : legendHeight + (lighting || marks ? traceLegendHeight : 0);
    const height = scene.height + (options.legend ? legendRows : 0);
    const legendParts = options.legend && !only ? [
        legend(scene, palette),
        lighting ? traceLegend(scene.height + legendHeight, palette, lighting) : undefined,
        marks ? marksLegend(scene.height + legendHeight, palette, marks) : undefined
    ].filter(part => part !== undefined) : [];
    // A small model's picture is as wide as its legend: a legend arrow cut off by the edge is
    // lost, and resvg 2.6 aborts the whole process on a marker wholly outside the picture.
    const width = Math.max(scene.width, ...legendParts.map(part => Math.ceil(part.right + diagramMetrics.margin)));
    const children: SvgChild[] = [
        markers(palette, lighting !== undefined, marks),
        options.background ? `<rect class="marvel-background" x="0" y="0" width="${width}" height="${height}" fill="${palette.background}"/>` : '',
        only ? '' : { start: '<g class="marvel-categories">', items: scene.categories.map(c => category(c, palette)) },
        only ? '' : { start: '<g class="marvel-edges">', items: scene.edges.map(e => edge(e, palette, lighting, marks)) },
        scene.stubs && !only ? stubLayer(scene.stubs, palette, sign => `url(#marvel-arrow-${signClass[sign]})`) : '',
        only ? '' : { start: '<g class="marvel-nodes">', items: scene.nodes.map(n => node(n, palette, lighting, marks)) },
        marks && !only ? markDetails(scene.edges, marks, palette) : '',
        overview ? overviewLayer(overview.scene, palette, overview.fontSize) : '',
        options.legend && only ? overviewLegend(scene.height, scene.width, palette, overview.fontSize) : '',
        ...legendParts.map(part => part.markup)
    ];
    return {
        // The title is a label, not a <title>: that would pop up as a tooltip over the whole background.
        root: `<svg xmlns="http://www.w3.org/2000/svg" class="marvel-diagram" role="img"${scene.title ? ` aria-label="${escapeXml(scene.title)}"` : ''} width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(metricsFontFamily)}" font-size="${diagramMetrics.fontSize}">`,
        children: children.filter(child => child !== '')
    };
}

function markers(palette: DiagramPalette, traced: boolean, marks: DiagramMarks | undefined): string {
    const marker = (id: string, className: string, color: string): string =>
        `<marker id="marvel-arrow-${id}" class="marvel-arrow ${className}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="${color}"/></marker>`;
    const signs = (['+', '-', '?'] as const).map(sign => marker(signClass[sign], `sign-${signClass[sign]}`, palette.edge[sign]));
    const verdicts = traced ? relationVerdicts.map(verdict => marker(`verdict-${verdict}`, `verdict-${verdict}`, palette.verdict[verdict])) : [];
    const marked = (marks?.legend ?? []).map(mark => marker(`mark-${mark.name}`, `mark-${mark.name}`, mark.color));
    return `<defs>${[...signs, ...verdicts, ...marked].join('')}</defs>`;
}

function category(c: SceneCategory, palette: DiagramPalette): string {
    const fill = c.color ?? palette.categoryFallbackFill;
    const tooltip = c.description ? `${c.label}\n${c.description}` : c.label;
    return `<g class="marvel-category" data-category="${escapeXml(c.id)}">`
        + `<title>${escapeXml(tooltip)}</title>`
        + `<rect x="${c.x}" y="${c.y}" width="${c.width}" height="${c.height}" rx="8" fill="${escapeXml(fill)}" fill-opacity="${palette.categoryFillOpacity}" stroke="${palette.categoryBorder}" stroke-width="1"/>`
        + `<text class="marvel-category-label" x="${c.x + diagramMetrics.categoryPadding}" y="${c.y + 20}" font-size="${diagramMetrics.categoryFontSize}" font-weight="bold" fill="${palette.categoryText}">${escapeXml(c.label)}</text>`
        + '</g>';
}

function edge(e: SceneEdge, palette: DiagramPalette, lighting: TraceLighting | undefined, marks: DiagramMarks | undefined): string {
    const lit = lighting?.relations.get(e.relation);
    const mark = marks?.relations.get(e.relation);
    // A loop shown alone keeps its sign colours: a loop is not judged against a KPI.
    const verdict = lit !== undefined && lit !== 'loop' ? lit : undefined;
    const color = mark?.color ?? (verdict ? palette.verdict[verdict] : palette.edge[e.sign]);
    const width = edgeWidth(e.strength) + (lit !== undefined || mark ? 1 : 0);
    const marker = mark ? `mark-${mark.name}` : verdict ? `verdict-${verdict}` : signClass[e.sign];
    const dash = e.sign === '?' || mark?.dashed ? ' stroke-dasharray="5 4"' : '';
    const attributes = [e.strengthClass ?? `strength ${e.strength}`, e.speedClass ? `${e.speedClass} speed` : `delay ${e.delay}`].join(', ');
    const tooltip = `${e.source} → ${e.target} (${e.sign}; ${attributes})${e.note ? `\n${e.note}` : ''}${mark ? `\n${mark.name}${mark.detail ? `: ${mark.detail}` : ''}` : ''}`;
    // Relations between categories are drawn lighter, so each domain's own structure stays readable.
    const across = e.curved || e.betweenCategories === true;
    const between = across ? ' between-categories' : '';
    const opacity = across && lit === undefined && !mark ? ' stroke-opacity="0.55"' : '';
    const trace = lighting ? (lit !== undefined ? ` trace-lit${verdict ? ` verdict-${verdict}` : ''}` : ' trace-dim') : '';
    const faded = (lighting && lit === undefined) || (marks && !mark) ? ` opacity="${palette.dimmedOpacity}"` : '';
    return `<g class="marvel-edge sign-${signClass[e.sign]}${e.delayed ? ' delayed' : ''}${between}${trace}${mark ? ` mark-${mark.name}` : ''}" data-relation="${e.relation}" data-source="${escapeXml(e.source)}" data-target="${escapeXml(e.target)}"${faded}>`
        + `<title>${escapeXml(tooltip)}</title>`
        + `<path class="marvel-edge-hit" d="${pathData(e)}" fill="none" stroke="transparent" stroke-width="10"/>`
        + `<path class="marvel-edge-line" d="${pathData(e)}" fill="none" stroke="${color}" stroke-width="${width}"${opacity}${dash} marker-end="url(#marvel-arrow-${marker})"/>`
        + (e.delayed ? delayMarks(e.curved ? curveMiddle(e.points) : e.points, color) : '')
        + `<text class="marvel-sign" x="${e.signAt.x}" y="${e.signAt.y}" dy="0.35em" text-anchor="middle" font-weight="bold" font-size="13" fill="${color}">${signText[e.sign]}</text>`
        + '</g>';
}

function node(n: SceneNode, palette: DiagramPalette, lighting: TraceLighting | undefined, marks: DiagramMarks | undefined): string {
    const isKpi = n.kind === 'kpi';
    const mark = marks?.nodes.get(n.id);
    const fill = palette.nodeFill[n.role];
    const textColor = palette.nodeText[n.role];
    const border = mark?.color ?? (isKpi ? palette.kpiBorder : palette.nodeBorder);
    const markText = mark ? `${mark.name}${mark.detail ? `: ${mark.detail}` : ''}` : undefined;
    const tooltip = [n.label, roleName(n.role, n.key, n.direction), n.categoryLabel && `in ${n.categoryLabel}`, n.description, markText].filter(Boolean).join('\n');
    const textTop = n.y + n.height / 2 - (n.lines.length * diagramMetrics.lineHeight) / 2 + diagramMetrics.lineHeight * 0.75;
    const tspans = n.lines.map((line, i) => `<tspan x="${n.x + n.width / 2}" y="${round(textTop + i * diagramMetrics.lineHeight)}">${escapeXml(line)}</tspan>`).join('');

    const origin = lighting?.origin === n.id;
    const trace = lighting ? (lighting.nodes.has(n.id) ? ` trace-lit${origin ? ' trace-origin' : ''}` : ' trace-dim') : '';
    const faded = (lighting && !lighting.nodes.has(n.id)) || (marks && !mark && !marks.plain.has(n.id)) ? ` opacity="${palette.dimmedOpacity}"` : '';
    const outline = mark ? `stroke-width="3"${mark.dashed ? ' stroke-dasharray="6 4"' : ''}` : `stroke-width="${isKpi ? 2.5 : n.key ? 2 : 1}"`;
    return `<g class="marvel-node role-${n.role}${n.key ? ' key' : ''}${trace}${mark ? ` mark-${mark.name}` : ''}" data-id="${escapeXml(n.id)}"${faded}>`
        + `<title>${escapeXml(tooltip)}</title>`
        + (origin ? `<rect class="marvel-trace-origin" x="${n.x - 4}" y="${n.y - 4}" width="${n.width + 8}" height="${n.height + 8}" rx="${isKpi ? 6 : 13}" fill="none" stroke="${palette.traceOrigin}" stroke-width="3"/>` : '')
        + `<rect x="${n.x}" y="${n.y}" width="${n.width}" height="${n.height}" rx="${isKpi ? 4 : 10}" fill="${fill}" stroke="${border}" ${outline}/>`
        + (isKpi ? `<rect class="marvel-kpi-inner" x="${n.x + 3.5}" y="${n.y + 3.5}" width="${n.width - 7}" height="${n.height - 7}" rx="2" fill="none" stroke="${border}" stroke-width="1"/>` : '')
        + `<text text-anchor="middle" fill="${textColor}"${isKpi ? ' font-weight="bold"' : ''}>${tspans}</text>`
        + (isKpi && n.direction ? directionBadge(n, border) : '')
        + '</g>';
}

function directionBadge(n: SceneNode, color: string): string {
    const x = n.x + 1;
    const y = n.y + 1;
    const arrow = n.direction === 'decrease' ? '\u25bc' : '\u25b2';
    return `<g class="marvel-direction"><circle cx="${x}" cy="${y}" r="8" fill="${color}"/><text x="${x}" y="${y}" dy="0.35em" text-anchor="middle" font-size="9" fill="#ffffff">${arrow}</text></g>`;
}

/** A short chord through the middle of a quadratic curve, to place delay marks on. */
function curveMiddle(points: readonly ScenePoint[]): ScenePoint[] {
    const [a, c, b] = points;
    const mid = curvePoint([a, c, b], 0.5);
    const dx = (b.x - a.x) / 20;
    const dy = (b.y - a.y) / 20;
    return [{ x: mid.x - dx, y: mid.y - dy }, { x: mid.x + dx, y: mid.y + dy }];
}

/**
 * What changed on each marked relation, under its sign and over the boxes (a picture has no
 * tooltips): "sign - → +", "strength average → strong".
 */
function markDetails(edges: readonly SceneEdge[], marks: DiagramMarks, palette: DiagramPalette): string {
    const texts = edges.flatMap(e => {
        const mark = marks.relations.get(e.relation);
        return mark?.detail ? [`<text class="marvel-mark-detail" data-relation="${e.relation}" x="${e.signAt.x}" y="${e.signAt.y + 17}" text-anchor="middle" font-size="10" fill="${mark.color}" stroke="${palette.background}" stroke-width="3" stroke-linejoin="round" paint-order="stroke">${escapeXml(mark.detail)}</text>`] : [];
    });
    return texts.length > 0 ? `<g class="marvel-mark-details">${texts.join('')}</g>` : '';
}

/** Two short bars across the middle of the longest segment: MARVEL's mark for a slow relation. */
function delayMarks(points: readonly ScenePoint[], color: string): string {
    let best = 0;
    let longest = 0;
    for (let i = 0; i + 1 < points.length; i++) {
        const length = Math.hypot(points[i + 1].x - points[i].x, points[i + 1].y - points[i].y);
        if (length > longest) {
            longest = length;
            best = i;
        }
    }
    const a = points[best];
    const b = points[best + 1];
    const ux = (b.x - a.x) / (longest || 1);
    const uy = (b.y - a.y) / (longest || 1);
    const mx = (a.x + b.x) / 2;
    const my = (a.y + b.y) / 2;
    const bar = (offset: number): string => {
        const cx = mx + ux * offset;
        const cy = my + uy * offset;
        return `M${round(cx - uy * 6)},${round(cy + ux * 6)} L${round(cx + uy * 6)},${round(cy - ux * 6)}`;
    };
    return `<path class="marvel-delay" d="${bar(-2.5)} ${bar(2.5)}" stroke="${color}" stroke-width="1.5" fill="none"/>`;
}

/** A legend row's markup and the x where its last text ends (estimated as the legends space their items). */
interface LegendRow {
    readonly markup: string;
    readonly right: number;
}

function legend(scene: DiagramScene, palette: DiagramPalette): LegendRow {
    const y = scene.height + 8;
    const roles: Array<[FactorRole, string]> = [['factor', 'factor'], ['key', 'key factor'], ['indicator', 'indicator'], ['intervention', 'intervention'], ['kpi', 'KPI']];
    let x = diagramMetrics.margin;
    const items: string[] = [];
    for (const [role, label] of roles) {
        items.push(`<rect x="${x}" y="${y}" width="22" height="14" rx="${role === 'kpi' ? 2 : 5}" fill="${palette.nodeFill[role]}" stroke="${role === 'kpi' ? palette.kpiBorder : palette.nodeBorder}" stroke-width="${role === 'kpi' ? 2 : 1}"/>`
            + `<text x="${x + 28}" y="${y + 11}" fill="${palette.foreground}">${label}</text>`);
        x += 40 + label.length * 7;
    }
    const signs: Array<[Sign, string]> = [['+', 'same direction'], ['-', 'opposite direction'], ['?', 'not agreed']];
    let sx = diagramMetrics.margin;
    const y2 = y + 28;
    for (const [sign, label] of signs) {
        items.push(`<path d="M${sx},${y2 + 7} L${sx + 30},${y2 + 7}" stroke="${palette.edge[sign]}" stroke-width="1.6"${sign === '?' ? ' stroke-dasharray="5 4"' : ''} marker-end="url(#marvel-arrow-${signClass[sign]})"/>`
            + `<text x="${sx + 36}" y="${y2 + 11}" fill="${palette.foreground}"><tspan font-weight="bold" fill="${palette.edge[sign]}">${signText[sign]}</tspan> ${label}</text>`);
        sx += 60 + label.length * 7;
    }
    items.push(`<path d="M${sx},${y2 + 7} L${sx + 30},${y2 + 7}" stroke="${palette.mutedForeground}" stroke-width="1.6"/><path d="M${sx + 12},${y2 + 1} L${sx + 12},${y2 + 13} M${sx + 17},${y2 + 1} L${sx + 17},${y2 + 13}" stroke="${palette.mutedForeground}" stroke-width="1.5"/>`
        + `<text x="${sx + 36}" y="${y2 + 11}" fill="${palette.foreground}">slow (delayed)</text>`);
    return { markup: `<g class="marvel-legend">${items.join('')}</g>`, right: Math.max(x, sx + 36 + 'slow (delayed)'.length * 7) };
}

/** What a traced picture's colours mean: a row under the legend. */
function traceLegend(top: number, palette: DiagramPalette, lighting: TraceLighting): LegendRow {
    const y = top + 4;
    const items = [`<text x="${diagramMetrics.margin}" y="${y + 11}" font-weight="bold" fill="${palette.foreground}">Trace:</text>`];
    let x = diagramMetrics.margin + 48;
    const shown = new Set(lighting.relations.values());
    for (const verdict of relationVerdicts.filter(v => shown.has(v))) {
        items.push(`<path d="M${x},${y + 7} L${x + 30},${y + 7}" stroke="${palette.verdict[verdict]}" stroke-width="2.6" marker-end="url(#marvel-arrow-verdict-${verdict})"/>`
            + `<text x="${x + 36}" y="${y + 11}" fill="${palette.foreground}">${verdict}</text>`);
        x += 50 + verdict.length * 7;
    }
    if (lighting.origin) {
        items.push(`<rect x="${x}" y="${y}" width="22" height="14" rx="5" fill="${palette.nodeFill.intervention}" stroke="${palette.traceOrigin}" stroke-width="2.5"/>`
            + `<text x="${x + 28}" y="${y + 11}" fill="${palette.foreground}">traced intervention</text>`);
        x += 160;
    }
    const faded = `faded: ${lighting.origin ? 'not on a shown path' : 'not on the loop'}`;
    items.push(`<rect x="${x}" y="${y}" width="22" height="14" rx="5" fill="${palette.nodeFill.factor}" stroke="${palette.nodeBorder}" opacity="${palette.dimmedOpacity * 2}"/>`
        + `<text x="${x + 28}" y="${y + 11}" fill="${palette.foreground}">${faded}</text>`);
    return { markup: `<g class="marvel-legend marvel-trace-legend">${items.join('')}</g>`, right: x + 28 + faded.length * 7 };
}

/** What a marked picture's colours mean: a row under the legend. */
function marksLegend(top: number, palette: DiagramPalette, marks: DiagramMarks): LegendRow {
    const y = top + 4;
    const items = [`<text x="${diagramMetrics.margin}" y="${y + 11}" font-weight="bold" fill="${palette.foreground}">${escapeXml(marks.legendTitle)}</text>`];
    let x = diagramMetrics.margin + 12 + marks.legendTitle.length * 8;
    for (const mark of marks.legend) {
        items.push(`<rect x="${x}" y="${y}" width="22" height="14" rx="5" fill="${palette.nodeFill.factor}" stroke="${mark.color}" stroke-width="2.5"${mark.dashed ? ' stroke-dasharray="4 3"' : ''}/>`
            + `<path d="M${x + 28},${y + 7} L${x + 58},${y + 7}" stroke="${mark.color}" stroke-width="2.6"${mark.dashed ? ' stroke-dasharray="5 4"' : ''} marker-end="url(#marvel-arrow-mark-${mark.name})"/>`
            + `<text x="${x + 64}" y="${y + 11}" fill="${palette.foreground}">${escapeXml(mark.name)}</text>`);
        x += 80 + mark.name.length * 7;
    }
    items.push(`<rect x="${x}" y="${y}" width="22" height="14" rx="5" fill="${palette.nodeFill.factor}" stroke="${palette.nodeBorder}" opacity="${palette.dimmedOpacity * 2}"/>`
        + `<text x="${x + 28}" y="${y + 11}" fill="${palette.foreground}">faded: ${escapeXml(marks.unmarked)}</text>`);
    return { markup: `<g class="marvel-legend marvel-marks-legend">${items.join('')}</g>`, right: x + 28 + `faded: ${marks.unmarked}`.length * 7 };
}

function roleName(role: FactorRole, key: boolean, direction: string | undefined): string {
    switch (role) {
        case 'kpi': return direction ? `KPI (${direction})` : 'KPI';
        case 'intervention': return key ? 'key intervention' : 'intervention';
        case 'key': return 'key factor';
        default: return role;
    }
}

function pathData(e: SceneEdge): string {
    if (e.curved && e.points.length === 3) {
        const [start, control, end] = e.points;
        return `M${start.x},${start.y} Q${control.x},${control.y} ${end.x},${end.y}`;
    }
    return e.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join(' ');
}

function round(value: number): number {
    return Math.round(value * 10) / 10;
}
