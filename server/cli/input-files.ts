import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileErrorReason, readModelFile, UnreadableModelFile } from '../model-file-reader.js';

/** A problem with what the user asked for, reported as one line and exit code 2. */
export class UsageError extends Error {}

/** A model file that exists but that MARVEL does not read, with the reason alone (for the diagnostic on an import of it). */
export class UnreadableInputFile extends UsageError {
    constructor(shown: string, readonly reason: string) {
        super(`cannot read '${shown}': ${reason}`);
    }
}

export interface InputFile {
    /** Absolute real path (symbolic links resolved): one file, one document. */
    readonly path: string;
    /** How to print the path: as given, or relative to the working directory. */
    readonly displayPath: string;
    readonly text: string;
    /** Whether the file starts with a UTF-8 byte order mark (not part of `text`). */
    readonly byteOrderMark?: boolean;
}

/**
 * Expands the paths given on the command line (a directory stands for every `.marvel`
 * file below it) and reads them as UTF-8 text, refusing anything that is not. A file reached
 * twice, under any name, is read once. A file named on the command line is MARVEL text
 * whatever its name; only a directory's files must end in `.marvel`.
 */
export async function readInputFiles(paths: readonly string[], cwd: string): Promise<InputFile[]> {
    const files: InputFile[] = [];
    const seen = new Set<string>();
    for (const given of paths) {
        for (const file of await expand(path.resolve(cwd, given), given)) {
            const shown = displayPath(file, cwd);
            const real = await realPath(file, shown);
            if (!seen.has(real)) {
                seen.add(real);
                files.push({ path: real, displayPath: shown, ...await readTextFile(real, shown) });
            }
        }
    }
    return files;
}

/** Reads a model file as UTF-8 text; throws {@link UsageError} with a plain reason otherwise. */
export async function readTextFile(file: string, shown: string = file): Promise<{ text: string; byteOrderMark: boolean }> {
    try {
        return await readModelFile(file);
    } catch (error) {
        if (error instanceof UnreadableModelFile) {
            throw error.missing ? new UsageError(`cannot read '${shown}': ${error.message}`) : new UnreadableInputFile(shown, error.message);
        }
        throw error;
    }
}

export function displayPath(file: string, cwd: string): string {
    const relative = path.relative(cwd, file);
    return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/** The absolute paths a given path stands for, as reached (through links), for display. */
async function expand(absolute: string, given: string): Promise<string[]> {
    if (!(await statOf(absolute, given)).isDirectory()) {
        return [absolute];
    }
    const found = await marvelFilesBelow(absolute);
    if (found.length === 0) {
        throw new UsageError(`'${given}' is a directory without .marvel files`);
    }
    return found;
}

/**
 * `.marvel` files below a directory, as the language server finds them in a workspace: a
 * link counts when its real file is a `.marvel` file (listed under the real path, so that a
 * file is met once); links to directories are not followed, as they may loop.
 */
async function marvelFilesBelow(directory: string): Promise<string[]> {
    const entries = await fs.readdir(directory, { withFileTypes: true });
    const files: string[] = [];
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        if (entry.name.startsWith('.') || entry.name === 'node_modules') {
            continue;
        }
        const full = path.join(directory, entry.name);
        if (entry.isDirectory()) {
            files.push(...await marvelFilesBelow(full));
        } else if (entry.isSymbolicLink()) {
            const real = await fs.realpath(full).catch(() => undefined);
            if (real?.endsWith('.marvel') && !(await fs.stat(real)).isDirectory()) {
                files.push(real);
            }
        } else if (entry.name.endsWith('.marvel')) {
            // Whatever it is (a pipe, a socket): reading it says why it is refused.
            files.push(full);
        }
    }
    return files;
}

async function statOf(file: string, shown: string): Promise<{ isDirectory(): boolean }> {
    try {
        return await fs.stat(file);
    } catch (error) {
        throw new UsageError(`cannot read '${shown}': ${fileErrorReason(error)}`);
    }
}

async function realPath(file: string, shown: string): Promise<string> {
    try {
        return await fs.realpath(file);
    } catch (error) {
        throw new UsageError(`cannot read '${shown}': ${fileErrorReason(error)}`);
    }
}
