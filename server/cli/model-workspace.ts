import type { LangiumDocument } from 'langium';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import type { MarvelFile } from '../../language/generated/ast.js';
import type { MarvelServices } from '../../language/marvel-module.js';
import { createMarvelServices } from '../../language/marvel-module.js';
import type { InputFile } from './input-files.js';
import { displayPath, readTextFile, UsageError } from './input-files.js';

/** The command line's view of one or more models: the given files plus everything they import, built and validated. */
export interface LoadedWorkspace {
    readonly services: MarvelServices;
    /** The given files first, in the order given, then imported ones in the order met. */
    readonly documents: readonly LangiumDocument<MarvelFile>[];
    /** The documents of the given files. */
    readonly roots: readonly LangiumDocument<MarvelFile>[];
    displayPath(document: LangiumDocument): string;
}

/** Where imported files come from: the disk, or another version of the files (a git revision). */
export interface ImportSource {
    /** The file's text; throws {@link UsageError} when it cannot be read. */
    read(file: string): Promise<string>;
    displayPath(file: string): string;
}

export function diskSource(cwd: string = process.cwd()): ImportSource {
    return { read: file => readTextFile(file), displayPath: file => displayPath(file, cwd) };
}

export async function loadWorkspace(inputs: readonly InputFile[], source: ImportSource = diskSource()): Promise<LoadedWorkspace> {
    const services = createMarvelServices(NodeFileSystem).Marvel;
    const factory = services.shared.workspace.LangiumDocumentFactory;
    const langiumDocuments = services.shared.workspace.LangiumDocuments;
    const imports = services.workspace.ImportResolver;
    const displayPaths = new Map<string, string>();
    const documents: LangiumDocument<MarvelFile>[] = [];

    const add = (file: string, text: string, shown: string): LangiumDocument<MarvelFile> => {
        const document = factory.fromString<MarvelFile>(text, URI.file(file));
        langiumDocuments.addDocument(document);
        displayPaths.set(document.uri.toString(), shown);
        documents.push(document);
        return document;
    };

    const roots = inputs.map(input => add(input.path, input.text, input.displayPath));
    for (let i = 0; i < documents.length; i++) {
        for (const importNode of documents[i].parseResult.value.imports) {
            const target = imports.resolveImport(importNode);
            if (!target || target.scheme !== 'file' || langiumDocuments.hasDocument(target) || !target.fsPath.endsWith('.marvel')) {
                continue;
            }
            try {
                const text = await source.read(target.fsPath);
                add(target.fsPath, text, source.displayPath(target.fsPath));
            } catch (error) {
                // An unreadable import is reported as `import-not-found` on the import statement.
                if (!(error instanceof UsageError)) {
                    throw error;
                }
            }
        }
    }
    await services.shared.workspace.DocumentBuilder.build(documents, { validation: true });
    return {
        services,
        documents,
        roots,
        displayPath: document => displayPaths.get(document.uri.toString()) ?? document.uri.fsPath
    };
}
