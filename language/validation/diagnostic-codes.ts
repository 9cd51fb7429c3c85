/** Every diagnostic code the language reports. The first eleven are the language contract. */
export const DiagnosticCode = {
    Syntax: 'syntax',
    UnresolvedReference: 'unresolved-reference',
    DuplicateName: 'duplicate-name',
    ContradictoryRelation: 'contradictory-relation',
    DuplicateRelation: 'duplicate-relation',
    SelfRelation: 'self-relation',
    UnconnectedFactor: 'unconnected-factor',
    InterventionWithoutEffect: 'intervention-without-effect',
    KpiNotInfluenced: 'kpi-not-influenced',
    EmptyCategory: 'empty-category',
    DuplicateLabel: 'duplicate-label',
    BlankLabel: 'blank-label',
    ImportNotFound: 'import-not-found',
    KpiWithoutDirection: 'kpi-without-direction',
    InvalidAttribute: 'invalid-attribute',
    DuplicateAttribute: 'duplicate-attribute',
    InvalidColor: 'invalid-color',
    CategoryConflict: 'category-conflict',
    InvalidScenario: 'invalid-scenario',
    MixedEffect: 'mixed-effect'
} as const;

export type DiagnosticCode = typeof DiagnosticCode[keyof typeof DiagnosticCode];
