import { realpathSync } from 'node:fs';
import { URI } from 'langium';
import type { FileIdentity } from '../language/workspace/file-identity.js';

/** Names a file by its real path on disk, with every symbolic link resolved. */
export class RealFileIdentity implements FileIdentity {
    realFile(uri: URI): URI {
        if (uri.scheme !== 'file') {
            return uri;
        }
        try {
            const real = realpathSync.native(uri.fsPath);
            return real === uri.fsPath ? uri : URI.file(real);
        } catch {
            return uri;
        }
    }
}
