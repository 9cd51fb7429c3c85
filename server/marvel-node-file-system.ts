import type { URI } from 'langium';
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
}

/** The disk as MARVEL reads it, for the language server and the command line. */
export const MarvelNodeFileSystem: Required<Pick<MarvelModuleContext, 'fileSystemProvider' | 'fileIdentity'>> = {
    fileSystemProvider: () => new MarvelNodeFileSystemProvider(),
    fileIdentity: () => new RealFileIdentity()
};
