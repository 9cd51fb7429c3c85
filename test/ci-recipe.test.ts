import { execFile, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { examplesDirectory, repositoryRoot } from './support/example-files.js';
import { cliPath, gitRepository, runMarvel } from './support/marvel-cli.js';

const ciFolder = path.join(examplesDirectory, 'ci');
const reviewScript = path.join(ciFolder, 'marvel-review.sh');
const postScript = path.join(ciFolder, 'post-comment.mjs');
const folders: string[] = [];

afterAll(() => folders.forEach(folder => rmSync(folder, { recursive: true, force: true })));

/** The seed example on main; on `feature`, one relation's sign flipped and a new model file. */
function pullRequest(edit: (text: string) => string = text => text.replace('pakkans -> -aantrekkelijkheidDelict', 'pakkans -> +aantrekkelijkheidDelict')): string {
    const strafrecht = readFileSync(path.join(examplesDirectory, 'mensenhandel', 'strafrechtketen.marvel'), 'utf8');
    const { dir } = gitRepository(path.join(examplesDirectory, 'mensenhandel'), {
        'strafrechtketen.marvel': edit(strafrecht),
        'nieuw.marvel': 'kpi k "K" decrease\nintervention i "I"\ni -> -k\n'
    });
    folders.push(dir);
    return dir;
}

function review(dir: string, base: string): { status: number | null; stderr: string; comment: string } {
    const run = spawnSync('bash', [reviewScript, base, 'review.md'], { cwd: dir, encoding: 'utf8', env: { ...process.env, MARVEL: `${process.execPath} ${cliPath}` }, timeout: 120_000 });
    let comment = '';
    try {
        comment = readFileSync(path.join(dir, 'review.md'), 'utf8');
    } catch {
        // No comment written.
    }
    return { status: run.status, stderr: run.stderr, comment };
}

describe('examples/ci: the review comment script', () => {
    it('describes every changed model against the base branch, behind a marker line', () => {
        const { status, stderr, comment } = review(pullRequest(), 'main');
        expect(status, stderr).toBe(0);
        const lines = comment.split('\n');
        expect(lines[0]).toBe('<!-- marvel-review -->');
        expect(comment).toMatch(/^\*\*Model change: 1 sign flipped, .*\*\* \(`[0-9a-f]{40}:strafrechtketen\.marvel` → `strafrechtketen\.marvel`\)$/m);
        expect(comment).toContain('```mermaid\nflowchart LR\n');
        expect(comment).toContain('**New model file** `nieuw.marvel`');
    });

    it('still writes the comment when the new model has errors, and fails on a base that does not exist', () => {
        const dir = pullRequest(text => text.replace('pakkans -> -aantrekkelijkheidDelict', 'pakkans -> -aantrekelijkheidDelict'));
        const broken = review(dir, 'main');
        expect(broken.status, broken.stderr).toBe(0);
        expect(broken.comment).toContain('1 relation removed');
        expect(review(dir, 'no-such-branch').status).toBe(2);
    });
});

interface Comment { id: number; body: string }

/** A stand-in for the GitHub or GitLab comments API: answers what post-comment.mjs asks, and records it. */
async function fakeApi(): Promise<{ url: string; requests: string[]; comments: Comment[]; close(): Promise<void> }> {
    const requests: string[] = [];
    const comments: Comment[] = [{ id: 7, body: 'LGTM' }];
    const server = createServer((request: IncomingMessage, response: ServerResponse) => {
        let text = '';
        request.on('data', (chunk: Buffer) => { text += chunk.toString('utf8'); });
        request.on('end', () => {
            const url = new URL(request.url ?? '/', 'http://localhost');
            requests.push(`${request.method} ${url.pathname} ${request.headers.authorization ?? request.headers['private-token'] ?? ''}`);
            const body = text ? (JSON.parse(text) as { body: string }).body : '';
            const id = Number(url.pathname.split('/').at(-1));
            if (request.method === 'GET') {
                response.end(JSON.stringify(url.searchParams.get('page') === '1' ? comments : []));
            } else if (request.method === 'POST') {
                comments.push({ id: 100 + comments.length, body });
                response.end(JSON.stringify(comments.at(-1)));
            } else {
                const comment = comments.find(c => c.id === id)!;
                comment.body = body;
                response.end(JSON.stringify(comment));
            }
        });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    return {
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        requests,
        comments,
        close: () => new Promise(resolve => server.close(() => resolve()))
    };
}

async function post(file: string, env: NodeJS.ProcessEnv): Promise<string> {
    const { stdout } = await promisify(execFile)(process.execPath, [postScript, file], { env: { PATH: process.env.PATH, ...env } });
    return stdout;
}

describe('examples/ci: posting the comment', () => {
    it('posts one comment on a GitHub pull request, then updates that same comment', async () => {
        const api = await fakeApi();
        const dir = pullRequest();
        const file = path.join(dir, 'review.md');
        try {
            const env = { GITHUB_ACTIONS: 'true', GITHUB_API_URL: api.url, GITHUB_REPOSITORY: 'owner/models', MARVEL_PR_NUMBER: '12', GITHUB_TOKEN: 'secret' };
            writeFileSync(file, '<!-- marvel-review -->\nfirst\n');
            expect(await post(file, env)).toBe('posted comment 101\n');
            writeFileSync(file, '<!-- marvel-review -->\nsecond\n');
            expect(await post(file, env)).toBe('updated comment 101\n');
            expect(api.comments).toEqual([{ id: 7, body: 'LGTM' }, { id: 101, body: '<!-- marvel-review -->\nsecond\n' }]);
            expect(api.requests).toEqual([
                'GET /repos/owner/models/issues/12/comments Bearer secret',
                'POST /repos/owner/models/issues/12/comments Bearer secret',
                'GET /repos/owner/models/issues/12/comments Bearer secret',
                'PATCH /repos/owner/models/issues/comments/101 Bearer secret'
            ]);
        } finally {
            await api.close();
        }
    });

    it('does the same on a GitLab merge request', async () => {
        const api = await fakeApi();
        const dir = pullRequest();
        const file = path.join(dir, 'review.md');
        try {
            const env = { GITLAB_CI: 'true', CI_API_V4_URL: `${api.url}/api/v4`, CI_PROJECT_ID: '42', CI_MERGE_REQUEST_IID: '3', MARVEL_GITLAB_TOKEN: 'token' };
            writeFileSync(file, '<!-- marvel-review -->\nfirst\n');
            await post(file, env);
            await post(file, env);
            expect(api.requests).toEqual([
                'GET /api/v4/projects/42/merge_requests/3/notes token',
                'POST /api/v4/projects/42/merge_requests/3/notes token',
                'GET /api/v4/projects/42/merge_requests/3/notes token',
                'PUT /api/v4/projects/42/merge_requests/3/notes/101 token'
            ]);
        } finally {
            await api.close();
        }
    });
});

describe('examples/ci: the workflows', () => {
    it('call scripts that exist, with options the command line accepts', async () => {
        for (const workflow of ['github/marvel-review.yml', 'gitlab/marvel-review.gitlab-ci.yml']) {
            const text = readFileSync(path.join(ciFolder, workflow), 'utf8');
            const scripts = [...text.matchAll(/\.marvel-tools\/(examples\/ci\/[\w.-]+)/g)].map(m => m[1]);
            expect(scripts.length, workflow).toBeGreaterThanOrEqual(2);
            scripts.forEach(script => expect(readFileSync(path.join(repositoryRoot, script), 'utf8').length).toBeGreaterThan(0));
        }
        const github = readFileSync(path.join(ciFolder, 'github', 'marvel-review.yml'), 'utf8');
        expect(github).toContain('check --format github .');
        expect((await runMarvel(['check', '--format', 'github', path.join(examplesDirectory, 'mensenhandel')])).stdout).toMatch(/^::notice file=.*title=mixed-effect::/m);
    });
});
