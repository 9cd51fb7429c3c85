import type { Direction, FactorKind, FactorNode, RelationEdge, Sign, SourceLocation, SpeedClass, StrengthClass } from './model-graph.js';
import { ModelGraph } from './model-graph.js';
import type { RelationScales } from './relation-scales.js';
import { defaultRelationScales } from './relation-scales.js';

/**
 * Model graphs written directly as data, without parsing a `.marvel` file: for tests of the
 * analyses, benchmarks on generated graphs, and callers that synthesise a graph. Locations
 * point at an empty range of a placeholder URI.
 */
export interface LiteralFactor {
    readonly id: string;
    readonly label?: string;
    /** Default `factor`. */
    readonly kind?: FactorKind;
    /** For a KPI. */
    readonly direction?: Direction;
}

export interface LiteralRelation {
    readonly source: string;
    readonly target: string;
    readonly sign: Sign;
    /** A class or a number; default `average`. */
    readonly strength?: StrengthClass | number;
    /** Default `average`; ignored when `delay` is given. */
    readonly speed?: SpeedClass;
    /** An explicit delay. */
    readonly delay?: number;
}

const nowhere: SourceLocation = { uri: 'literal:///graph', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };

/**
 * A graph from factors and relations. A factor may be given as its identifier alone; a
 * relation as `"a -> +b"` (sign `+`, `-` or `?`). Factors that relations mention but the list
 * does not are added as ordinary factors, in order of first mention.
 */
export function literalModelGraph(factors: ReadonlyArray<string | LiteralFactor>, relations: ReadonlyArray<string | LiteralRelation>, scales: RelationScales = defaultRelationScales): ModelGraph {
    const byId = new Map<string, FactorNode>();
    const declare = (factor: string | LiteralFactor): void => {
        const spec = typeof factor === 'string' ? { id: factor } : factor;
        if (byId.has(spec.id)) {
            return;
        }
        const kind = spec.kind ?? 'factor';
        byId.set(spec.id, {
            id: spec.id,
            label: spec.label ?? spec.id,
            kind,
            role: kind === 'factor' ? 'factor' : kind,
            key: false,
            direction: spec.direction,
            initial: 0.5,
            location: nowhere,
            nameLocation: nowhere
        });
    };
    factors.forEach(declare);
    const edges = relations.map((relation, index) => {
        const spec = typeof relation === 'string' ? parseRelation(relation) : relation;
        declare(spec.source);
        declare(spec.target);
        return toEdge(spec, index, scales);
    });
    return new ModelGraph({ factors: [...byId.values()], categories: [], relations: edges, scenarios: [] });
}

const relationPattern = /^\s*([^\s-]+)\s*->\s*([+?-])\s*(\S+)\s*$/u;

function parseRelation(text: string): LiteralRelation {
    const match = relationPattern.exec(text);
    if (!match) {
        throw new Error(`not a relation: '${text}' (expected 'a -> +b')`);
    }
    return { source: match[1], sign: match[2] as Sign, target: match[3] };
}

function toEdge(spec: LiteralRelation, index: number, scales: RelationScales): RelationEdge {
    const strengthClass = typeof spec.strength === 'number' ? undefined : spec.strength ?? 'average';
    const strength = typeof spec.strength === 'number' ? spec.strength : scales.strength[strengthClass!];
    const explicitDelay = spec.delay !== undefined;
    const speedClass = explicitDelay ? undefined : spec.speed ?? 'average';
    return {
        index,
        source: spec.source,
        target: spec.target,
        sign: spec.sign,
        strength,
        strengthClass,
        speedClass,
        delay: spec.delay ?? scales.delay[speedClass!],
        explicitDelay,
        location: nowhere,
        targetLocation: nowhere
    };
}
