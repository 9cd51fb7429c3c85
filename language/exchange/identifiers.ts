/**
 * Identifiers for imported declarations: readable (made from the label), valid in the
 * language and unique within the model.
 */

/** Words of the grammar that cannot name a declaration. */
const reservedWords = new Set([
    'model', 'import', 'category', 'color', 'factor', 'intervention', 'kpi', 'key', 'indicator',
    'in', 'initial', 'increase', 'decrease', 'scenario'
]);

const identifierPattern = /^[_\p{L}][_\p{L}\p{N}]*$/u;

export function isValidIdentifier(text: string): boolean {
    return identifierPattern.test(text) && !reservedWords.has(text);
}

/** Hands out unique identifiers; a wanted one is kept when it is valid and free. */
export class IdentifierPool {
    private readonly taken = new Set<string>();

    /** `wanted` if valid and free; otherwise one made from the label. */
    claim(wanted: string | undefined, label: string): string {
        if (wanted !== undefined && isValidIdentifier(wanted) && !this.taken.has(wanted)) {
            this.taken.add(wanted);
            return wanted;
        }
        const base = identifierFromText(label);
        let candidate = base;
        for (let n = 2; this.taken.has(candidate); n++) {
            candidate = `${base}${n}`;
        }
        this.taken.add(candidate);
        return candidate;
    }
}

/** "Aantal daders (2018)" → "aantalDaders2018": words joined in camel case, diacritics kept. */
export function identifierFromText(text: string): string {
    const words = text.normalize('NFC').split(/[^\p{L}\p{N}_]+/u).filter(word => word.length > 0);
    const joined = words.map((word, i) => i === 0 ? lowerFirst(word) : upperFirst(word)).join('');
    const name = joined.length === 0 ? 'factor' : /^\p{N}/u.test(joined) ? `_${joined}` : joined;
    return reservedWords.has(name) ? `${name}_` : name;
}

function lowerFirst(word: string): string {
    // An all-capital word is an abbreviation (KPI, IND): keep it readable in lower case.
    return word === word.toUpperCase() ? word.toLowerCase() : word[0].toLowerCase() + word.slice(1);
}

function upperFirst(word: string): string {
    return word[0].toUpperCase() + word.slice(1);
}
