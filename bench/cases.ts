import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { EmptyFileSystem, URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { generateModel } from './generate-model.js';
import type { CaseInput } from './run-case.js';
import type { SourceFile } from './bench-workspace.js';

export const generatedSizes = [100, 1000, 5000, 20000] as const;

/** The seed example, found next to the bundle (out/bench.cjs) so the benchmark runs from any directory. */
export function seedExamplePath(): string {
    return resolve(dirname(process.argv[1]), '..', 'examples', 'mensenhandel', 'mensenhandel.marvel');
}

/** A generated model held in memory only, as the language server holds open documents. */
export function generatedCase(factorCount: number): CaseInput {
    const model = generateModel(factorCount);
    const folder = `/bench/model-${factorCount}`;
    return {
        name: `${factorCount} factors`,
        context: EmptyFileSystem,
        files: model.files.map(file => ({ uri: URI.file(`${folder}/${file.path}`), text: file.text })),
        editUri: URI.file(`${folder}/${model.editPath}`),
        repetitions: 15
    };
}

/** The seed example and everything it imports, read from disk before any timing starts. */
export function seedCase(rootPath: string): CaseInput | undefined {
    if (!existsSync(rootPath)) {
        return undefined;
    }
    const files: SourceFile[] = [];
    const seen = new Set<string>();
    const queue = [rootPath];
    while (queue.length > 0) {
        const path = queue.shift()!;
        if (seen.has(path) || !existsSync(path)) {
            continue;
        }
        seen.add(path);
        const text = readFileSync(path, 'utf8');
        files.push({ uri: URI.file(path), text });
        // A pattern is enough to find the imports here; the build itself resolves them properly.
        for (const match of text.matchAll(/^\s*import\s+"([^"]+)"/gm)) {
            queue.push(resolve(dirname(path), match[1]));
        }
    }
    // The root file is the one edited: it is the file a modeller has open.
    return { name: 'seed example', context: NodeFileSystem, files, editUri: files[0].uri, repetitions: 15 };
}
