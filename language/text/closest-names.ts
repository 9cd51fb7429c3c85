/**
 * Up to three names close to a misspelt or shortened one: within a small edit distance,
 * closest first, then names it begins (`strafrecht` for `strafrechtketen`), shortest first.
 */
export function closestNames(misspelt: string, candidates: readonly string[], limit = 3): string[] {
    const maxDistance = Math.max(1, Math.min(3, Math.floor(misspelt.length / 3)));
    const lower = misspelt.toLowerCase();
    const close = candidates
        .map(candidate => ({ candidate, distance: editDistance(lower, candidate.toLowerCase(), maxDistance) }))
        .filter(entry => entry.distance <= maxDistance && entry.candidate !== misspelt)
        .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
        .map(entry => entry.candidate);
    const longer = lower.length < minimumPrefix ? [] : candidates
        .filter(candidate => candidate.length > lower.length && candidate.toLowerCase().startsWith(lower) && !close.includes(candidate))
        .sort((a, b) => a.length - b.length || a.localeCompare(b));
    return [...close, ...longer].slice(0, limit);
}

/** A name this short begins too many others to suggest them. */
const minimumPrefix = 4;

/** Levenshtein distance, giving up (returning `bound + 1`) once it must exceed `bound`. */
function editDistance(a: string, b: string, bound: number): number {
    if (Math.abs(a.length - b.length) > bound) {
        return bound + 1;
    }
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        let rowMin = i;
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
            rowMin = Math.min(rowMin, current[j]);
        }
        if (rowMin > bound) {
            return bound + 1;
        }
        previous = current;
    }
    return previous[b.length];
}
