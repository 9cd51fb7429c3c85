import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

type Drawing = typeof import('./drawing.js');

/**
 * ELK and the layout, for the commands that draw. Run from the bundle, the drawing bundle
 * (out/cli-drawing.cjs, esbuild.mjs) is compiled with V8's code cache, kept beside it in
 * cli-drawing.cjs.v8-cache: ELK is 1.6 MB of JavaScript, and the bytecode of every function
 * the first drawing ran is then read instead of compiled again (about 0.2 s of a cold `marvel
 * render`). A cache that is missing, of another build of the bundle or of another Node is
 * written anew when the process exits; where it cannot be written (a read-only install), the
 * bundle is simply compiled each time.
 */
export async function loadDrawing(): Promise<Drawing> {
    const bundle = path.join(__dirname, 'cli-drawing.cjs');
    if (!existsSync(bundle)) {
        // Run from the sources (the tests): nothing to cache.
        return import('./drawing.js');
    }
    const source = readFileSync(bundle, 'utf8');
    const cacheFile = `${bundle}.v8-cache`;
    // V8 checks its own version and flags, but of the source only its length: the key names the exact bundle.
    const key = Buffer.from(createHash('sha256').update(`${process.version} ${process.arch}\n`).update(source).digest('hex'));
    const cached = readCache(cacheFile, key);
    const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: bundle, cachedData: cached });
    if (cached === undefined || script.cachedDataRejected) {
        // At exit, so that the cache holds every function the drawing compiled, not only the bundle's top level.
        process.once('exit', () => writeCache(cacheFile, key, script));
    }
    const module = { exports: {} as Drawing };
    (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
    return module.exports;
}

function readCache(file: string, key: Buffer): Buffer | undefined {
    try {
        const data = readFileSync(file);
        return data.subarray(0, key.length).equals(key) ? data.subarray(key.length) : undefined;
    } catch {
        return undefined;
    }
}

function writeCache(file: string, key: Buffer, script: vm.Script): void {
    // Written whole under another name, then renamed: a process starting meanwhile reads the old cache or the new, never half of one.
    const temporary = `${file}.${process.pid}`;
    try {
        writeFileSync(temporary, Buffer.concat([key, script.createCachedData()]));
        renameSync(temporary, file);
    } catch {
        // A read-only install: the drawing is compiled each time, as without a cache.
        rmSync(temporary, { force: true });
    }
}
