import { RequestType } from 'vscode-jsonrpc/lib/common/messages.js';
import type { DiffReview } from '../analysis/diff/diff-review.js';
import type { DiffScope } from '../analysis/diff/diff-union.js';
import type { DiffMarking } from '../diagram/diff-picture.js';
import type { DiagramRequestParams, DiagramResponse } from './diagram-protocol.js';

/**
 * The old side of a change. Its imports resolve relative to `uri` — from the same git revision
 * when `revision` is given, else from disk.
 */
export interface DiffOldSide {
    /** A `file:` URI: where the old file is (another model) or was (a revision of the shown file). */
    readonly uri: string;
    /** A git revision (`HEAD`, `main`, a commit); the empty string is git's index (`git show :path`). */
    readonly revision?: string;
    /** The old file's text when the editor already has it (the original side of a diff editor); else it is read. */
    readonly text?: string;
    /** What the preview calls the old side: "HEAD", "main", "old.marvel", "Index". */
    readonly label: string;
}

export interface DiffPictureParams extends DiagramRequestParams {
    readonly old: DiffOldSide;
    /** What of the union the view draws (see `factorsInScope`); `all` when not given. */
    readonly scope?: DiffScope;
}

/**
 * The union of both models laid out as the preview lays out a model (same view, same
 * per-category layouts), with what changed: a `DiagramResponse` whose factors and relations
 * are the union's, plus the change. Without `diff` (the old side unreadable, the new one not
 * parsed) `problem` says why; `oldProblem` too when it is the old side.
 */
export interface DiffPictureResponse extends DiagramResponse {
    readonly diff?: DiffPictureChange;
    /** Why the old side could not be read (an unknown revision, a missing file): there is nothing to compare with. */
    readonly oldProblem?: string;
}

export interface DiffPictureChange {
    readonly against: string;
    readonly marking: DiffMarking;
    readonly review: DiffReview;
}

/** Behind the preview's diff mode ("MARVEL: Compare With…", a `.marvel` file in the diff editor). */
export const DiffPictureRequest = new RequestType<DiffPictureParams, DiffPictureResponse, void>('marvel/diffPicture');
