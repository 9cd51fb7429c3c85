// SDEverywhere's compiler ships without type declarations; these are the parts the tests use.
declare module '@sdeverywhere/compile' {
    export function resetState(): void;
    export function parseInlineVensimModel(text: string, modelDirectory: string): object;
    export function parseInlineXmileModel(text: string, modelDirectory: string): object;
    export function generateCode(parsedModel: object, options: {
        spec: { inputVarNames: string[]; outputVarNames: string[] };
        operations: string[];
        extData: Map<string, unknown>;
        directData: Map<string, unknown>;
        modelDirname: string;
    }): string;
}
