import { SaxesParser } from 'saxes';
import { ExchangeInputError } from './exchange-model.js';

/**
 * A small XML element tree for the readers of GraphML and XMILE. Parsing
 * never loads anything: a document type declaration, the only way to bring in external
 * entities, is refused.
 */
export interface XmlElement {
    /** The name without its namespace prefix. */
    readonly name: string;
    readonly attributes: ReadonlyMap<string, string>;
    readonly children: readonly XmlElement[];
    /** The element's own text (not its children's), as written. */
    readonly text: string;
    /** Line of its start tag. */
    readonly line: number;
}

interface BuildingElement {
    name: string;
    attributes: Map<string, string>;
    children: BuildingElement[];
    text: string;
    line: number;
}

export function parseXml(text: string): XmlElement {
    const parser = new SaxesParser({ position: true });
    const stack: BuildingElement[] = [];
    let root: BuildingElement | undefined;
    parser.on('doctype', () => {
        throw new ExchangeInputError(`line ${parser.line}`, 'a document type declaration (<!DOCTYPE …>) is not accepted: MARVEL never loads external entities');
    });
    parser.on('opentag', tag => {
        const attributes = new Map<string, string>();
        for (const [name, value] of Object.entries(tag.attributes)) {
            attributes.set(localName(name), typeof value === 'string' ? value : value.value);
        }
        const element: BuildingElement = { name: localName(tag.name), attributes, children: [], text: '', line: parser.line };
        const parent = stack.at(-1);
        if (parent) {
            parent.children.push(element);
        } else {
            root = element;
        }
        stack.push(element);
    });
    const addText = (chunk: string): void => {
        const current = stack.at(-1);
        if (current) {
            current.text += chunk;
        }
    };
    parser.on('text', addText);
    parser.on('cdata', addText);
    parser.on('closetag', () => {
        stack.pop();
    });
    try {
        parser.write(text.replace(/^\uFEFF/, '')).close();
    } catch (error) {
        if (error instanceof ExchangeInputError) {
            throw error;
        }
        // saxes says "file:line:column: reason"; the place is ours to name.
        const message = error instanceof Error ? error.message : String(error);
        const match = /^(?:[^:]*:)?(\d+):(\d+): (.*)$/s.exec(message);
        throw new ExchangeInputError(match ? `line ${match[1]}, column ${Number(match[2]) + 1}` : `line ${parser.line}`, `not well-formed XML: ${match ? match[3] : message}`);
    }
    if (!root) {
        throw new ExchangeInputError('line 1', 'no XML element in the file');
    }
    return root;
}

function localName(name: string): string {
    const colon = name.indexOf(':');
    return colon < 0 ? name : name.slice(colon + 1);
}

export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
    return element.children.filter(child => child.name === name);
}

export function childNamed(element: XmlElement, name: string): XmlElement | undefined {
    return element.children.find(child => child.name === name);
}

/** Text for XML content or an attribute value; characters XML 1.0 cannot hold are dropped. */
export function xmlText(text: string): string {
    // Most names and numbers need nothing: skip the replacements (they dominate a large export).
    if (!/[&<>"\u0000-\u001F\uFFFE\uFFFF]/.test(text)) {
        return text;
    }
    return text
        .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
        .replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)
        .replace(/[\n\r\t]/g, c => `&#${c.charCodeAt(0)};`);
}
