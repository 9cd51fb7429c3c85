import type { URI } from 'vscode-uri';

/**
 * Which file a URI names. Two paths to one file (through a symbolic link, say) name the
 * same file, and MARVEL keeps one document per file: the command line and the language
 * server both create documents under the real path and find imports by it.
 */
export interface FileIdentity {
    /** The URI of the file itself (symbolic links resolved), or the URI unchanged when there is no such file. */
    realFile(uri: URI): URI;
}

/** Where there is no file system to ask (tests in memory, a browser): a URI names itself. */
export class LexicalFileIdentity implements FileIdentity {
    realFile(uri: URI): URI {
        return uri;
    }
}
