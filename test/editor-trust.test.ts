import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { mayReveal } from '../client/preview/reveal-guard.js';
import { seedPreviewModel } from './support/preview-diagrams.js';

const projectRoot = fileURLToPath(new URL('..', import.meta.url)).replace(/[\\/]$/, '');

const { randomBytes } = vi.hoisted(() => ({ randomBytes: vi.fn((size: number) => Buffer.alloc(size, 7)) }));
vi.mock('node:crypto', async original => ({ ...await original<typeof import('node:crypto')>(), randomBytes }));

describe('what the extension promises about trust', () => {
    it('declares Restricted Mode support and no virtual workspaces, as it behaves', () => {
        const manifest = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { capabilities?: Record<string, { supported: unknown; description?: string }> };
        expect(manifest.capabilities?.untrustedWorkspaces).toEqual({ supported: true });
        expect(manifest.capabilities?.virtualWorkspaces?.supported).toBe(false);
        expect(manifest.capabilities?.virtualWorkspaces?.description).toMatch(/from disk/);
    });

    it('takes the webview\'s nonce from the cryptographic source, 128 bits of it', async () => {
        const { createNonce } = await import('../client/preview/nonce.js');
        expect(createNonce()).toBe(Buffer.alloc(16, 7).toString('base64'));
        expect(randomBytes).toHaveBeenCalledWith(16);
    });

    it('lets the webview reveal only the previewed document and the files of its model', async () => {
        const seed = await seedPreviewModel();
        const scene = (await seed.diagram(1)).scene!;
        const range = { start: { line: 3, character: 0 }, end: { line: 3, character: 5 } };
        const sibling = seed.graph.factors.find(f => !f.location.uri.endsWith('/mensenhandel.marvel'))!.location.uri;
        expect(mayReveal(seed.uri, range, seed.uri, scene)).toBe(true);
        expect(mayReveal(sibling, range, seed.uri, scene)).toBe(true);
        expect(mayReveal('file:///etc/passwd', range, seed.uri, scene)).toBe(false);
        expect(mayReveal(sibling, range, seed.uri, undefined)).toBe(false);
        expect(mayReveal(seed.uri, { start: { line: -1, character: 0 }, end: range.end }, seed.uri, scene)).toBe(false);
        expect(mayReveal(seed.uri, 'everything', seed.uri, scene)).toBe(false);
    });
});
