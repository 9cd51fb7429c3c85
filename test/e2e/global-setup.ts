import { provisionCodeServer } from '../../tools/code-server/provision.js';

/** Installs code-server (and chromium) once, with progress, so no test's timeout pays for it. */
export default async function setup(): Promise<void> {
    await provisionCodeServer({ browser: true, progress: line => console.log(`e2e setup: ${line}`) });
}
