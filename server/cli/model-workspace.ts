import type { LangiumDocument } from 'langium';
import { TextDocument, URI } from 'langium';
import type { MarvelFile } from '../../language/generated/ast.js';
import type { MarvelServices } from '../../language/marvel-module.js';
import { createMarvelServices } from '../../language/marvel-module.js';
import { marvelNodeFileSystem } from '../marvel-node-file-system.js';
import type { InputFile } from './input-files.js';
import { displayPath, readTextFile, UnreadableInputFile, UsageError } from './input-files.js';

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

export function diskSource(cwd: string): ImportSource {
    return { read: async file => (await readTextFile(file)).text, displayPath: file => displayPath(file, cwd) };
}

export async function loadWorkspace(inputs: readonly InputFile[], source: ImportSource): Promise<LoadedWorkspace> {
    const services = createMarvelServices(marvelNodeFileSystem()).Marvel;
    const factory = services.shared.workspace.LangiumDocumentFactory;
    const langiumDocuments = services.shared.workspace.LangiumDocuments;
    const imports = services.workspace.ImportResolver;
    const textDocuments = services.shared.workspace.TextDocuments!;
    const languageId = services.LanguageMetaData.languageId;
    const displayPaths = new Map<string, string>();
    const documents: LangiumDocument<MarvelFile>[] = [];

    const add = (file: URI, text: string, shown: string): LangiumDocument<MarvelFile> => {
        const document = factory.fromString<MarvelFile>(text, file);
        langiumDocuments.addDocument(document);
        displayPaths.set(document.uri.toString(), shown);
        documents.push(document);
        return document;
    };

    const roots = inputs.map(input => {
        const uri = URI.file(input.path);
        // A file named on the command line is MARVEL text whatever its name, as a file is in an editor set to MARVEL.
        textDocuments.set(TextDocument.create(uri.toString(), languageId, 0, input.text));
        return add(uri, input.text, input.displayPath);
    });
    for (let i = 0; i < documents.length; i++) {
        for (const importNode of documents[i].parseResult.value.imports) {
            // The editor's rule: the real file, if it is a .marvel file; one document per real file.
            const target = imports.importedFile(importNode);
            if (!target || target.scheme !== 'file' || langiumDocuments.hasDocument(target)) {
                continue;
            }
            try {
                const text = await source.read(target.fsPath);
                add(target, text, source.displayPath(imports.resolveImport(importNode)!.fsPath));
            } catch (error) {
                // An unreadable import is reported as `import-not-found` on the import statement, with the reason when it was refused.
                if (!(error instanceof UsageError)) {
                    throw error;
                }
                if (error instanceof UnreadableInputFile) {
                    services.workspace.UnreadableFiles.refused(target, error.reason);
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
