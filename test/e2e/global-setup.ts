import { rmSync } from 'node:fs';
import { provisionCodeServer } from '../../tools/code-server/provision.js';
import { artifacts } from './support/session.js';

/**
 * Installs code-server (and chromium) once, with progress, so no test's timeout pays for it,
 * and clears the pictures of an earlier run so they cannot pass for this one's.
 */
export default async function setup(): Promise<void> {
    rmSync(artifacts, { recursive: true, force: true });
    await provisionCodeServer({ browser: true, progress: line => console.log(`e2e setup: ${line}`) });
}
