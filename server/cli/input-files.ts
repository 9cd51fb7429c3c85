import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** A problem with what the user asked for, reported as one line and exit code 2. */
export class UsageError extends Error {}

export interface InputFile {
    /** Absolute path. */
    readonly path: string;
    /** How to print the path: as given, or relative to the working directory. */
    readonly displayPath: string;
    readonly text: string;
}

/**
 * Expands the paths given on the command line (a directory stands for every `.marvel`
 * file below it) and reads them as UTF-8 text, refusing anything that is not.
 */
export async function readInputFiles(paths: readonly string[], cwd: string = process.cwd()): Promise<InputFile[]> {
    const files: InputFile[] = [];
    const seen = new Set<string>();
    for (const given of paths) {
        const absolute = path.resolve(cwd, given);
        for (const file of await expand(absolute, given)) {
            if (!seen.has(file)) {
                seen.add(file);
                const shown = displayPath(file, cwd);
                files.push({ path: file, displayPath: shown, text: await readTextFile(file, shown) });
            }
        }
    }
    return files;
}

/** Reads a model file as UTF-8 text; throws {@link UsageError} with a plain reason otherwise. */
export async function readTextFile(file: string, shown: string = file): Promise<string> {
    let bytes: Buffer;
    try {
        bytes = await fs.readFile(file);
    } catch (error) {
        throw new UsageError(`cannot read '${shown}': ${reason(error)}`);
    }
    if (bytes.includes(0)) {
        throw new UsageError(`'${shown}' is a binary file, not a MARVEL model`);
    }
    try {
        return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
        throw new UsageError(`'${shown}' is not valid UTF-8 text; save it as UTF-8`);
    }
}

export function displayPath(file: string, cwd: string): string {
    const relative = path.relative(cwd, file);
    return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

async function expand(absolute: string, given: string): Promise<string[]> {
    let stat;
    try {
        stat = await fs.stat(absolute);
    } catch (error) {
        throw new UsageError(`cannot read '${given}': ${reason(error)}`);
    }
    if (!stat.isDirectory()) {
        return [absolute];
    }
    const found = await marvelFilesBelow(absolute);
    if (found.length === 0) {
        throw new UsageError(`'${given}' is a directory without .marvel files`);
    }
    return found;
}

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
        } else if (entry.isFile() && entry.name.endsWith('.marvel')) {
            files.push(full);
        }
    }
    return files;
}

function reason(error: unknown): string {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    switch (code) {
        case 'ENOENT': return 'no such file or directory';
        case 'EACCES': case 'EPERM': return 'permission denied';
        case 'EISDIR': return 'it is a directory';
        default: return error instanceof Error ? error.message : String(error);
    }
}
