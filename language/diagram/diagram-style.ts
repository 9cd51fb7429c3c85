import type { FactorRole, Sign } from '../analysis/model-graph.js';
import type { RelationVerdict } from './trace-lighting.js';

/** Sizes shared by layout and rendering: one place decides how big things are. */
export const diagramMetrics = {
    fontSize: 12,
    lineHeight: 15,
    categoryFontSize: 13,
    maxLabelWidth: 150,
    nodePaddingX: 10,
    nodePaddingY: 8,
    minNodeWidth: 56,
    kpiExtraPadding: 6,
    categoryPaddingTop: 30,
    categoryPadding: 14,
    margin: 16
} as const;

/**
 * Colours of one theme. The memo's role colours (orange key factors, yellow indicators,
 * green interventions) stay recognisable in every theme; the rest follows the editor.
 */
export interface DiagramPalette {
    readonly background: string;
    readonly foreground: string;
    readonly mutedForeground: string;
    readonly nodeFill: Readonly<Record<FactorRole, string>>;
    readonly nodeText: Readonly<Record<FactorRole, string>>;
    readonly nodeBorder: string;
    readonly kpiBorder: string;
    readonly edge: Readonly<Record<Sign, string>>;
    readonly categoryFallbackFill: string;
    /** Models choose pale category colours; on dark backgrounds they are laid thinly over the background. */
    readonly categoryFillOpacity: number;
    readonly categoryBorder: string;
    readonly categoryText: string;
    /** A traced picture: lit relations by how they work for the KPIs (not the sign colours: a sign says how, a verdict whether it helps). */
    readonly verdict: Readonly<Record<RelationVerdict, string>>;
    /** The outline of the traced intervention. */
    readonly traceOrigin: string;
    /** Opacity of what is not on the traced paths. */
    readonly dimmedOpacity: number;
}

export type ThemeKind = 'light' | 'dark' | 'high-contrast';

export const palettes: Readonly<Record<ThemeKind, DiagramPalette>> = {
    'light': {
        background: '#ffffff',
        foreground: '#1f1f1f',
        mutedForeground: '#6b6b6b',
        nodeFill: { factor: '#ffffff', key: '#f7b267', indicator: '#ffe45c', intervention: '#8fd694', kpi: '#ffffff' },
        nodeText: { factor: '#1f1f1f', key: '#1f1f1f', indicator: '#1f1f1f', intervention: '#1f1f1f', kpi: '#1f1f1f' },
        nodeBorder: '#5f6368',
        kpiBorder: '#1a4f9c',
        edge: { '+': '#1f5fbf', '-': '#c62828', '?': '#8a8a8a' },
        categoryFallbackFill: '#f2f2f2',
        categoryFillOpacity: 0.6,
        categoryBorder: '#b0b0b0',
        categoryText: '#3c3c3c',
        verdict: { desired: '#1e8e3e', undesired: '#e8710a', mixed: '#8e44ad', unknown: '#7a7a7a' },
        traceOrigin: '#0d652d',
        dimmedOpacity: 0.14
    },
    'dark': {
        background: '#1e1e1e',
        foreground: '#e0e0e0',
        mutedForeground: '#a0a0a0',
        nodeFill: { factor: '#2d2d2d', key: '#c97a2b', indicator: '#b89b16', intervention: '#3f8f46', kpi: '#2d2d2d' },
        nodeText: { factor: '#e8e8e8', key: '#ffffff', indicator: '#1e1e1e', intervention: '#ffffff', kpi: '#e8e8e8' },
        nodeBorder: '#9a9a9a',
        kpiBorder: '#6fa8ff',
        edge: { '+': '#6fa8ff', '-': '#ff6e6e', '?': '#a0a0a0' },
        categoryFallbackFill: '#262626',
        categoryFillOpacity: 0.18,
        categoryBorder: '#555555',
        categoryText: '#cfcfcf',
        verdict: { desired: '#4cc46a', undesired: '#ff9944', mixed: '#c58af9', unknown: '#a3a3a3' },
        traceOrigin: '#9df0ad',
        dimmedOpacity: 0.16
    },
    'high-contrast': {
        background: '#000000',
        foreground: '#ffffff',
        mutedForeground: '#ffffff',
        nodeFill: { factor: '#000000', key: '#7a3d00', indicator: '#5c5200', intervention: '#0b4d12', kpi: '#000000' },
        nodeText: { factor: '#ffffff', key: '#ffffff', indicator: '#ffffff', intervention: '#ffffff', kpi: '#ffffff' },
        nodeBorder: '#ffffff',
        kpiBorder: '#f38518',
        edge: { '+': '#5cb8ff', '-': '#ff4040', '?': '#ffffff' },
        categoryFallbackFill: '#0c0c0c',
        categoryFillOpacity: 0.25,
        categoryBorder: '#ffffff',
        categoryText: '#ffffff',
        verdict: { desired: '#00e676', undesired: '#ffab40', mixed: '#ea80fc', unknown: '#ffffff' },
        traceOrigin: '#ffffff',
        dimmedOpacity: 0.25
    }
};

/** Stroke width of a relation by its strength: weak relations thin, very strong ones bold. */
export function edgeWidth(strength: number): number {
    return Math.min(4.5, Math.max(0.8, 0.6 + strength * 2.4));
}
