import { readdirSync } from 'node:fs';
import * as path from 'node:path';

export const repositoryRoot = path.resolve(__dirname, '../..');
export const examplesDirectory = path.join(repositoryRoot, 'examples');

/** Every `.marvel` file under examples/, as paths relative to the repository, sorted. */
export function exampleFiles(): string[] {
    return readdirSync(examplesDirectory, { recursive: true, encoding: 'utf8' })
        .filter(file => file.endsWith('.marvel'))
        .map(file => path.posix.join('examples', file.split(path.sep).join('/')))
        .sort();
}
