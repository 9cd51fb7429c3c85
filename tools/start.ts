// `npm start` (after `npm run package`): opens examples/ with the packaged extension in VS Code —
// the desktop `code` where it exists, otherwise code-server on 127.0.0.1, installed on first run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createProfile, freePort, installExtension, portIsFree, startCodeServer, workbenchUrl } from './code-server/launch.js';
import { codeServerCache, onPath, provisionCodeServer } from './code-server/provision.js';

const projectRoot = path.resolve(__dirname, '..');
const usage = `usage: node out/start.cjs [--code-server] [--port N] [--install-only [--browser]]
  --code-server   use code-server even where the \`code\` command exists
  --port N        serve code-server on 127.0.0.1:N (default 8080, or a free port when taken)
  --install-only  only install code-server into its cache (${codeServerCache()}); with --browser also chromium`;

function say(line: string): void {
    process.stdout.write(`marvel: ${line}\n`);
}

async function main(argv: readonly string[]): Promise<number> {
    if (argv.includes('--help')) {
        process.stdout.write(usage + '\n');
        return 0;
    }
    if (argv.includes('--install-only')) {
        await provisionCodeServer({ browser: argv.includes('--browser'), progress: say });
        say(`code-server is ready in ${codeServerCache()}`);
        return 0;
    }
    const { version } = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string };
    const vsix = path.join(projectRoot, `marvel-${version}.vsix`);
    const examples = path.join(projectRoot, 'examples');
    if (!existsSync(vsix)) {
        say(`${vsix} is missing; run \`npm start\`, which packages it first.`);
        return 1;
    }
    if (!argv.includes('--code-server') && onPath('code')) {
        return openInDesktopCode(vsix, examples);
    }
    return serveCodeServer(vsix, examples, requestedPort(argv));
}

function openInDesktopCode(vsix: string, examples: string): number {
    say(`installing ${path.basename(vsix)} into VS Code (\`code\`)`);
    for (const args of [['--install-extension', vsix, '--force'], [examples]]) {
        const result = spawnSync('code', args, { stdio: 'inherit' });
        if (result.status !== 0) {
            say(`\`code ${args.join(' ')}\` failed; try \`npm start -- --code-server\`.`);
            return 1;
        }
    }
    say(`opened ${examples} in VS Code; open mensenhandel/mensenhandel.marvel and press Ctrl+K V for the diagram.`);
    return 0;
}

async function serveCodeServer(vsix: string, examples: string, port: number | undefined): Promise<number> {
    const entry = await provisionCodeServer({ progress: say });
    // A profile of its own in the cache, kept between runs so settings and open editors survive.
    const profileRoot = path.join(codeServerCache(), 'start-profile');
    mkdirSync(profileRoot, { recursive: true });
    const profile = createProfile(profileRoot);
    say(`installing ${path.basename(vsix)} into code-server`);
    installExtension(entry, profile, vsix);
    const chosenPort = port ?? (await portIsFree(8080) ? 8080 : await freePort());
    say(`starting code-server on 127.0.0.1:${chosenPort}`);
    const logFile = path.join(profileRoot, 'code-server.log');
    const server = await startCodeServer({ entry, profile, folder: examples, port: chosenPort, logFile });
    say('');
    say(`VS Code with MARVEL is running at ${workbenchUrl(server, examples)}`);
    say('open that address in a browser on this machine, then mensenhandel/mensenhandel.marvel, and press Ctrl+K V for the diagram.');
    say('press Ctrl+C here to stop it.');
    say(`(code-server's log: ${logFile})`);
    return new Promise(resolve => {
        let stopping = false;
        const shutdown = (): void => {
            if (stopping) {
                return;
            }
            stopping = true;
            say('stopping code-server …');
            void server.stop().then(() => resolve(0));
        };
        for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
            process.on(signal, shutdown);
        }
        server.process.once('exit', code => {
            if (!stopping) {
                say(`code-server stopped by itself (exit ${code ?? 'by signal'}); see ${logFile}`);
                resolve(1);
            }
        });
    });
}

function requestedPort(argv: readonly string[]): number | undefined {
    const index = argv.indexOf('--port');
    if (index < 0) {
        return undefined;
    }
    const port = Number(argv[index + 1]);
    if (!Number.isInteger(port) || port <= 0 || port > 65535) {
        throw new Error(`--port needs a port number, not '${argv[index + 1] ?? ''}'`);
    }
    return port;
}

main(process.argv.slice(2)).then(
    code => process.exit(code),
    (error: unknown) => {
        say(error instanceof Error ? error.message : String(error));
        process.exit(1);
    }
);
