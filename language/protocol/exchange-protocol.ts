import { RequestType } from 'vscode-jsonrpc/lib/common/messages.js';
import type { ExportFormat, ImportFormat } from '../exchange/formats.js';

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

/** The language server requests behind "MARVEL: Export Model…" and "MARVEL: Import Model…". */
export const ExportRequest = new RequestType<ExportRequestParams, ExchangeResponse, void>('marvel/export');
export const ImportRequest = new RequestType<ImportRequestParams, ExchangeResponse, void>('marvel/import');
