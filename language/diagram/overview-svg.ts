import type { FactorRole, Sign } from '../analysis/model-graph.js';
import { round } from './box-geometry.js';
import type { SceneBox, ScenePoint } from './diagram-scene.js';
import type { DiagramPalette } from './diagram-style.js';
import { diagramMetrics } from './diagram-style.js';
import { segmentEntersBox } from './drawing-quality.js';
import type { ArrowShape } from './overview-routes.js';
import { arrowShape, shapePathData, shapePoint } from './overview-routes.js';
import type { OverviewArrow, OverviewGroup, OverviewScene } from './overview-scene.js';
import { arrowLabel, shortArrowLabel } from './overview-scene.js';
import { escapeXml } from './svg-escape.js';
import { textWidth, wrapText } from './text-metrics.js';
import { counted } from '../text/counted.js';

/** The size category names have on screen when the overview is seen whole. */
const readableFontSize = 13;

/** The scale at which a picture fits a window, with a margin around it (as the preview fits it). */
export function scaleToFit(picture: { readonly width: number; readonly height: number }, window: { readonly width: number; readonly height: number }, margin = 16): number {
    return Math.min((window.width - 2 * margin) / Math.max(1, picture.width), (window.height - 2 * margin) / Math.max(1, picture.height));
}

/**
 * The font size, in diagram units, at which overview text reads as `readableFontSize`
 * pixels when the picture is seen at `scale` (usually the scale that fits it in a window).
 * Never smaller than the full view's text.
 */
export function overviewFontSize(scale: number): number {
    return Math.round(Math.max(readableFontSize, readableFontSize / Math.max(scale, 1e-3)));
}

/** A group as the overview draws it: a card centred in its area, sized to what it says. */
export interface Card extends SceneBox {
    readonly group: OverviewGroup;
    /** The card's text, in diagram units. */
    readonly size: number;
    /** Its name's text: the overview's, as far as the area's width allows, however small the rest. */
    readonly titleSize: number;
    readonly title: readonly string[];
    /** The number of factors stands beside the name instead of on a line of its own, to leave room for the first items. */
    readonly countBeside: boolean;
    readonly items: readonly SummaryItem[];
    /** How many items did not fit. */
    readonly more: number;
}

interface SummaryItem { readonly text: string; readonly role: FactorRole }

/**
 * The overview drawn over the scene's area: each group a card in its area naming what it
 * holds, the relations between groups one arrow per ordered pair from card to card, thicker
 * when it stands for more. Every size is in proportion to `fontSize`, so it reads at the
 * zoom the overview is seen at.
 */
export function overviewLayer(overview: OverviewScene, palette: DiagramPalette, fontSize: number): string {
    const unit = fontSize / readableFontSize;
    const { cards, arrows } = overviewGeometry(overview, fontSize);
    const markers = (['positive', 'negative', 'unknown', 'mixed'] as const).map(kind =>
        `<marker id="marvel-overview-arrow-${kind}" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="4" markerHeight="4" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="${arrowColor(kind, palette)}"/></marker>`);
    return `<g class="marvel-overview"><defs>${markers.join('')}</defs>`
        + overview.groups.map(g => area(g, palette, unit)).join('')
        + arrows.map(({ arrow, shape }) => arrowElement(arrow, shape, cards, palette, unit)).join('')
        + [...cards.values()].map(card => cardElement(card, palette, unit)).join('')
        + [...arrows].sort((a, b) => b.arrow.relations.length - a.arrow.relations.length).map(({ arrow, label }) => label ? arrowLabelElement(arrow, label, palette, fontSize) : '').join('')
        + '</g>';
}

/** Where the overview drawn with text of `fontSize` puts each group's card, each arrow and its count. */
export interface OverviewGeometry {
    readonly cards: ReadonlyMap<string, Card>;
    /** An arrow's count is left out (`label` undefined) only where no free place holds even its short form: its colour, thickness and tooltip say it. */
    readonly arrows: ReadonlyArray<{ readonly arrow: OverviewArrow; readonly shape: ArrowShape; readonly label?: ArrowCount }>;
}

/** Where an arrow's count stands, and which form of it: "7: 5+ 2−", or "7" where that has no room. */
export interface ArrowCount extends SceneBox {
    readonly text: string;
    /** The point of its arrow a count set further off points to with a thin line, so it is not read as a neighbour's. */
    readonly leaderFrom?: ScenePoint;
}

export function overviewGeometry(overview: OverviewScene, fontSize: number): OverviewGeometry {
    const unit = fontSize / readableFontSize;
    const bounds = boundsOf(overview.groups);
    const placed = overview.groups.filter(g => g.kind === 'category').map(g => cardOf(g, fontSize));
    for (const g of overview.groups.filter(group => group.kind === 'factor')) {
        placed.push(loneFactorCard(g, fontSize, placed, bounds));
    }
    const cards = new Map(placed.map(card => [card.group.id, card]));
    const all = [...cards.values()];
    const pairs = new Set(overview.arrows.map(a => `${a.source}\n${a.target}`));
    const shaped = overview.arrows.map(arrow => {
        const source = cards.get(arrow.source)!;
        const target = cards.get(arrow.target)!;
        const back = arrow.source > arrow.target && pairs.has(`${arrow.target}\n${arrow.source}`);
        // The usual bow is at most 40 px on screen; a way around the cards keeps 8 px from them.
        return { arrow, shape: arrowShape(source, target, all.filter(card => card !== source && card !== target), bounds, 40 * unit, 8 * unit, back) };
    });
    // Counts of the biggest arrows are placed first, where they read best.
    const counts: ArrowCount[] = [];
    const labels = new Map([...shaped].sort((a, b) => b.arrow.relations.length - a.arrow.relations.length).map(({ arrow, shape }) => {
        const box = placeCount(arrow, shape, fontSize, all, counts, bounds);
        if (box) {
            counts.push(box);
        }
        return [arrow, box] as const;
    }));
    return { cards, arrows: shaped.map(({ arrow, shape }) => ({ arrow, shape, label: labels.get(arrow) })) };
}

/** The box around the groups' areas: the picture the arrows stay in. */
function boundsOf(groups: readonly SceneBox[]): SceneBox {
    const x = Math.min(...groups.map(g => g.x));
    const y = Math.min(...groups.map(g => g.y));
    return { x, y, width: Math.max(...groups.map(g => g.x + g.width)) - x, height: Math.max(...groups.map(g => g.y + g.height)) - y };
}

/** One line under an overview: what its arrows and labels mean, in the overview's text size. */
export function overviewLegend(top: number, width: number, palette: DiagramPalette, fontSize: number): string {
    const size = fontSize * 0.85;
    const lines = overviewLegendLines(width, fontSize).map((line, k) => {
        // The example count in bold, as the arrows' counts are drawn.
        const text = escapeXml(line).replace(legendExample, `<tspan font-weight="bold">${legendExample}</tspan>`);
        return `<text x="${diagramMetrics.margin}" y="${round(top + size * 1.4 + k * size * 1.3)}" fill="${palette.foreground}">${text}</text>`;
    });
    return `<g class="marvel-legend marvel-overview-legend" font-size="${round(size)}">${lines.join('')}</g>`;
}

/** The height the line under an overview of `width` takes: as many lines as its words need at that width. */
export function overviewLegendHeight(width: number, fontSize: number): number {
    return Math.ceil(fontSize * 0.85 * (1.3 * overviewLegendLines(width, fontSize).length + 0.9));
}

const legendExample = '7: 5+ 2\u2212';

/** The explanation under an exported overview, wrapped to the picture's width so that none of it is cut off. */
function overviewLegendLines(width: number, fontSize: number): string[] {
    const text = `Each arrow stands for the relations from one category to another: ${legendExample} is 7 relations, 5 in the same and 2 in the opposite direction.`;
    return wrapText(text, Math.max(1, width - 2 * diagramMetrics.margin), fontSize * 0.85, 'normal', 8);
}

type ArrowKind = 'positive' | 'negative' | 'unknown' | 'mixed';

function arrowColor(kind: ArrowKind, palette: DiagramPalette): string {
    return kind === 'mixed' ? palette.mutedForeground : palette.edge[kind === 'positive' ? '+' : kind === 'negative' ? '-' : '?'];
}

function arrowKind(arrow: OverviewArrow): ArrowKind {
    const present = (['+', '-', '?'] as const).filter(sign => arrow.signs[sign] > 0);
    return present.length !== 1 ? 'mixed' : present[0] === '+' ? 'positive' : present[0] === '-' ? 'negative' : 'unknown';
}

/** The card of a group: its name, its number of factors and as many of its KPIs, key factors and interventions as its area holds. */
function cardOf(g: OverviewGroup, fontSize: number): Card {
    const all: SummaryItem[] = g.kind === 'category' ? [
        ...g.kpis.map(text => ({ text, role: 'kpi' as const })),
        ...g.keyFactors.map(text => ({ text, role: 'key' as const })),
        ...g.interventions.map(text => ({ text, role: 'intervention' as const }))
    ] : [];
    // A small area gets smaller text rather than none: as its width allows, so its name fits
    // a line or two, and down to half size to name its KPIs and first key factors. The name
    // itself keeps the size its width allows: it is what the overview is read by.
    const mustShow = Math.min(6, g.kpis.length + g.keyFactors.length);
    const linesNeeded = 2 * 1.6 + 1.6 + mustShow * 1.3 + (all.length > mustShow ? 1.3 : 0) + 1.6;
    const widthAllows = Math.max(diagramMetrics.categoryFontSize, Math.min(fontSize, g.width / 12));
    const size = Math.max(diagramMetrics.categoryFontSize, Math.min(widthAllows, Math.max(fontSize / 2, g.height / linesNeeded)));
    const pad = size * 0.8;
    const lineHeight = size * 1.3;
    const innerWidth = Math.max(1, g.width - 2 * pad);
    const count = g.kind === 'category' ? ` \u00b7 ${factorCount(g)}` : undefined;
    type Titled = { readonly titleSize: number; readonly title: readonly string[] };
    const fixedUnder = (titled: Titled, countLine: boolean): number => titled.title.length * titled.titleSize * 1.28 + (countLine ? lineHeight + size * 0.3 : 0) + 2 * pad;
    /** Lines of items left under a title; negative where the title itself does not fit. */
    const linesUnder = (titled: Titled, countLine: boolean): number => Math.floor((g.height - fixedUnder(titled, countLine)) / lineHeight);
    const { titleSize, title } = cardTitle(g, size, widthAllows, innerWidth, titled => {
        const besideFits = count !== undefined && textWidth(titled.title.at(-1) ?? '', titled.titleSize, 'bold') + textWidth(count, size) <= innerWidth;
        return linesUnder(titled, count !== undefined && !besideFits);
    });
    const fixedFor = (countLine: boolean): number => fixedUnder({ titleSize, title }, countLine);
    const roomFor = (countLine: boolean): number => Math.max(0, linesUnder({ titleSize, title }, countLine));
    const lastTitleWidth = textWidth(title.at(-1) ?? '', titleSize, 'bold');
    // Short of room for the first two items (its KPIs, usually), the count goes beside the name.
    const countBeside = count !== undefined && roomFor(true) < Math.min(2, all.length) && lastTitleWidth + textWidth(count, size) <= innerWidth;
    const fixed = fixedFor(count !== undefined && !countBeside);
    const room = roomFor(count !== undefined && !countBeside);
    // "… and 4 more" only under items named: with room for one line, the first item (a KPI, usually) is worth more.
    const cut = all.length > room;
    const shown = !cut ? all : all.slice(0, room >= 2 ? room - 1 : room);
    const more = cut && room >= 2 ? all.length - shown.length : 0;
    const widest = Math.max(
        ...title.map(line => textWidth(line, titleSize, 'bold')),
        countBeside ? lastTitleWidth + textWidth(count, size) : 0,
        ...shown.map(item => textWidth(item.text, size, item.role === 'kpi' ? 'bold' : 'normal') + size * 1.2),
        textWidth('999 factors', size)
    );
    const width = Math.min(g.width, widest + 2 * pad);
    const height = Math.min(g.height, fixed + (shown.length + (more > 0 ? 1 : 0)) * lineHeight);
    return { x: round(g.x + (g.width - width) / 2), y: round(g.y + (g.height - height) / 2), width: round(width), height: round(height), group: g, size, titleSize, title, countBeside, items: shown, more };
}

/**
 * A card's name: as large as its area's width allows, for the name is what the overview is
 * read by; on one line a little smaller rather than on two (the second would take the room
 * of the first items); and smaller again, down to the card's text size, where the area is
 * too low to name the category's KPIs under it (`roomUnder` counts the lines left).
 */
function cardTitle(g: OverviewGroup, size: number, widthAllows: number, innerWidth: number, linesUnder: (titled: { readonly titleSize: number; readonly title: readonly string[] }) => number): { readonly titleSize: number; readonly title: readonly string[] } {
    const smallest = size * 1.25;
    const largest = Math.max(size, widthAllows) * 1.25;
    const oneLine = largest * Math.min(1, innerWidth / Math.max(1, textWidth(g.label, largest, 'bold')));
    const kpisNamed = Math.min(2, g.kpis.length);
    // The KPIs, and "… and 4 more" under them when there are more items.
    const needed = kpisNamed + (g.kpis.length + g.keyFactors.length + g.interventions.length > kpisNamed ? 1 : 0);
    for (let titleSize = Math.max(smallest, oneLine >= largest * 0.75 ? oneLine : largest); ; titleSize = Math.max(smallest, titleSize * 0.9)) {
        const titled = { titleSize, title: wrapText(g.label, innerWidth, titleSize, 'bold', 2) };
        if (titleSize === smallest || linesUnder(titled) >= needed) {
            return titled;
        }
    }
}

/**
 * The card of a factor outside every category (often a KPI): its name at the overview's size,
 * centred on its box however small that box is at the overview's zoom (it was a speck), or
 * just above or below where others took that place, kept inside the picture. Its text shrinks
 * only as far as keeps it off the cards placed before it, down to what its box holds.
 */
function loneFactorCard(g: OverviewGroup, fontSize: number, placed: readonly Card[], bounds: SceneBox): Card {
    const smallest = cardOf(g, fontSize);
    for (let size = fontSize; size > smallest.size; size *= 0.8) {
        const pad = size * 0.8;
        const title = wrapText(g.label, 14 * size, size * 1.25, 'bold', 2);
        const width = Math.min(bounds.width, Math.max(...title.map(line => textWidth(line, size * 1.25, 'bold'))) + 2 * pad);
        const height = Math.min(bounds.height, title.length * size * 1.6 + 2 * pad);
        const x = Math.min(Math.max(g.x + (g.width - width) / 2, bounds.x), bounds.x + bounds.width - width);
        for (const shift of [0, 1, -1, 2, -2, 3, -3]) {
            const y = Math.min(Math.max(g.y + (g.height - height) / 2 + shift * (height + pad / 2), bounds.y), bounds.y + bounds.height - height);
            const card: Card = { x: round(x), y: round(y), width: round(width), height: round(height), group: g, size, titleSize: size * 1.25, title, countBeside: false, items: [], more: 0 };
            if (placed.every(other => overlap(card, other) === 0)) {
                return card;
            }
        }
    }
    return smallest;
}

/** "6 factors": how many factors a group holds. */
function factorCount(g: OverviewGroup): string {
    return counted(g.factorCount, 'factor');
}

/** The group's area in the full view, faintly, so the card is seen standing where the category lies. */
function area(g: OverviewGroup, palette: DiagramPalette, unit: number): string {
    const fill = g.color ?? palette.categoryFallbackFill;
    return `<rect class="marvel-overview-area" x="${g.x}" y="${g.y}" width="${g.width}" height="${g.height}" rx="${round(8 * unit)}" fill="${escapeXml(fill)}" fill-opacity="${palette.categoryFillOpacity / 2}" stroke="${palette.categoryBorder}" stroke-width="${round(unit)}" stroke-dasharray="${round(6 * unit)} ${round(4 * unit)}"/>`;
}

function cardElement(card: Card, palette: DiagramPalette, unit: number): string {
    const g = card.group;
    const size = card.size;
    const pad = size * 0.8;
    const lineHeight = size * 1.3;
    const lines: string[] = [];
    const fill = g.color ?? palette.categoryFallbackFill;
    const fillOpacity = Math.min(1, palette.categoryFillOpacity * 1.4);
    const ink = cardInk(fill, fillOpacity, palette);
    let y = card.y + pad;
    for (const [k, line] of card.title.entries()) {
        y += card.titleSize * 1.28;
        const beside = card.countBeside && k === card.title.length - 1
            ? `<tspan class="marvel-overview-factors" font-size="${round(size)}" font-weight="normal" fill="${ink.muted}"> \u00b7 ${factorCount(g)}</tspan>`
            : '';
        lines.push(`<text class="marvel-overview-label" x="${round(card.x + pad)}" y="${round(y - card.titleSize * 0.36)}" font-size="${round(card.titleSize)}" font-weight="bold" fill="${ink.title}">${escapeXml(line)}${beside}</text>`);
    }
    if (g.kind === 'category' && !card.countBeside) {
        y += lineHeight;
        lines.push(`<text class="marvel-overview-factors" x="${round(card.x + pad)}" y="${round(y - size * 0.3)}" font-size="${round(size)}" fill="${ink.muted}">${factorCount(g)}</text>`);
        y += size * 0.3;
    }
    const swatch = size * 0.8;
    for (const item of card.items) {
        y += lineHeight;
        const baseline = round(y - size * 0.3);
        const textX = card.x + pad + swatch * 1.5;
        const isKpi = item.role === 'kpi';
        lines.push(`<rect class="marvel-overview-swatch role-${item.role}" x="${round(card.x + pad)}" y="${round(baseline - swatch * 0.85)}" width="${round(swatch)}" height="${round(swatch)}" rx="${round(isKpi ? swatch * 0.1 : swatch * 0.3)}" fill="${palette.nodeFill[item.role]}" stroke="${isKpi ? palette.kpiBorder : palette.nodeBorder}" stroke-width="${round(unit * (isKpi ? 1.5 : 0.8))}"/>`
            + `<text class="marvel-overview-item" x="${round(textX)}" y="${baseline}" font-size="${round(size)}" fill="${ink.text}"${isKpi ? ' font-weight="bold"' : ''}>${escapeXml(cut(item.text, card.x + card.width - pad - textX, size, isKpi))}</text>`);
    }
    if (card.more > 0) {
        y += lineHeight;
        lines.push(`<text class="marvel-overview-more" x="${round(card.x + pad)}" y="${round(y - size * 0.3)}" font-size="${round(size)}" fill="${ink.muted}">\u2026 and ${card.more} more</text>`);
    }
    const tooltip = g.kind === 'category' ? `${g.label} \u2014 ${factorCount(g)}; double-click to open` : g.label;
    return `<g class="marvel-overview-group kind-${g.kind}" data-group="${escapeXml(g.id)}">`
        + `<title>${escapeXml(tooltip)}</title>`
        + `<rect x="${card.x}" y="${card.y}" width="${card.width}" height="${card.height}" rx="${round(8 * unit)}" fill="${palette.background}"/>`
        + `<rect class="marvel-overview-box" x="${card.x}" y="${card.y}" width="${card.width}" height="${card.height}" rx="${round(8 * unit)}" fill="${escapeXml(fill)}" fill-opacity="${fillOpacity}" stroke="${palette.categoryBorder}" stroke-width="${round(2 * unit)}"/>`
        + lines.join('')
        + '</g>';
}

/**
 * The text colours of a card: the theme's, unless the model's own colour makes the card too
 * dark for them (a saturated red or olive under dark grey text): then light ones.
 */
function cardInk(fill: string, opacity: number, palette: DiagramPalette): { readonly title: string; readonly text: string; readonly muted: string } {
    const themed = { title: palette.categoryText, text: palette.foreground, muted: palette.mutedForeground };
    const card = rgbOf(fill);
    const ground = rgbOf(palette.background);
    if (!card || !ground) {
        return themed;
    }
    const shown = card.map((channel, k) => channel * opacity + ground[k] * (1 - opacity));
    const groundIsLight = luminance(ground) > 0.5;
    const cardIsLight = luminance(shown) > 0.4;
    if (cardIsLight === groundIsLight) {
        return themed;
    }
    return cardIsLight
        ? { title: '#1f1f1f', text: '#1f1f1f', muted: '#4a4a4a' }
        : { title: '#ffffff', text: '#ffffff', muted: '#e6e6e6' };
}

/** Red, green and blue (0–1) of `#rgb` or `#rrggbb`; undefined for another form of colour. */
function rgbOf(color: string): number[] | undefined {
    const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim())?.[1];
    if (!hex) {
        return undefined;
    }
    const full = hex.length === 3 ? [...hex].map(c => c + c).join('') : hex;
    return [0, 2, 4].map(k => parseInt(full.slice(k, k + 2), 16) / 255);
}

/** WCAG's relative luminance of a colour. */
function luminance(rgb: readonly number[]): number {
    const linear = rgb.map(c => c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
}

function arrowElement(a: OverviewArrow, shape: ArrowShape, cards: ReadonlyMap<string, Card>, palette: DiagramPalette, unit: number): string {
    const kind = arrowKind(a);
    const width = round(unit * (1.2 + 1.6 * Math.log2(a.relations.length + 1)));
    const from = cards.get(a.source)?.group.label ?? a.source;
    const to = cards.get(a.target)?.group.label ?? a.target;
    const count = a.relations.length;
    const signs = (['+', '-', '?'] as const).filter(s => a.signs[s] > 0).map(s => `${a.signs[s]} ${s === '-' ? '\u2212' : s}`).join(', ');
    const tooltip = `${from} \u2192 ${to}: ${counted(count, 'relation')} (${signs})`;
    return `<g class="marvel-overview-arrow" data-source="${escapeXml(a.source)}" data-target="${escapeXml(a.target)}" data-count="${count}" data-relations="${a.relations.join(' ')}">`
        + `<title>${escapeXml(tooltip)}</title>`
        + `<path d="${shapePathData(shape)}" fill="none" stroke="${arrowColor(kind, palette)}" stroke-width="${width}" stroke-opacity="0.75"${kind === 'unknown' ? ` stroke-dasharray="${round(5 * unit)} ${round(4 * unit)}"` : ''} marker-end="url(#marvel-overview-arrow-${kind})"/>`
        + '</g>';
}

/**
 * Where an arrow's count goes: on the arrow, as near its middle as it can be without
 * covering a card or another count (the first free spot going out from the middle, then the
 * same beside the arrow, further out each time), within `bounds`; failing that, anywhere
 * round the arrow's middle within a few lines of it (where an arrow bridges the narrow gap
 * between two cards, beside the cards). A thin line leads from the arrow to a count set off
 * it. Where the full count has no free spot its short form is tried ("3+", "7"); where
 * neither has, the count is left out: in a crowd a count on top of others reads as none,
 * and the arrow says its signs by its colour, its number by its thickness, and all by its
 * tooltip.
 */
function placeCount(a: OverviewArrow, shape: ArrowShape, fontSize: number, cards: readonly SceneBox[], counts: readonly SceneBox[], bounds: SceneBox): ArrowCount | undefined {
    const height = fontSize * 1.3;
    const gap = fontSize * 0.4;
    // Within the picture: an arrow round the cards may run along its edge.
    const keptIn = (start: number, from: number, size: number, span: number): number => Math.min(Math.max(start, from), from + Math.max(0, span - size));
    for (const text of new Set([arrowLabel(a), shortArrowLabel(a)])) {
        const width = textWidth(text, fontSize, 'bold') + fontSize * 0.4;
        for (const spot of countSpots(shape, height)) {
            const placed = { text, x: round(keptIn(spot.x - width / 2, bounds.x, width, bounds.width)), y: round(keptIn(spot.y - height / 2, bounds.y, height, bounds.height)), width: round(width), height: round(height) };
            const box: ArrowCount = spot.leaderFrom ? { ...placed, leaderFrom: spot.leaderFrom } : placed;
            const leader = box.leaderFrom && leaderLine(box.leaderFrom, box);
            // A little clear space around: two counts side by side would read as one ("1: 1+1: 1+").
            const clear = { x: box.x - gap, y: box.y - gap / 2, width: box.width + 2 * gap, height: box.height + gap };
            const clearOf = (other: SceneBox, around: SceneBox): boolean => overlap(around, other) === 0 && !(leader !== undefined && segmentEntersBox(leader.from, leader.to, other));
            if (cards.every(card => clearOf(card, box)) && counts.every(count => clearOf(count, clear))) {
                return box;
            }
        }
    }
    return undefined;
}

/**
 * The places to try for a count of `height`, best first: on the arrow going out from its
 * middle; beside it, a step further out each round; then round its middle in every direction
 * up to eight lines away. Those more than a step off the arrow name the point a line leads from.
 */
function* countSpots(shape: ArrowShape, height: number): Generator<ScenePoint & { readonly leaderFrom?: ScenePoint }> {
    for (const side of [0, 1, -1, 2, -2, 3, -3]) {
        for (let step = 0; step <= 18; step++) {
            for (const t of step === 0 ? [0.5] : [0.5 - step * 0.025, 0.5 + step * 0.025]) {
                const { x, y } = shapePoint(shape, t);
                // Beside the arrow: moved square to it, by a little more than half the count's height a step.
                const ahead = shapePoint(shape, Math.min(1, t + 0.01));
                const behind = shapePoint(shape, Math.max(0, t - 0.01));
                const length = Math.hypot(ahead.x - behind.x, ahead.y - behind.y) || 1;
                const shift = side * height * 0.8;
                const spot = { x: x - ((ahead.y - behind.y) / length) * shift, y: y + ((ahead.x - behind.x) / length) * shift };
                yield Math.abs(side) < 2 ? spot : { ...spot, leaderFrom: { x: round(x), y: round(y) } };
            }
        }
    }
    for (const t of [0.5, 0.35, 0.65]) {
        const from = shapePoint(shape, t);
        for (let distance = 2; distance <= 8; distance++) {
            for (let k = 0; k < 16; k++) {
                const angle = (k * Math.PI) / 8;
                yield { x: from.x + Math.cos(angle) * distance * height, y: from.y + Math.sin(angle) * distance * height, leaderFrom: { x: round(from.x), y: round(from.y) } };
            }
        }
    }
}

function arrowLabelElement(a: OverviewArrow, count: ArrowCount, palette: DiagramPalette, fontSize: number): string {
    const leader = count.leaderFrom && leaderLine(count.leaderFrom, count);
    return (leader ? `<line class="marvel-overview-leader" x1="${leader.from.x}" y1="${leader.from.y}" x2="${leader.to.x}" y2="${leader.to.y}" stroke="${arrowColor(arrowKind(a), palette)}" stroke-width="${round(fontSize / 12)}"/>` : '')
        + `<text class="marvel-overview-arrow-label" data-source="${escapeXml(a.source)}" data-target="${escapeXml(a.target)}" x="${round(count.x + count.width / 2)}" y="${round(count.y + count.height / 2)}" dy="0.35em" text-anchor="middle" font-size="${fontSize}" font-weight="bold" fill="${palette.foreground}" stroke="${palette.background}" stroke-width="${round(fontSize / 4)}" stroke-linejoin="round" paint-order="stroke">`
        + `${signTspans(count.text, palette)}</text>`;
}

/** From the arrow to the nearest point of the count's box. */
function leaderLine(from: ScenePoint, box: SceneBox): { readonly from: ScenePoint; readonly to: ScenePoint } {
    const to = { x: Math.min(Math.max(from.x, box.x), box.x + box.width), y: Math.min(Math.max(from.y, box.y), box.y + box.height) };
    return { from, to: { x: round(to.x), y: round(to.y) } };
}


/** "7: 5+ 2−" (or "3+") with each count of a sign in that sign's colour. */
function signTspans(text: string, palette: DiagramPalette): string {
    return text.split(' ').map(part => {
        const sign: Sign | undefined = part.endsWith('+') ? '+' : part.endsWith('?') ? '?' : part.endsWith('\u2212') ? '-' : undefined;
        return sign ? `<tspan fill="${palette.edge[sign]}">${escapeXml(part)}</tspan>` : escapeXml(part);
    }).join(' ');
}

/** The area two boxes share. */
function overlap(a: SceneBox, b: SceneBox): number {
    const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
    const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
    return width > 0 && height > 0 ? width * height : 0;
}

/** One line of text cut to a width, with an ellipsis when something was left out. */
function cut(text: string, width: number, size: number, bold: boolean): string {
    return wrapText(text, Math.max(1, width), size, bold ? 'bold' : 'normal', 1)[0] ?? '';
}
