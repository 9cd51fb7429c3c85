import type { MarvelFormatter } from '../lsp/marvel-formatter.js';
import type { ImportFormat } from './formats.js';
import { importModel } from './formats.js';
import { marvelText } from './marvel-text.js';

export interface ImportedText {
    /** The model as MARVEL text in the canonical layout. */
    readonly text: string;
    /** `place: message` for everything that could not be said as it was. */
    readonly warnings: readonly string[];
}

/** A file of another format as MARVEL text: read, made a model, written and formatted. Throws {@link ExchangeInputError} for bad input. */
export function importedMarvelText(source: string, format: ImportFormat, formatter: MarvelFormatter): ImportedText {
    const result = importModel(source, format);
    const text = marvelText(result.model);
    return { text: formatter.formatText(text) ?? text, warnings: result.warnings.map(warning => `${warning.place}: ${warning.message}`) };
}
