import type { ImportFormat } from './formats.js';
import { importModel } from './formats.js';
import { marvelText } from './marvel-text.js';

export interface ImportedText {
    /** The model as MARVEL text, in the formatter's canonical layout (the tests hold the writer to it). */
    readonly text: string;
    /** `place: message` for everything that could not be said as it was. */
    readonly warnings: readonly string[];
}

/** A file of another format as MARVEL text. Throws {@link ExchangeInputError} for bad input. */
export function importedMarvelText(source: string, format: ImportFormat): ImportedText {
    const result = importModel(source, format);
    return { text: marvelText(result.model), warnings: result.warnings.map(warning => `${warning.place}: ${warning.message}`) };
}
