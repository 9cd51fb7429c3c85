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
    const top = git(path.dirname(absolute), ['rev-parse', '--show-toplevel'], `'${revision}' is neither a file nor a git revision (no git repository here)`).trim();
    git(top, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`], `'${revision}' is neither a file nor a known git revision`);
    const inRevision = (inTree: string): string => path.relative(top, inTree).split(path.sep).join('/');
    const shown = (inTree: string): string => `${revision}:${inRevision(inTree)}`;
    const read = (inTree: string): string => git(top, ['show', `${revision}:${inRevision(inTree)}`], `'${inRevision(inTree)}' does not exist in ${revision}`);
    return {
        path: absolute,
        displayPath: shown(absolute),
        text: read(absolute),
        source: { read: async inTree => read(inTree), displayPath: shown }
    };
}

function git(cwd: string, args: readonly string[], failure: string): string {
    try {
        return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
    } catch {
        throw new UsageError(failure);
    }
}
