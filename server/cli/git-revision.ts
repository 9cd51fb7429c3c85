import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { UsageError } from './input-files.js';
import type { ImportSource } from './model-workspace.js';

/** A model file as it was in a git revision, with the files it imports read from the same revision. */
export interface RevisionFile {
    readonly path: string;
    readonly displayPath: string;
    readonly text: string;
    readonly source: ImportSource;
}

/**
 * Reads `absolute` (a file in the working tree) as it was in `revision` (`HEAD`, `main~1`, a
 * commit); throws {@link UsageError} when this is no git repository, the revision is unknown
 * or the file did not exist in it.
 */
export function readAtRevision(revision: string, absolute: string): RevisionFile {
    const source = revisionSource(revision, absolute);
    return { path: absolute, displayPath: source.displayPath(absolute), text: source.readNow(absolute), source };
}

/**
 * The files of the repository around `file` (an absolute path) as they were in `revision`; the
 * empty revision is git's index (`git show :path`), where the editor's diff of an unstaged change starts from.
 */
export function revisionSource(revision: string, file: string): ImportSource & { readNow(inTree: string): string } {
    const top = git(path.dirname(file), ['rev-parse', '--show-toplevel'], `'${revision}' is neither a file nor a git revision (no git repository here)`).trim();
    if (revision !== '') {
        git(top, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`], `'${revision}' is neither a file nor a known git revision`);
    }
    const inRevision = (inTree: string): string => path.relative(top, inTree).split(path.sep).join('/');
    const where = revision === '' ? 'the index' : revision;
    const shown = (inTree: string): string => `${revision}:${inRevision(inTree)}`;
    const readNow = (inTree: string): string => git(top, ['show', `${revision}:${inRevision(inTree)}`], `'${inRevision(inTree)}' does not exist in ${where}`);
    return { read: async inTree => readNow(inTree), readNow, displayPath: shown };
}

function git(cwd: string, args: readonly string[], failure: string): string {
    try {
        return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
    } catch {
        throw new UsageError(failure);
    }
}
