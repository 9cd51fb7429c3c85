/** Small checks for values posted into the webview, which arrive untyped. */

export function isArrayOf(value: unknown, type: 'string' | 'number'): boolean {
    return Array.isArray(value) && (value as unknown[]).every(item => typeof item === type);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null;
}
