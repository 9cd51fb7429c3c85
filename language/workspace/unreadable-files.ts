import type { URI } from 'langium';

/**
 * The files MARVEL refused to read, with the reason in plain words ("it is not a regular file
 * (a pipe, device or socket)", "it is 70 MB; …"), as told by whoever reads the disk: the
 * language server's file system and the command line. An import of such a file then says why
 * it has nothing, instead of "cannot find". The language core reads no files itself.
 */
export class UnreadableFiles {
    private readonly reasons = new Map<string, string>();
    private changes = 0;

    refused(file: URI, reason: string): void {
        if (this.reasons.get(file.toString()) !== reason) {
            this.reasons.set(file.toString(), reason);
            this.changes++;
        }
    }

    read(file: URI): void {
        if (this.reasons.delete(file.toString())) {
            this.changes++;
        }
    }

    /** Changes with every reason that comes or goes: diagnostics computed before are stale. */
    get generation(): number {
        return this.changes;
    }

    /** Why the file was not read, if it was refused the last time. */
    reasonFor(file: URI): string | undefined {
        return this.reasons.get(file.toString());
    }
}
