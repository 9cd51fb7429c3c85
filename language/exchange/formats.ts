import type { ModelGraph } from '../analysis/model-graph.js';
import { exportCsv, importCsv } from './csv.js';
import { exportDot } from './dot.js';
import type { ImportResult } from './exchange-model.js';
import { exportGraphml, importGraphml } from './graphml.js';
import { exportKumu, importKumu } from './kumu.js';
import { exportMdl, importMdl } from './mdl.js';
import { exportMermaid } from './mermaid.js';
import type { SdExportOptions } from './xmile.js';
import { exportXmile, importXmile } from './xmile.js';

/** The formats `marvel export` writes and `marvel import` reads, and how a file name tells them. */
export const exportFormats = ['dot', 'mermaid', 'graphml', 'kumu', 'csv', 'xmile', 'mdl'] as const;
export const importFormats = ['kumu', 'csv', 'graphml', 'mdl', 'xmile'] as const;
export type ExportFormat = typeof exportFormats[number];
export type ImportFormat = typeof importFormats[number];

const extensions: Readonly<Record<string, ExportFormat>> = {
    '.dot': 'dot', '.gv': 'dot', '.mmd': 'mermaid', '.mermaid': 'mermaid', '.graphml': 'graphml', '.json': 'kumu', '.kumu': 'kumu', '.csv': 'csv',
    '.xmile': 'xmile', '.xmi': 'xmile', '.stmx': 'xmile', '.mdl': 'mdl'
};

/** The extension a file of each format is saved with. */
export const exportExtensions: Readonly<Record<ExportFormat, string>> = {
    dot: '.dot', mermaid: '.mmd', graphml: '.graphml', kumu: '.json', csv: '.csv', xmile: '.xmile', mdl: '.mdl'
};

/** What each format is for, in a sentence: for pickers and help. */
export const formatDescriptions: Readonly<Record<ExportFormat, string>> = {
    dot: 'Graphviz DOT: the diagram with categories as clusters',
    mermaid: 'Mermaid flowchart: for Markdown, wikis and pull requests',
    graphml: 'GraphML: yEd, Gephi and other graph tools',
    kumu: 'Kumu JSON blueprint',
    csv: 'CSV: factors and relations tables for spreadsheets and Kumu',
    xmile: 'XMILE: the dynamics for Stella and other system-dynamics tools',
    mdl: 'Vensim .mdl: the dynamics with a sketch per category'
};

/** Larger than any map a person draws; beyond it a wrong file was probably named. */
export const maxImportBytes = 64 * 1024 * 1024;

/** The formats that carry the dynamics, and so take scenarios, simulation settings and diagram positions. */
export function carriesDynamics(format: ExportFormat): format is 'xmile' | 'mdl' {
    return format === 'xmile' || format === 'mdl';
}

/** The format a file name's extension stands for. */
export function formatOfFileName(name: string): ExportFormat | undefined {
    const dot = name.lastIndexOf('.');
    return dot < 0 ? undefined : extensions[name.slice(dot).toLowerCase()];
}

export function isImportFormat(format: string): format is ImportFormat {
    return (importFormats as readonly string[]).includes(format);
}

/** The model in a format; `dynamics` matters only to XMILE and Vensim. */
export function exportModel(graph: ModelGraph, format: ExportFormat, dynamics: SdExportOptions = {}): string {
    switch (format) {
        case 'dot': return exportDot(graph);
        case 'mermaid': return exportMermaid(graph);
        case 'graphml': return exportGraphml(graph);
        case 'kumu': return exportKumu(graph);
        case 'csv': return exportCsv(graph);
        case 'xmile': return exportXmile(graph, dynamics);
        case 'mdl': return exportMdl(graph, dynamics);
    }
}

/** Reads a file's text as the format; throws {@link ExchangeInputError} naming the place of a problem. */
export function importModel(text: string, format: ImportFormat): ImportResult {
    switch (format) {
        case 'kumu': return importKumu(text);
        case 'csv': return importCsv(text);
        case 'graphml': return importGraphml(text);
        case 'mdl': return importMdl(text);
        case 'xmile': return importXmile(text);
    }
}
