// The language core runs in Node (CLI, language server, layout worker) and in the browser
// (webview), so its own project has neither runtime's types. Both runtimes have these.
declare const console: {
    error(...data: unknown[]): void;
};
declare function setTimeout(handler: () => void, timeout?: number): unknown;
declare function clearTimeout(handle: unknown): void;
declare function structuredClone<T>(value: T): T;
