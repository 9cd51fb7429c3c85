// The language core runs in Node (CLI, language server, layout worker) and in the browser
// (webview), so its own project has neither runtime's types. Both have this much of a console.
declare const console: {
    error(...data: unknown[]): void;
};
