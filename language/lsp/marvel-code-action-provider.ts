import type { LangiumDocument, LangiumDocuments, MaybePromise } from 'langium';
import { AstUtils, URI } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import type { CodeAction, CodeActionParams, Command, Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { CodeActionKind } from 'vscode-languageserver';
import type { MarvelFile, Relation, RelationTarget } from '../generated/ast.js';
import { isCategory, isFactor } from '../generated/ast.js';
import type { MarvelServices } from '../marvel-module.js';
import { DiagnosticCode } from '../validation/diagnostic-codes.js';
import type { RelationClauseRef, RelationFixData } from '../validation/marvel-validator.js';
import type { ModelProvider } from '../workspace/model-provider.js';
import { closestNames } from '../text/closest-names.js';
import { relationTargetFinder, removeRelationTargets } from './relation-removal.js';

/** Quick fixes for the diagnostics a modeller meets most. */
export class MarvelCodeActionProvider implements CodeActionProvider {
    private readonly documents: LangiumDocuments;
    private readonly models: ModelProvider;

    constructor(services: MarvelServices) {
        this.documents = services.shared.workspace.LangiumDocuments;
        this.models = services.workspace.ModelProvider;
    }

    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction>> {
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            actions.push(...this.actionsFor(document as LangiumDocument<MarvelFile>, diagnostic));
        }
        return actions;
    }

    private actionsFor(document: LangiumDocument<MarvelFile>, diagnostic: Diagnostic): CodeAction[] {
        switch (diagnostic.code) {
            case DiagnosticCode.ContradictoryRelation:
                return this.keepOneSign(document, diagnostic);
            case DiagnosticCode.DuplicateRelation:
                return this.removeReported(diagnostic, 'Remove the duplicate relation');
            case DiagnosticCode.SelfRelation:
                return this.removeReported(diagnostic, 'Remove the self-relation');
            case DiagnosticCode.UnresolvedReference:
                return this.fixUnresolved(document, diagnostic);
            case DiagnosticCode.KpiWithoutDirection:
                return (['decrease', 'increase'] as const).map(direction => fix(`Add '${direction}'`, diagnostic, {
                    [document.uri.toString()]: [{ range: { start: this.kpiDirectionPosition(document, diagnostic), end: this.kpiDirectionPosition(document, diagnostic) }, newText: ` ${direction}` }]
                }));
            default:
                return [];
        }
    }

    private keepOneSign(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const data = relationData(diagnostic);
        if (!data) {
            return [];
        }
        const relations = this.models.getModel(document).graph.outgoing(data.source)
            .filter(r => r.target === data.target)
            .map(r => ({ uri: r.targetLocation.uri, range: r.targetLocation.range, sign: r.sign }));
        return (['+', '-'] as const).flatMap(sign => {
            const removed = relations.filter(r => r.sign !== sign && r.sign !== '?');
            const edit = this.removalEdit(removed);
            return edit ? [fix(`Keep '${sign}': remove the '${sign === '+' ? '-' : '+'}' relation${removed.length > 1 ? 's' : ''}`, diagnostic, edit)] : [];
        });
    }

    private removeReported(diagnostic: Diagnostic, title: string): CodeAction[] {
        const reported = relationData(diagnostic)?.relation;
        const edit = reported ? this.removalEdit([reported]) : undefined;
        return edit ? [fix(title, diagnostic, edit, true)] : [];
    }

    private removalEdit(relations: readonly RelationClauseRef[]): WorkspaceEdit['changes'] | undefined {
        const byUri = new Map<string, RelationClauseRef[]>();
        for (const relation of relations) {
            byUri.set(relation.uri, [...byUri.get(relation.uri) ?? [], relation]);
        }
        const changes: Record<string, TextEdit[]> = {};
        for (const [uri, clauses] of byUri) {
            const document = this.documents.getDocument(URI.parse(uri)) as LangiumDocument<MarvelFile> | undefined;
            if (!document) {
                return undefined;
            }
            const find = relationTargetFinder(document);
            const byRelation = new Map<Relation, Set<RelationTarget>>();
            for (const clause of clauses) {
                const target = find(clause.range);
                if (!target) {
                    return undefined;
                }
                byRelation.set(target.$container, (byRelation.get(target.$container) ?? new Set()).add(target));
            }
            changes[uri] = [...byRelation].flatMap(([relation, removed]) => removeRelationTargets(document, relation, removed));
        }
        return relations.length > 0 ? changes : undefined;
    }

    private fixUnresolved(document: LangiumDocument<MarvelFile>, diagnostic: Diagnostic): CodeAction[] {
        const offset = document.textDocument.offsetAt(diagnostic.range.start);
        const name = document.textDocument.getText(diagnostic.range);
        const isCategoryReference = diagnostic.data?.property === 'category';
        const model = this.models.getModel(document);
        const candidates = isCategoryReference ? model.graph.categories.map(c => c.id) : model.graph.factors.map(f => f.id);
        const actions = closestNames(name, candidates).map(candidate => fix(`Change to '${candidate}'`, diagnostic, {
            [document.uri.toString()]: [{ range: diagnostic.range, newText: candidate }]
        }, true));
        const statement = this.enclosingStatementStart(document, offset);
        const indent = document.textDocument.getText({ start: { line: statement.line, character: 0 }, end: statement }).replace(/\S.*$/, '');
        const declaration = isCategoryReference ? `category ${name} "${name}"` : `factor ${name} "${name}"`;
        actions.push(fix(`Declare ${isCategoryReference ? 'category' : 'factor'} '${name}'`, diagnostic, {
            [document.uri.toString()]: [{ range: { start: { line: statement.line, character: 0 }, end: { line: statement.line, character: 0 } }, newText: `${indent}${declaration}\n` }]
        }, actions.length === 0));
        return actions;
    }

    /** The start of the top-level or in-category statement holding an offset, so a new declaration goes right above it. */
    private enclosingStatementStart(document: LangiumDocument<MarvelFile>, offset: number): { line: number; character: number } {
        let statement = document.parseResult.value.elements.find(e => e.$cstNode && e.$cstNode.offset <= offset && e.$cstNode.end >= offset);
        while (statement && isCategory(statement)) {
            const inner = statement.members.find(m => m.$cstNode && m.$cstNode.offset <= offset && m.$cstNode.end >= offset);
            if (!inner) {
                break;
            }
            statement = inner;
        }
        const start = statement?.$cstNode?.offset ?? offset;
        return document.textDocument.positionAt(start);
    }

    private kpiDirectionPosition(document: LangiumDocument<MarvelFile>, diagnostic: Diagnostic): { line: number; character: number } {
        const offset = document.textDocument.offsetAt(diagnostic.range.start);
        const kpi = AstUtils.streamAllContents(document.parseResult.value).filter(isFactor).find(f => f.$cstNode !== undefined && f.$cstNode.offset <= offset && f.$cstNode.end >= offset);
        const end = kpi?.label !== undefined
            ? kpi.$cstNode!.offset + kpi.$cstNode!.text.indexOf('"', kpi.$cstNode!.text.indexOf('"') + 1) + 1
            : document.textDocument.offsetAt(diagnostic.range.end);
        return document.textDocument.positionAt(end);
    }
}

function relationData(diagnostic: Diagnostic): RelationFixData | undefined {
    const data = diagnostic.data as Partial<RelationFixData> | undefined;
    return typeof data?.source === 'string' && typeof data.target === 'string' && data.relation ? data as RelationFixData : undefined;
}

function fix(title: string, diagnostic: Diagnostic, changes: WorkspaceEdit['changes'], isPreferred = false): CodeAction {
    return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes }, isPreferred };
}
