/**
 * Intervention tracing and feedback loops: the structure analysis of the MARVEL method (TNO).
 * Pure functions of a {@link ModelGraph}, shared by the command line
 * (`marvel trace`, `marvel loops`), the diagram preview and the code lenses.
 *
 * Every search is bounded (see `bounds.ts`), deterministic and independent of declaration
 * order: factors are compared by identifier in code-unit order.
 */
export type { LoopBounds, PathBounds, TreeBounds, TruncationReason } from './bounds.js';
export { defaultLoopBounds, defaultPathBounds, defaultTreeBounds, StepBudget } from './bounds.js';
export type { InfluenceNode, InfluenceTree, TreeDirection } from './influence-tree.js';
export { influenceTree } from './influence-tree.js';
export type { CausalLink, LinkGraph } from './link-graph.js';
export { compareIds, linkGraphOf } from './link-graph.js';
export type { FeedbackLoop, LoopKind, LoopSearch } from './loops.js';
export { findLoops, loopKindOf, loopsByFactor } from './loops.js';
export type { PathMeasures, ScoreSettings } from './path-score.js';
export { defaultScoreSettings, measurePath } from './path-score.js';
export type { CausalPath, PathSearch } from './paths.js';
export { findPaths } from './paths.js';
export type { Effect, Verdict } from './signs.js';
export { effectOf, multiplySigns, productSign, verdictOf } from './signs.js';
export type { SignWeights, TraceOptions, TraceResult, TraceTarget, TracedPath } from './trace.js';
export { dominantSign, traceFactor, weigh } from './trace.js';
export { describeFactorId, describeLoop, describePath, describeTruncation } from './describe.js';
