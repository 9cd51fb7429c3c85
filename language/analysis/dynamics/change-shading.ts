import type { SimulationResult } from './simulate.js';

/**
 * How far each factor has moved since t = 0 at one time of a run, for colouring the diagram:
 * its direction and a strength from 0 to 1 relative to the largest change anywhere in the run,
 * so that the colours at different times compare and the slow relations visibly lag.
 */
export interface ChangeShade {
    readonly direction: 'up' | 'down';
    readonly change: number;
    /** 0 (no change) to 1 (the run's largest change); square-rooted so small changes still show. */
    readonly strength: number;
}

/** Changes smaller than this share of the run's largest are shown as none. */
const unnoticeable = 1e-4;

export function changeShades(result: SimulationResult, timeIndex: number): Map<string, ChangeShade> {
    let largest = 0;
    for (const values of result.series.values()) {
        for (const value of values) {
            largest = Math.max(largest, Math.abs(value - values[0]));
        }
    }
    const shades = new Map<string, ChangeShade>();
    if (largest === 0) {
        return shades;
    }
    for (const [id, values] of result.series) {
        const change = values[Math.min(timeIndex, values.length - 1)] - values[0];
        const relative = Math.abs(change) / largest;
        if (relative >= unnoticeable) {
            shades.set(id, { direction: change > 0 ? 'up' : 'down', change, strength: Math.sqrt(relative) });
        }
    }
    return shades;
}
