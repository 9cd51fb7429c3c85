import { constants, promises as fs } from 'node:fs';

/** The largest model file read, by the command line and the language server alike. */
export const maxModelFileBytes = 64 * 1024 * 1024;

/** Why a model file was not read, as a plain reason ("it is not a regular file"); `missing` when there is no such file. */
export class UnreadableModelFile extends Error {
    constructor(reason: string, readonly missing = false) {
        super(reason);
    }
}

/** A model file's text, without the byte order mark, which is remembered so that a rewrite can keep it. */
export interface ModelFileText {
    readonly text: string;
    readonly byteOrderMark: boolean;
}

const utf8ByteOrderMark = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Reads a model file as UTF-8 text: a regular file (symbolic links followed) of at most
 * {@link maxModelFileBytes}. Pipes, devices and sockets are refused before a byte is read,
 * so that a FIFO or `/dev/zero` can neither hang the reader nor fill its memory.
 */
export async function readModelFile(file: string): Promise<ModelFileText> {
    const bytes = await readRegularFile(file);
    if (bytes.includes(0)) {
        throw new UnreadableModelFile('it is a binary file, not text');
    }
    try {
        // `ignoreBOM: false` drops a leading byte order mark from the text.
        const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
        return { text, byteOrderMark: bytes.subarray(0, 3).equals(utf8ByteOrderMark) };
    } catch {
        throw new UnreadableModelFile('it is not valid UTF-8 text; save it as UTF-8');
    }
}

async function readRegularFile(file: string): Promise<Buffer> {
    let handle: fs.FileHandle;
    try {
        // Non-blocking, so that opening a FIFO without a writer returns at once instead of waiting.
        handle = await fs.open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    } catch (error) {
        throw new UnreadableModelFile(fileErrorReason(error), (error as NodeJS.ErrnoException).code === 'ENOENT');
    }
    try {
        const stat = await handle.stat();
        if (stat.isDirectory()) {
            throw new UnreadableModelFile('it is a directory');
        }
        if (!stat.isFile()) {
            throw new UnreadableModelFile('it is not a regular file (a pipe, device or socket)');
        }
        if (stat.size > maxModelFileBytes) {
            throw new UnreadableModelFile(tooLarge(stat.size));
        }
        // One byte more than the size: a file that grows while being read is noticed, not read without end.
        const buffer = Buffer.alloc(stat.size + 1);
        let length = 0;
        for (let bytesRead = -1; bytesRead !== 0 && length < buffer.length;) {
            ({ bytesRead } = await handle.read(buffer, length, buffer.length - length, null));
            length += bytesRead;
        }
        if (length > stat.size) {
            throw new UnreadableModelFile('it changed while being read; try again');
        }
        return buffer.subarray(0, length);
    } catch (error) {
        throw error instanceof UnreadableModelFile ? error : new UnreadableModelFile(fileErrorReason(error));
    } finally {
        await handle.close();
    }
}

function tooLarge(bytes: number): string {
    const megabytes = (size: number): number => Math.ceil(size / (1024 * 1024));
    return `it is ${megabytes(bytes)} MB; MARVEL reads model files of at most ${megabytes(maxModelFileBytes)} MB`;
}

/** A file system error in plain words. */
export function fileErrorReason(error: unknown): string {
    switch ((error as NodeJS.ErrnoException | undefined)?.code) {
        case 'ENOENT': return 'no such file or directory';
        case 'EACCES': case 'EPERM': return 'permission denied';
        case 'EISDIR': return 'it is a directory';
        case 'ELOOP': return 'its symbolic links form a loop';
        default: return error instanceof Error ? error.message : String(error);
    }
}
