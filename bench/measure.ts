import { performance } from 'node:perf_hooks';

/** Wall-clock and CPU time of one measured action, in milliseconds. */
export interface Timing {
    readonly wallMs: number;
    /**
     * CPU time of the whole process (all threads, so parallel garbage collection counts too).
     * Much less than the wall time means the process waited for a core: the machine was busy.
     */
    readonly cpuMs: number;
}

export async function timeAsync(action: () => Promise<void>): Promise<Timing> {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    await action();
    const wallMs = performance.now() - start;
    const cpu = process.cpuUsage(cpuStart);
    return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** Median of the samples; the middle value resists the odd garbage-collection pause. */
export function median(samples: readonly number[]): number {
    if (samples.length === 0) {
        return Number.NaN;
    }
    const sorted = [...samples].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Collects garbage twice (weak references and finalizers need a second pass); a no-op without --expose-gc. */
export function collectGarbage(): void {
    globalThis.gc?.();
    globalThis.gc?.();
}

export function hasGc(): boolean {
    return typeof globalThis.gc === 'function';
}

const megabyte = 1024 * 1024;

/** Heap in use after a full collection, in MB: what the process really retains. */
export function retainedHeapMb(): number {
    collectGarbage();
    return process.memoryUsage().heapUsed / megabyte;
}

export function rssMb(): number {
    return process.memoryUsage().rss / megabyte;
}

/** The highest resident set size this process has had so far, in MB. */
export function peakRssMb(): number {
    // maxRSS is reported in kilobytes.
    return process.resourceUsage().maxRSS / 1024;
}
