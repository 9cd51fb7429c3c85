import type { DiagnosticCode } from './diagnostic-codes.js';

/** What each diagnostic code means, in one sentence: the rule's description in SARIF reports and other rule tables. */
export const diagnosticDescriptions: Readonly<Record<DiagnosticCode, string>> = {
    'syntax': 'The text does not follow the grammar (unclosed text or comment, missing comma, misspelt keyword).',
    'unresolved-reference': 'A name that is not declared in the file or the files it imports.',
    'duplicate-name': 'A name declared twice in one model.',
    'contradictory-relation': 'The same source and target linked with both + and -.',
    'duplicate-relation': 'The same relation with the same sign stated twice.',
    'self-relation': 'A factor that influences itself directly.',
    'unconnected-factor': 'A factor without relations to other factors.',
    'intervention-without-effect': 'An intervention from which no chain of relations reaches a KPI.',
    'kpi-not-influenced': 'A KPI that no intervention reaches.',
    'empty-category': 'A category without factors (also through sub-categories or `in`).',
    'duplicate-label': 'Two factors drawn with the same text (the same label, or a label like another factor\'s name): their boxes read alike.',
    'blank-label': 'A label with no text: the diagram and every export show the name instead.',
    'import-not-found': 'An import whose file does not exist or is not a .marvel file.',
    'kpi-without-direction': 'A KPI without increase or decrease.',
    'invalid-attribute': 'A strength or speed word that does not belong to its scale, or a negative number.',
    'duplicate-attribute': 'An attribute given twice, or delay and speed together.',
    'invalid-color': 'A category colour that is not #rgb or #rrggbb.',
    'category-conflict': 'A declaration placed with `in CATEGORY` that already sits in a category block.',
    'invalid-scenario': 'A factor set twice in a scenario, or an adjustment time that is not positive.',
    'mixed-effect': 'An intervention whose paths to a KPI have both signs: it works both ways.'
};
