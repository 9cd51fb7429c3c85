import { UsageError } from './input-files.js';

export interface OptionSpec {
    /** Takes a value (`--format json`); otherwise a flag (`--strict`). */
    readonly value: boolean;
    /** May be given more than once. */
    readonly repeatable?: boolean;
    /** Allowed values. */
    readonly choices?: readonly string[];
}

export interface ParsedArguments {
    readonly positional: readonly string[];
    readonly options: ReadonlyMap<string, readonly string[]>;
}

/** Parses `--name value`, `--name=value`, `-o value` and flags against a specification; anything unknown is a usage error. */
export function parseArguments(args: readonly string[], spec: Readonly<Record<string, OptionSpec>>, aliases: Readonly<Record<string, string>> = {}): ParsedArguments {
    const positional: string[] = [];
    const options = new Map<string, string[]>();
    for (let i = 0; i < args.length; i++) {
        const arg = args[i];
        if (arg === '--') {
            positional.push(...args.slice(i + 1));
            break;
        }
        if (!arg.startsWith('-') || arg === '-') {
            positional.push(arg);
            continue;
        }
        const [rawName, inlineValue] = splitOnce(arg, '=');
        const name = aliases[rawName] ?? rawName.replace(/^--/, '');
        const option = spec[name];
        if (!option) {
            throw new UsageError(`unknown option '${rawName}'`);
        }
        let value = 'true';
        if (option.value) {
            const next = inlineValue ?? args[++i];
            if (next === undefined) {
                throw new UsageError(`option '--${name}' needs a value`);
            }
            if (option.choices && !option.choices.includes(next)) {
                throw new UsageError(`option '--${name}' must be one of ${option.choices.join(', ')}, not '${next}'`);
            }
            value = next;
        } else if (inlineValue !== undefined) {
            throw new UsageError(`option '--${name}' takes no value`);
        }
        const existing = options.get(name);
        if (existing && !option.repeatable) {
            throw new UsageError(`option '--${name}' is given more than once`);
        }
        options.set(name, [...existing ?? [], value]);
    }
    return { positional, options };
}

export function optionValue(parsed: ParsedArguments, name: string): string | undefined {
    return parsed.options.get(name)?.at(-1);
}

export function hasFlag(parsed: ParsedArguments, name: string): boolean {
    return parsed.options.has(name);
}

/** A whole number option within bounds, or the default. */
/** A number above zero and at most `max`, or the fallback when the option is absent. */
export function positiveNumberOption(parsed: ParsedArguments, name: string, fallback: number, max: number): number {
    const text = optionValue(parsed, name);
    if (text === undefined) {
        return fallback;
    }
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value) || value <= 0 || value > max) {
        throw new UsageError(`option '--${name}' must be a number above 0 and at most ${max}, not '${text}'`);
    }
    return value;
}

export function integerOption(parsed: ParsedArguments, name: string, fallback: number, min = 1, max = Number.MAX_SAFE_INTEGER): number {
    const text = optionValue(parsed, name);
    if (text === undefined) {
        return fallback;
    }
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) {
        throw new UsageError(`option '--${name}' must be a whole number from ${min} to ${max}, not '${text}'`);
    }
    return value;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
    const at = text.indexOf(separator);
    return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
