import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './input-files.js';

/**
 * Writes a whole file or nothing: the text goes to a temporary file beside the target, which
 * is renamed over it only once complete, so a failure never leaves a partial output behind.
 */
export async function writeWholeFile(file: string, text: string): Promise<void> {
    const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
    try {
        await fs.writeFile(temporary, text, 'utf8');
        await fs.rename(temporary, file);
    } catch (error) {
        await fs.rm(temporary, { force: true });
        throw new UsageError(`cannot write '${file}': ${error instanceof Error ? error.message : String(error)}`);
    }
}
