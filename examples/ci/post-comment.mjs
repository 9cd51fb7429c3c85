#!/usr/bin/env node
// Posts a markdown file as a comment on the pull request (GitHub) or merge request (GitLab) a
// CI job runs for, or updates the comment an earlier run posted: the one whose body starts
// with the same first line (marvel-review.sh writes a marker there). No dependencies: Node 20.
//
//   node post-comment.mjs COMMENT.md
//
// GitHub Actions: GITHUB_TOKEN (with pull-requests: write), GITHUB_REPOSITORY, MARVEL_PR_NUMBER;
//                 GITHUB_API_URL is set by the runner.
// GitLab CI:      MARVEL_GITLAB_TOKEN (a project access token with the api scope),
//                 CI_API_V4_URL, CI_PROJECT_ID, CI_MERGE_REQUEST_IID (set in merge request pipelines).
import { readFileSync } from 'node:fs';

/** GitHub refuses comments longer than this. */
const maxLength = 65_000;

function required(name) {
    const value = process.env[name];
    if (!value) {
        throw new Error(`${name} is not set`);
    }
    return value;
}

function platform() {
    if (process.env.GITHUB_ACTIONS) {
        const api = process.env.GITHUB_API_URL ?? 'https://api.github.com';
        const repository = required('GITHUB_REPOSITORY');
        const pr = required('MARVEL_PR_NUMBER');
        return {
            headers: { authorization: `Bearer ${required('GITHUB_TOKEN')}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' },
            list: page => `${api}/repos/${repository}/issues/${pr}/comments?per_page=100&page=${page}`,
            create: { method: 'POST', url: `${api}/repos/${repository}/issues/${pr}/comments` },
            update: id => ({ method: 'PATCH', url: `${api}/repos/${repository}/issues/comments/${id}` })
        };
    }
    if (process.env.GITLAB_CI) {
        const notes = `${required('CI_API_V4_URL')}/projects/${encodeURIComponent(required('CI_PROJECT_ID'))}/merge_requests/${required('CI_MERGE_REQUEST_IID')}/notes`;
        return {
            headers: { 'private-token': required('MARVEL_GITLAB_TOKEN') },
            list: page => `${notes}?per_page=100&page=${page}`,
            create: { method: 'POST', url: notes },
            update: id => ({ method: 'PUT', url: `${notes}/${id}` })
        };
    }
    throw new Error('neither GitHub Actions (GITHUB_ACTIONS) nor GitLab CI (GITLAB_CI): nowhere to post');
}

async function call(target, headers, body) {
    const response = await fetch(target.url, {
        method: target.method,
        headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined
    });
    if (!response.ok) {
        throw new Error(`${target.method} ${target.url}: ${response.status} ${await response.text()}`);
    }
    return response.json();
}

async function main() {
    const file = process.argv[2];
    if (!file) {
        throw new Error('usage: node post-comment.mjs COMMENT.md');
    }
    let body = readFileSync(file, 'utf8');
    if (body.length > maxLength) {
        body = `${body.slice(0, maxLength)}\n\n… (cut: the full review is longer than a comment may be; run \`marvel diff\` locally)\n`;
    }
    const marker = body.split('\n', 1)[0];
    const api = platform();
    let existing;
    for (let page = 1; !existing; page++) {
        const comments = await call({ method: 'GET', url: api.list(page) }, api.headers);
        existing = comments.find(comment => comment.body.split('\n', 1)[0] === marker);
        if (comments.length < 100) {
            break;
        }
    }
    const posted = await call(existing ? api.update(existing.id) : api.create, api.headers, { body });
    console.log(`${existing ? 'updated' : 'posted'} comment ${posted.id}`);
}

main().catch(error => {
    console.error(`post-comment: ${error.message}`);
    process.exit(2);
});
