import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './input-files.js';

/**
 * Writes a whole file or nothing: the text goes to a temporary file beside the target, which
 * is renamed over it only once complete, so a failure never leaves a partial output behind.
 * `file` is relative to `cwd`, and named in a failure as given.
 */
export async function writeWholeFile(file: string, text: string, cwd: string): Promise<void> {
    const target = path.resolve(cwd, file);
    const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
    try {
        await fs.writeFile(temporary, text, 'utf8');
        await fs.rename(temporary, target);
    } catch (error) {
        await fs.rm(temporary, { force: true });
        throw new UsageError(`cannot write '${file}': ${error instanceof Error ? error.message : String(error)}`);
    }
}
