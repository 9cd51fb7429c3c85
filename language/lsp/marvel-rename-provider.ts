import type { LangiumDocument } from 'langium';
import { AstUtils, CstUtils } from 'langium';
import { DefaultRenameProvider } from 'langium/lsp';
import type { RenameParams, WorkspaceEdit } from 'vscode-languageserver';
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import type { MarvelServices } from '../marvel-module.js';
import type { ModelProvider } from '../workspace/model-provider.js';

/** Words that can never be a name; the attribute and scenario words can. */
const reservedWords = new Set([
    'model', 'import', 'category', 'color', 'factor', 'intervention', 'kpi', 'key', 'indicator',
    'in', 'initial', 'increase', 'decrease', 'scenario'
]);

const identifierPattern = /^[_\p{L}][_\p{L}\p{N}]*$/u;

/** Rename that refuses names the language would not accept or that the model already uses. */
export class MarvelRenameProvider extends DefaultRenameProvider {
    private readonly models: ModelProvider;

    constructor(services: MarvelServices) {
        super(services);
        this.models = services.workspace.ModelProvider;
    }

    override async rename(document: LangiumDocument, params: RenameParams): Promise<WorkspaceEdit | undefined> {
        const newName = params.newName.trim();
        const problem = this.checkNewName(document, params, newName);
        if (problem) {
            throw new ResponseError(ErrorCodes.InvalidParams, problem);
        }
        return super.rename(document, { ...params, newName });
    }

    private checkNewName(document: LangiumDocument, params: RenameParams, newName: string): string | undefined {
        if (!identifierPattern.test(newName)) {
            return `'${newName}' is not a valid name: start with a letter or '_', then letters, digits or '_'.`;
        }
        if (reservedWords.has(newName)) {
            return `'${newName}' is a keyword of the language and cannot be a name.`;
        }
        const root = document.parseResult.value.$cstNode;
        const leaf = root && CstUtils.findDeclarationNodeAtOffset(root, document.textDocument.offsetAt(params.position), this.grammarConfig.nameRegexp);
        const declaration = leaf ? this.references.findDeclarations(leaf)[0] : undefined;
        if (!declaration || this.nameProvider.getName(declaration) === newName) {
            return undefined;
        }
        const model = this.models.getModel(AstUtils.getDocument(declaration));
        const taken = model.declarations.get(newName)?.[0];
        if (taken) {
            const where = `${decodeURIComponent(taken.documentUri.path.split('/').pop() ?? '')}:${(taken.nameSegment?.range.start.line ?? 0) + 1}`;
            return `'${newName}' is already declared in this model (${where}).`;
        }
        return undefined;
    }
}
