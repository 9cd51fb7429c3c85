import type { Direction, FactorKind, SpeedClass, StrengthClass } from '../analysis/model-graph.js';

/**
 * What an import makes of a foreign file before it becomes MARVEL text: the model's
 * declarations with valid, unique identifiers. Plain data; nothing here reads files.
 */
export interface DraftModel {
    readonly name?: string;
    readonly title?: string;
    readonly categories: readonly DraftCategory[];
    readonly factors: readonly DraftFactor[];
    readonly relations: readonly DraftRelation[];
}

export interface DraftCategory {
    readonly id: string;
    readonly label: string;
    readonly color?: string;
    readonly parent?: string;
    readonly description?: string;
}

export interface DraftFactor {
    readonly id: string;
    readonly label: string;
    readonly kind: FactorKind;
    readonly key: boolean;
    readonly indicator: boolean;
    readonly direction?: Direction;
    readonly category?: string;
    readonly initial?: number;
    readonly description?: string;
}

export interface DraftRelation {
    readonly source: string;
    readonly target: string;
    readonly sign: '+' | '-' | '?';
    /** Absent: average. */
    readonly strength?: StrengthClass | number;
    /** A class or a delay time; absent: average. */
    readonly speed?: SpeedClass | number;
    /** An explicit delay (overrides speed). */
    readonly delay?: number;
    readonly note?: string;
}

/** Something in the input that the model cannot say as it was: kept as a note or description, and reported. */
export interface ImportWarning {
    /** Where in the input: a line, a record, an element. */
    readonly place: string;
    readonly message: string;
}

export interface ImportResult {
    readonly model: DraftModel;
    readonly warnings: readonly ImportWarning[];
}

/**
 * Input that cannot be read as the format it claims to be. `place` names where (a line,
 * an element), so that the user can find it.
 */
export class ExchangeInputError extends Error {
    constructor(readonly place: string, readonly reason: string) {
        super(`${place}: ${reason}`);
    }
}
