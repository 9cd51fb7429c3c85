import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './input-files.js';

/**
 * Writes a whole file or nothing: the text goes to a temporary file beside the target, which
 * is renamed over it only once complete, so a failure (a disk that fills up midway) never
 * leaves a partial output or a model cut short behind. A symbolic link stays a link: the file
 * it points to is the one replaced, and keeps its permissions. A device or a pipe
 * (`/dev/stdout`, a named pipe) is written through, as a shell's redirection would: renaming
 * over it would put a plain file where it was; so is a file in a folder that takes no new
 * file. `file` is relative to `cwd`, and named in a failure as given.
 */
export async function writeWholeFile(file: string, text: string, cwd: string): Promise<void> {
    const given = path.resolve(cwd, file);
    const target = await fs.realpath(given).catch(() => given);
    const existing = await fs.stat(target).catch(() => undefined);
    if (existing?.isDirectory()) {
        throw new UsageError(`cannot write '${file}': it is a folder`);
    }
    const writeThrough = async (): Promise<void> => {
        await fs.writeFile(target, text, 'utf8').catch((error: unknown) => {
            throw cannotWrite(file, error);
        });
    };
    if (existing && !existing.isFile()) {
        return writeThrough();
    }
    const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
    try {
        await fs.writeFile(temporary, text, 'utf8');
    } catch (error) {
        await fs.rm(temporary, { force: true });
        if (existing && isCode(error, 'EACCES', 'EPERM')) {
            return writeThrough();
        }
        throw cannotWrite(file, error);
    }
    try {
        if (existing) {
            await fs.chmod(temporary, existing.mode & 0o7777);
        }
        await fs.rename(temporary, target);
    } catch (error) {
        await fs.rm(temporary, { force: true });
        throw cannotWrite(file, error);
    }
}

function isCode(error: unknown, ...codes: string[]): boolean {
    return error instanceof Error && 'code' in error && codes.includes(String(error.code));
}

function cannotWrite(file: string, error: unknown): UsageError {
    return new UsageError(`cannot write '${file}': ${error instanceof Error ? error.message : String(error)}`);
}
