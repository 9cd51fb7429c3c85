import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './input-files.js';
import { svgToPng } from './png.js';

/**
 * Writes a whole file or nothing: the text goes to a temporary file beside the target, which
 * is renamed over it only once complete, so a failure (a disk that fills up midway) never
 * leaves a partial output or a model cut short behind. A symbolic link stays a link: the file
 * it points to is the one replaced, and keeps its permissions. A device or a pipe
 * (`/dev/stdout`, a named pipe) is written through, as a shell's redirection would: renaming
 * over it would put a plain file where it was; so is a file in a folder that takes no new
 * file. `file` is relative to `cwd`, and named in a failure as given.
 */
export async function writeWholeFile(file: string, text: string | Uint8Array, cwd: string): Promise<void> {
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

/** Checks an output picture's name before any work is done: `.svg` or `.png`. */
export function pictureFormat(output: string): '.svg' | '.png' {
    const format = path.extname(output).toLowerCase();
    if (format !== '.svg' && format !== '.png') {
        throw new UsageError(`cannot tell the format of '${output}': name it .svg or .png`);
    }
    return format;
}

/**
 * Writes an SVG picture, or a PNG of it drawn with the DejaVu fonts the text was measured in
 * (`pngScale` pixels a unit, twice the picture's own size unless given), whole; `output` is relative to `cwd`.
 */
export async function writePicture(output: string, svg: string, cwd: string, pngScale = 2): Promise<void> {
    let content: string | Uint8Array = svg;
    if (pictureFormat(output) === '.png') {
        try {
            content = await svgToPng(svg, pngScale);
        } catch (error) {
            throw new UsageError(`cannot draw '${output}': ${error instanceof Error ? error.message : String(error)}`);
        }
    }
    await writeWholeFile(output, content, cwd);
}

function isCode(error: unknown, ...codes: string[]): boolean {
    return error instanceof Error && 'code' in error && codes.includes(String(error.code));
}

function cannotWrite(file: string, error: unknown): UsageError {
    return new UsageError(`cannot write '${file}': ${error instanceof Error ? error.message : String(error)}`);
}
