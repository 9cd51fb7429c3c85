import { promises as fs } from 'node:fs';
import type { FileSystemNode } from 'langium';
import { URI } from 'langium';
import { NodeFileSystemProvider } from 'langium/node';
import type { MarvelModuleContext } from '../language/marvel-module.js';
import { readModelFile, UnreadableModelFile } from './model-file-reader.js';
import { RealFileIdentity } from './real-file-identity.js';

/**
 * Reads model files the way the command line does ({@link readModelFile}): regular files up
 * to the size limit only. A refused file is read as empty, with the reason in the log, so one
 * pipe or device among the models can neither hang the server nor fail every later build.
 */
export class MarvelNodeFileSystemProvider extends NodeFileSystemProvider {
    override async readFile(uri: URI): Promise<string> {
        try {
            return (await readModelFile(uri.fsPath)).text;
        } catch (error) {
            if (error instanceof UnreadableModelFile) {
                console.warn(`MARVEL: not reading ${uri.fsPath}: ${error.message}`);
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

/** The disk as MARVEL reads it, for the language server and the command line. */
export const MarvelNodeFileSystem: Required<Pick<MarvelModuleContext, 'fileSystemProvider' | 'fileIdentity'>> = {
    fileSystemProvider: () => new MarvelNodeFileSystemProvider(),
    fileIdentity: () => new RealFileIdentity()
};
