import { promises as fs } from 'node:fs';
import type { FileSystemNode } from 'langium';
import { URI } from 'langium';
import { NodeFileSystemProvider } from 'langium/node';
import type { MarvelModuleContext } from '../language/marvel-module.js';
import { UnreadableFiles } from '../language/workspace/unreadable-files.js';
import { readModelFile, UnreadableModelFile } from './model-file-reader.js';
import { RealFileIdentity } from './real-file-identity.js';

/**
 * Reads model files the way the command line does ({@link readModelFile}): regular files up
 * to the size limit only. A refused file is read as empty, with the reason in the log, so one
 * pipe or device among the models can neither hang the server nor fail every later build.
 */
export class MarvelNodeFileSystemProvider extends NodeFileSystemProvider {
    constructor(private readonly unreadableFiles: UnreadableFiles) {
        super();
    }

    override async readFile(uri: URI): Promise<string> {
        try {
            const text = (await readModelFile(uri.fsPath)).text;
            this.unreadableFiles.read(uri);
            return text;
        } catch (error) {
            if (error instanceof UnreadableModelFile) {
                console.warn(`MARVEL: not reading ${uri.fsPath}: ${error.message}`);
                if (!error.missing) {
                    this.unreadableFiles.refused(uri, error.message);
                }
                return '';
            }
            throw error;
        }
    }

    /**
     * Lists a link to a regular file as that file, under its real path, as `marvel check` does
     * with a directory: a workspace whose `.marvel` files are links holds those models, and a
     * file met twice is one document. Links to directories are not followed (they may loop).
     */
    override async readDirectory(uri: URI): Promise<FileSystemNode[]> {
        const entries = await super.readDirectory(uri);
        return Promise.all(entries.map(entry => entry.isFile || entry.isDirectory ? entry : this.linkedFile(entry)));
    }

    private async linkedFile(entry: FileSystemNode): Promise<FileSystemNode> {
        try {
            const real = await fs.realpath(entry.uri.fsPath);
            if ((await fs.stat(real)).isFile()) {
                return { isFile: true, isDirectory: false, uri: URI.file(real) };
            }
        } catch {
            // A dangling link: nothing to read.
        }
        return entry;
    }
}

/** The disk as MARVEL reads it, for the language server and the command line: one per set of services. */
export function marvelNodeFileSystem(): Required<Pick<MarvelModuleContext, 'fileSystemProvider' | 'fileIdentity' | 'unreadableFiles'>> {
    const unreadableFiles = new UnreadableFiles();
    return {
        fileSystemProvider: () => new MarvelNodeFileSystemProvider(unreadableFiles),
        fileIdentity: () => new RealFileIdentity(),
        unreadableFiles: () => unreadableFiles
    };
}
