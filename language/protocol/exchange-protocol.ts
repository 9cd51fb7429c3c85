import type { ExportFormat, ImportFormat } from '../exchange/formats.js';

/** The language server requests behind "MARVEL: Export Model…" and "MARVEL: Import Model…". */
export const exportRequestMethod = 'marvel/export';
export const importRequestMethod = 'marvel/import';

export interface ExportRequestParams {
    readonly uri: string;
    readonly format: ExportFormat;
}

export interface ImportRequestParams {
    /** The file's text (the extension reads it). */
    readonly text: string;
    readonly format: ImportFormat;
}

/** The text written, or why there is none. */
export type ExchangeResponse =
    | { readonly text: string; readonly warnings: readonly string[] }
    | { readonly problem: string };
