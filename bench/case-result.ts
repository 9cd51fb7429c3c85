import type { Timing } from './measure.js';

/** What one benchmark case measured; passed from the child process that ran it to the report as JSON. */
export interface CaseResult {
    readonly name: string;
    readonly files: number;
    readonly lines: number;
    readonly factors: number;
    readonly relations: number;
    /** First build in a fresh process: what a user waits for when the language server opens the model. */
    readonly build: Timing;
    /** The same build again with new services in the same process, once the code is optimised; undefined when the case stopped before. */
    readonly warmBuild: Timing | undefined;
    /** The first edit after the build, before the JIT has warmed up to edits. */
    readonly firstEdit: Timing | undefined;
    /** Measured after a few unmeasured warm-up edits: what a modeller meets while typing. */
    readonly signEdits: readonly Timing[];
    readonly targetEdits: readonly Timing[];
    readonly signEdit: string;
    readonly targetEdit: string;
    /** Heap retained by the built workspace after a full collection, services excluded. */
    readonly heapMb: number;
    readonly rssMb: number;
    readonly peakRssMb: number;
    readonly errors: number;
    readonly warnings: number;
    /** Set when the case was stopped before it finished; the figures after that point are missing. */
    readonly stopped?: string;
}
