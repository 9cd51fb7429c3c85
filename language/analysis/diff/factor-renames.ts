import type { FactorNode, ModelGraph } from '../model-graph.js';

/**
 * The factors whose identifier changed while they stayed the same factor: a factor gone from the
 * old model and one new in the new model with the same kind, role and label, the only such
 * pair — its relations may have changed with it (a rename and an arrow added to the factor in
 * one change is a rename and an added relation, not a factor, its relations and its loops
 * removed and added). Without a label, a factor is recognised only by the same relations — the
 * same signs to and from the same factors, themselves possibly renamed — and one without label
 * and relations is never taken for a rename. Returns old identifier → new identifier.
 */
export function findRenames(before: ModelGraph, after: ModelGraph): Map<string, string> {
    const gone = before.factors.filter(f => !after.factor(f.id));
    const arrived = after.factors.filter(f => !before.factor(f.id));
    const renames = new Map<string, string>();
    if (gone.length === 0 || arrived.length === 0) {
        return renames;
    }
    const candidates = new Map<string, { gone: FactorNode[]; arrived: FactorNode[] }>();
    const group = (factor: FactorNode): { gone: FactorNode[]; arrived: FactorNode[] } => {
        const key = identity(factor);
        const found = candidates.get(key) ?? { gone: [], arrived: [] };
        candidates.set(key, found);
        return found;
    };
    gone.forEach(f => group(f).gone.push(f));
    arrived.forEach(f => group(f).arrived.push(f));

    // A label names the factor: the only labelled pair of an identity is a rename, whatever its relations.
    const byLabel = new Set<string>();
    for (const { gone: from, arrived: to } of candidates.values()) {
        if (from.length === 1 && to.length === 1 && hasLabel(from[0])) {
            renames.set(from[0].id, to[0].id);
            byLabel.add(from[0].id);
        }
    }
    // Unlabelled, the unambiguous pairs with relations; kept only while their relations agree under
    // all pairs (dropping one pair can break another that relied on it, so repeat until nothing drops).
    for (const { gone: from, arrived: to } of candidates.values()) {
        if (from.length === 1 && to.length === 1 && !hasLabel(from[0]) && before.outgoing(from[0].id).length + before.incoming(from[0].id).length > 0) {
            renames.set(from[0].id, to[0].id);
        }
    }
    dropDisagreeing(before, after, renames, byLabel);
    // Several candidates with one identity (unlabelled factors of one role): pair those whose relations are unique.
    for (const { gone: from, arrived: to } of candidates.values()) {
        if (from.length > 1 || to.length > 1) {
            const byRelations = new Map<string, string[]>();
            for (const factor of to) {
                const key = relationPrint(after, factor.id, id => id);
                byRelations.set(key, [...byRelations.get(key) ?? [], factor.id]);
            }
            for (const factor of from) {
                const matches = byRelations.get(relationPrint(before, factor.id, id => renames.get(id) ?? id));
                if (matches?.length === 1 && before.outgoing(factor.id).length + before.incoming(factor.id).length > 0) {
                    renames.set(factor.id, matches[0]);
                }
            }
        }
    }
    dropDisagreeing(before, after, renames, byLabel);
    return renames;
}

/** Drops the renames (but those in `kept`) whose relations do not agree under all renames. */
function dropDisagreeing(before: ModelGraph, after: ModelGraph, renames: Map<string, string>, kept: ReadonlySet<string>): void {
    for (let dropped = true; dropped;) {
        dropped = false;
        for (const [from, to] of renames) {
            if (!kept.has(from) && relationPrint(before, from, id => renames.get(id) ?? id) !== relationPrint(after, to, id => id)) {
                renames.delete(from);
                dropped = true;
            }
        }
    }
}

function hasLabel(factor: FactorNode): boolean {
    return factor.label !== factor.id;
}

/** What must stay for a rename: kind, role and label (a missing label is left as the identifier, which changed). */
function identity(factor: FactorNode): string {
    return [factor.kind, factor.role, hasLabel(factor) ? factor.label : ''].join('\u0000');
}

/** A factor's relations as sorted text, with the other ends under the given naming; `self` stands for the factor. */
function relationPrint(graph: ModelGraph, id: string, name: (id: string) => string): string {
    const other = (end: string): string => end === id ? '\u0001self' : name(end);
    return [
        ...graph.outgoing(id).map(r => `>${r.sign}${other(r.target)}`),
        ...graph.incoming(id).map(r => `<${r.sign}${other(r.source)}`)
    ].sort().join('\u0000');
}
