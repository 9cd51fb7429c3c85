import type { AstNode, DiagnosticInfo, LangiumDocument, ValidationAcceptor, ValidationCheck, ValidationOptions, ValidationSeverity } from 'langium';
import { Cancellation, DefaultDocumentValidator, DocumentValidator, interruptAndCheck } from 'langium';
import type { MarvelFile } from '../generated/ast.js';
import { forEachNode } from '../model/marvel-ast-walk.js';
import type { MarvelServices } from '../marvel-module.js';
import type { MarvelLinker } from '../references/marvel-linker.js';
import type { MarvelValidator } from './marvel-validator.js';
import type { UnreadableFiles } from '../workspace/unreadable-files.js';
import type { CancellationToken } from 'vscode-languageserver-protocol';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { DiagnosticCode } from './diagnostic-codes.js';
import { lexicalProblems } from './lexical-problems.js';
import { describeSyntaxError, foundEndOfFile, misspeltKeywordMessage } from './syntax-messages.js';

/** How many nodes are checked between two checks for cancellation. */
const nodesPerCheck = 1000;

/**
 * Validates a file in two parts. Its own diagnostics (syntax, names, attributes, …) depend
 * only on its text and links and are kept until the file is parsed or linked again; the
 * model-wide ones (unconnected factors, contradictions across files, effects, …) are
 * recomputed from the shared model every time, which is cheap. So an edit in one file of a
 * large model re-validates the other files for the price of the model checks alone.
 *
 * The built-in lexer, parser and linker diagnostics get the contract's codes (`syntax`,
 * `unresolved-reference`) and messages a modeller can act on, and one typo stays one
 * diagnostic: one syntax error per line, no unresolved names on that line. A missing `}` at
 * the end of the file is reported on the last line but says nothing about its names, so an
 * unknown name there keeps its diagnostic and its quick fixes.
 */
export class MarvelDocumentValidator extends DefaultDocumentValidator {
    private readonly marvelValidator: () => MarvelValidator;
    /**
     * Per document: the tree, link generation (see {@link MarvelLinker.linkGeneration}) and
     * generation of the refused files (an import of one says why) its own diagnostics were computed for.
     */
    private readonly ownDiagnostics = new WeakMap<LangiumDocument, { root: unknown; generation: number; refusals: number; categories: string; diagnostics: Diagnostic[] }>();
    private readonly linker: MarvelLinker;
    private readonly unreadableFiles: UnreadableFiles;

    constructor(services: MarvelServices) {
        super(services);
        this.marvelValidator = () => services.validation.MarvelValidator;
        this.linker = services.references.Linker;
        this.unreadableFiles = services.workspace.UnreadableFiles;
    }

    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
        const root = document.parseResult.value;
        const generation = this.linker.linkGeneration(document);
        const refusals = this.unreadableFiles.generation;
        const cached = this.ownDiagnostics.get(document);
        let own: Diagnostic[];
        // The language server asks for some categories on edits and for all of them on a full build; each gets its own entry.
        const categories = options?.categories ? [...options.categories].sort().join(' ') : '*';
        if (cached && cached.root === root && cached.generation === generation && cached.refusals === refusals && cached.categories === categories) {
            own = cached.diagnostics;
        } else {
            own = await this.validateOwn(document, options, cancelToken);
            this.ownDiagnostics.set(document, { root, generation, refusals, categories, diagnostics: own });
        }
        return [...own, ...this.modelDiagnostics(document)];
    }

    private modelDiagnostics(document: LangiumDocument): Diagnostic[] {
        const diagnostics: Diagnostic[] = [];
        const accept: ValidationAcceptor = <N extends AstNode>(severity: ValidationSeverity, message: string, info: DiagnosticInfo<N, string>) => {
            diagnostics.push(this.toDiagnostic(severity, message, info));
        };
        try {
            this.marvelValidator().checkModel(document.parseResult.value as MarvelFile, accept);
        } catch (error) {
            console.error('MARVEL: the model checks failed:', error);
        }
        return diagnostics;
    }

    /**
     * Langium's walk awaits at every node and asks the registry for each node's checks anew;
     * this one walks along the grammar, looks the checks up once per node type and checks for
     * cancellation every thousand nodes. Same checks, same order.
     */
    protected override async validateAstNodes(rootNode: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor, cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        const nodes: AstNode[] = [];
        forEachNode(rootNode as MarvelFile, node => nodes.push(node));
        const checksByType = new Map<string, ValidationCheck[]>();
        for (const [visited, node] of nodes.entries()) {
            if (visited % nodesPerCheck === 0) {
                await interruptAndCheck(cancelToken);
            }
            let checks = checksByType.get(node.$type);
            if (!checks) {
                checks = this.validationRegistry.getChecks(node.$type, options.categories).toArray();
                checksByType.set(node.$type, checks);
            }
            for (const check of checks) {
                await check(node, acceptor, cancelToken);
            }
        }
    }

    private async validateOwn(document: LangiumDocument, options?: ValidationOptions, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        const syntax: Diagnostic[] = lexicalProblems(document).map(problem => ({
            range: problem.range, message: problem.message, severity: DiagnosticSeverity.Error, code: DiagnosticCode.Syntax, source: this.getSource()
        }));
        const others: Diagnostic[] = [];
        /** Lines whose syntax error may come from a mistyped name on them. */
        const typoLines = new Set(syntax.map(d => d.range.start.line));
        for (const diagnostic of diagnostics) {
            const internalCode: unknown = diagnostic.data?.code;
            if (internalCode === DocumentValidator.LexingError || internalCode === DocumentValidator.ParsingError) {
                if (!foundEndOfFile(diagnostic.message)) {
                    typoLines.add(diagnostic.range.start.line);
                }
                const misspelt = misspeltKeywordMessage(document.textDocument.getText(), document.textDocument.offsetAt(diagnostic.range.start));
                syntax.push(misspelt
                    ? { ...diagnostic, code: DiagnosticCode.Syntax, message: misspelt.message, range: { start: document.textDocument.positionAt(misspelt.wordOffset), end: document.textDocument.positionAt(misspelt.wordOffset + misspelt.wordLength) } }
                    : { ...diagnostic, code: DiagnosticCode.Syntax, message: describeSyntaxError(diagnostic.message) });
            } else if (internalCode === DocumentValidator.LinkingError) {
                const refText = String(diagnostic.data?.refText ?? '');
                const what = diagnostic.data?.property === 'category' ? 'category' : 'factor';
                others.push({
                    ...diagnostic,
                    code: DiagnosticCode.UnresolvedReference,
                    message: `Unknown ${what} '${refText}': it is not declared in this file or the files it imports.`
                });
            } else {
                others.push(diagnostic);
            }
        }
        return [...firstPerLine(syntax), ...others.filter(d => d.code !== DiagnosticCode.UnresolvedReference || !typoLines.has(d.range.start.line))];
    }
}

function firstPerLine(diagnostics: Diagnostic[]): Diagnostic[] {
    const seen = new Set<number>();
    return diagnostics
        .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)
        .filter(d => !seen.has(d.range.start.line) && seen.add(d.range.start.line) !== undefined);
}
