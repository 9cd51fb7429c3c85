import { GrammarAST } from 'langium';
import type { Grammar } from 'langium';
import { Prng } from '../../language/analysis/prng.js';

/**
 * Random texts derived from the grammar itself: every rule, alternative and cross-reference
 * the grammar has, including ones added after this was written, ends up in some text. Tests
 * that hold a hand-written walk against Langium's generic one use them, so that a new
 * construct cannot slip past the walk.
 */
export interface GrammarSentences {
    /** Texts derived from the entry rule, one per seed. */
    readonly texts: readonly string[];
    /** Grammar elements never used by any text (rendered as `Rule: element`); empty when the texts cover the grammar. */
    readonly unused: readonly string[];
}

/** After this many nested rule calls, repetitions stop and options are left out, so that nesting stays finite. */
const maxDepth = 8;
/** Sample text per terminal rule; an ID is drawn from a few names so that references can resolve. */
const terminalSamples: Readonly<Record<string, readonly string[]>> = {
    ID: ['a', 'b', 'c', 'Ä_1'],
    STRING: ['"S"', '"a \\"quoted\\" label"'],
    NUMBER: ['1', '0.5', '2e1']
};

export function grammarSentences(grammar: Grammar, count: number, seed: number): GrammarSentences {
    const entry = grammar.rules.find(rule => GrammarAST.isParserRule(rule) && rule.entry);
    if (!entry || !GrammarAST.isParserRule(entry)) {
        throw new Error('the grammar has no entry rule');
    }
    const elements = new Map<GrammarAST.AbstractElement, string>();
    for (const rule of grammar.rules) {
        if (GrammarAST.isParserRule(rule)) {
            collectElements(rule.definition, rule.name, elements);
        }
    }
    const used = new Set<GrammarAST.AbstractElement>();
    const random = new Prng(seed);
    const texts: string[] = [];
    for (let i = 0; i < count; i++) {
        const tokens: string[] = [];
        derive(entry.definition, 0, { random, used, tokens });
        texts.push(tokens.join(' ') + '\n');
    }
    const unused = [...elements].filter(([element]) => !used.has(element)).map(([, where]) => where);
    return { texts, unused };
}

interface Derivation {
    readonly random: Prng;
    readonly used: Set<GrammarAST.AbstractElement>;
    readonly tokens: string[];
}

function collectElements(element: GrammarAST.AbstractElement, ruleName: string, into: Map<GrammarAST.AbstractElement, string>): void {
    into.set(element, `${ruleName}: ${describeElement(element)}`);
    for (const child of childElements(element)) {
        collectElements(child, ruleName, into);
    }
}

function describeElement(element: GrammarAST.AbstractElement): string {
    if (GrammarAST.isKeyword(element)) {
        return `'${element.value}'`;
    }
    if (GrammarAST.isAssignment(element)) {
        return `${element.feature}${element.operator}${describeElement(element.terminal)}`;
    }
    if (GrammarAST.isRuleCall(element)) {
        return element.rule.$refText;
    }
    if (GrammarAST.isCrossReference(element)) {
        return `[${element.type.$refText}]`;
    }
    return `${element.$type}(${childElements(element).map(describeElement).join(' ')})`;
}

function childElements(element: GrammarAST.AbstractElement): readonly GrammarAST.AbstractElement[] {
    if (GrammarAST.isGroup(element) || GrammarAST.isAlternatives(element) || GrammarAST.isUnorderedGroup(element)) {
        return element.elements;
    }
    if (GrammarAST.isAssignment(element)) {
        return [element.terminal];
    }
    return [];
}

/** How many times an element with this cardinality occurs in one derivation. */
function repetitions(element: GrammarAST.AbstractElement, depth: number, random: Prng): number {
    const deep = depth >= maxDepth;
    switch (element.cardinality) {
        case '?': return deep ? 0 : random.int(0, 1);
        case '*': return deep ? 0 : random.int(0, 3);
        case '+': return deep ? 1 : random.int(1, 3);
        default: return 1;
    }
}

function derive(element: GrammarAST.AbstractElement, depth: number, derivation: Derivation): void {
    const times = repetitions(element, depth, derivation.random);
    for (let i = 0; i < times; i++) {
        deriveOnce(element, depth, derivation);
    }
}

function deriveOnce(element: GrammarAST.AbstractElement, depth: number, derivation: Derivation): void {
    const { random, used, tokens } = derivation;
    used.add(element);
    if (GrammarAST.isKeyword(element)) {
        tokens.push(element.value);
    } else if (GrammarAST.isGroup(element) || GrammarAST.isUnorderedGroup(element)) {
        for (const child of element.elements) {
            derive(child, depth, derivation);
        }
    } else if (GrammarAST.isAlternatives(element)) {
        derive(random.pick(element.elements), depth, derivation);
    } else if (GrammarAST.isAssignment(element)) {
        derive(element.terminal, depth, derivation);
    } else if (GrammarAST.isCrossReference(element)) {
        // The text of a reference is its terminal (the rule named after ':'), or an ID.
        if (element.terminal) {
            derive(element.terminal, depth, derivation);
        } else {
            tokens.push(random.pick(terminalSamples.ID));
        }
    } else if (GrammarAST.isRuleCall(element)) {
        const rule = element.rule.ref;
        if (GrammarAST.isParserRule(rule)) {
            derive(rule.definition, depth + 1, derivation);
        } else if (GrammarAST.isTerminalRule(rule)) {
            const samples = terminalSamples[rule.name];
            if (!samples) {
                throw new Error(`no sample text for terminal ${rule.name}: add one to terminalSamples`);
            }
            tokens.push(random.pick(samples));
        }
    } else if (!GrammarAST.isAction(element)) {
        throw new Error(`grammar element ${element.$type} is not derived: teach grammar-sentences.ts about it`);
    }
}
