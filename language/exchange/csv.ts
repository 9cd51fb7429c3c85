import type { ModelGraph } from '../analysis/model-graph.js';
import type { ImportResult } from './exchange-model.js';
import { ExchangeInputError } from './exchange-model.js';
import type { InputRecord } from './records.js';
import { connectionFields, connectionRows, draftOfRecords, elementFields, elementRows } from './records.js';

/**
 * CSV (RFC 4180): two tables in one file, the elements (categories and factors) and the
 * connections, separated by an empty line, each with its header row, as Kumu's and
 * spreadsheet imports take them. UTF-8 with a byte order mark, so that spreadsheets do not
 * guess another encoding; CRLF line ends.
 */
export function exportCsv(graph: ModelGraph): string {
    const table = (fields: readonly string[], rows: ReadonlyArray<Readonly<Record<string, string>>>): string =>
        [fields, ...rows.map(row => fields.map(name => row[name]))].map(cells => `${cells.map(csvCell).join(',')}\r\n`).join('');
    return `\uFEFF${table(elementFields, elementRows(graph))}\r\n${table(connectionFields, connectionRows(graph))}`;
}

function csvCell(text: string): string {
    return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Reads one or two tables (separated by an empty line): a table whose header has From and To
 * holds connections, one with Label or ID elements. A connections table alone is a model
 * too: its ends become factors.
 */
export function importCsv(text: string): ImportResult {
    const rows = parseCsv(text.replace(/^\uFEFF/, ''));
    const elements: InputRecord[] = [];
    const connections: InputRecord[] = [];
    let header: { names: string[]; line: number; into: InputRecord[] } | undefined;
    for (const row of rows) {
        if (row.cells.every(cell => cell.trim() === '')) {
            header = undefined;
            continue;
        }
        if (!header) {
            const names = row.cells.map(cell => cell.trim());
            const lower = names.map(name => name.toLowerCase());
            const into = lower.includes('from') && lower.includes('to') ? connections
                : lower.includes('label') || lower.includes('id') ? elements : undefined;
            if (!into) {
                throw new ExchangeInputError(`line ${row.line}`, "the header names neither 'Label' or 'ID' (factors) nor 'From' and 'To' (relations)");
            }
            header = { names, line: row.line, into };
            continue;
        }
        if (row.cells.length > header.names.length) {
            throw new ExchangeInputError(`line ${row.line}`, `${row.cells.length} fields, but the header on line ${header.line} names ${header.names.length}`);
        }
        const names = header.names;
        header.into.push({ place: `line ${row.line}`, fields: new Map(row.cells.map((cell, i) => [names[i], cell] as const)) });
    }
    if (elements.length === 0 && connections.length === 0) {
        throw new ExchangeInputError('line 1', 'no factors or relations: the file holds no table rows');
    }
    return draftOfRecords({ elements, connections, unknownEnds: 'create' });
}

interface CsvRow {
    /** Line on which the row starts. */
    readonly line: number;
    readonly cells: readonly string[];
}

/** RFC 4180 rows: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): CsvRow[] {
    const rows: CsvRow[] = [];
    let line = 1;
    let position = 0;
    while (position < text.length) {
        const startLine = line;
        const cells: string[] = [];
        for (;;) {
            let cell = '';
            if (text[position] === '"') {
                const quoteLine = line;
                position++;
                for (;;) {
                    if (position >= text.length) {
                        throw new ExchangeInputError(`line ${quoteLine}`, 'a quoted field is not closed');
                    }
                    const char = text[position];
                    if (char === '"') {
                        if (text[position + 1] === '"') {
                            cell += '"';
                            position += 2;
                            continue;
                        }
                        position++;
                        break;
                    }
                    if (char === '\n') {
                        line++;
                    }
                    cell += char;
                    position++;
                }
                if (position < text.length && !',\r\n'.includes(text[position])) {
                    throw new ExchangeInputError(`line ${line}`, 'text after the closing quote of a field; double a quote inside a quoted field ("")');
                }
            } else {
                const end = nextDelimiter(text, position);
                cell = text.slice(position, end);
                if (cell.includes('"')) {
                    throw new ExchangeInputError(`line ${line}`, 'a quote inside an unquoted field; quote the whole field and double the quote');
                }
                position = end;
            }
            cells.push(cell);
            if (text[position] === ',') {
                position++;
                continue;
            }
            break;
        }
        if (text[position] === '\r') {
            position++;
        }
        if (text[position] === '\n') {
            position++;
            line++;
        }
        rows.push({ line: startLine, cells });
    }
    return rows;
}

function nextDelimiter(text: string, from: number): number {
    for (let i = from; i < text.length; i++) {
        const char = text[i];
        if (char === ',' || char === '\n' || char === '\r') {
            return i;
        }
    }
    return text.length;
}
