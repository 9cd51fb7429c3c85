import { setFlagsFromString } from 'node:v8';

/**
 * How much V8 lets the heap grow past what a full garbage collection left, in percent. By
 * default it grows to two to four times that: `marvel check` of a 20 MB file (1.2 GB live)
 * peaked at 1.9 GB. At 40 % the peak stays near the live heap (1.4 GB) for the price of more
 * frequent full collections, which cost that check no measurable time. The language server
 * keeps V8's default: there the extra collections lengthened the slowest completions of a
 * 5,000-factor model (p95 79 → 106 ms), and a reply's delay matters more than the peak.
 */
const heapGrowingPercent = 40;

/** Sets {@link heapGrowingPercent} for this process and its worker threads: the `marvel` process calls it first. */
export function limitHeapGrowth(): void {
    setFlagsFromString(`--heap-growing-percent=${heapGrowingPercent}`);
}
