import type { ValidationAcceptor, ValidationChecks } from 'langium';
import { AstUtils } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { attributeLevel, isHexColor, isUsableNumber, largestModelNumber, shownLabel } from '../model/graph-builder.js';
import { completenessCodes, describeFactor } from '../analysis/model-checks.js';
import { isSpeedClass, isStrengthClass, speedClasses, strengthClasses } from '../analysis/relation-scales.js';
import type { Category, Factor, Import, MarvelAstType, MarvelFile, RelationTarget, Scenario } from '../generated/ast.js';
import { isCategory } from '../generated/ast.js';
import { mixedEffectMessage } from '../text/effect-text.js';
import type { MarvelServices } from '../marvel-module.js';
import type { ImportResolver } from '../workspace/import-resolver.js';
import type { UnreadableFiles } from '../workspace/unreadable-files.js';
import type { MarvelModel, ModelProvider } from '../workspace/model-provider.js';
import { DiagnosticCode } from './diagnostic-codes.js';

export function registerValidationChecks(services: MarvelServices): void {
    const validator = services.validation.MarvelValidator;
    // Model-wide diagnostics (`checkModel`) are not registered here: the document validator adds
    // them separately, so that a file whose text and links did not change keeps its own results.
    const checks: ValidationChecks<MarvelAstType> = {
        Import: validator.checkImport,
        Factor: validator.checkFactor,
        Category: validator.checkCategory,
        RelationTarget: validator.checkAttributes,
        Scenario: validator.checkScenario
    };
    services.validation.ValidationRegistry.register(checks, validator);
}

/** A relation clause by file and the range of its `+target …` part. */
export interface RelationClauseRef {
    readonly uri: string;
    readonly range: Diagnostic['range'];
    readonly sign: string;
}

/**
 * Data attached to relation diagnostics for quick fixes: the reported clause and its pair.
 * The other relations of the pair are looked up when a fix is asked for, so the data stays
 * small however many relations a pair has.
 */
export interface RelationFixData {
    readonly source: string;
    readonly target: string;
    readonly relation: RelationClauseRef;
}

export class MarvelValidator {
    private readonly models: ModelProvider;
    private readonly imports: ImportResolver;
    private readonly unreadableFiles: UnreadableFiles;

    constructor(services: MarvelServices) {
        this.models = services.workspace.ModelProvider;
        this.imports = services.workspace.ImportResolver;
        this.unreadableFiles = services.workspace.UnreadableFiles;
    }

    /** Reports this file's share of the model-wide findings and duplicate names. */
    checkModel = (file: MarvelFile, accept: ValidationAcceptor): void => {
        const document = AstUtils.getDocument(file);
        const uri = document.uri.toString();
        const model = this.models.getModel(document);
        for (const finding of model.findingsIn(uri)) {
            if (model.hasSyntaxErrors && completenessCodes.has(finding.code)) {
                continue;
            }
            const reported = finding.relations?.[0];
            const data: RelationFixData | undefined = reported
                ? { source: reported.source, target: reported.target, relation: { uri: reported.targetLocation.uri, range: reported.targetLocation.range, sign: reported.sign } }
                : undefined;
            accept(finding.severity, finding.message, { node: file, range: finding.location.range, code: finding.code, data });
        }
        if (!model.hasSyntaxErrors) {
            this.reportMixedEffects(file, uri, model, accept);
        }
        for (const { declaration, namesakes } of model.duplicatesIn(uri)) {
            if (!declaration.nameSegment) {
                continue;
            }
            const others = namesakes.filter(d => d !== declaration);
            const shown = others.slice(0, 3).map(d => place(d.documentUri.toString(), d.nameSegment?.range.start.line, uri));
            const more = others.length > shown.length ? ` and ${others.length - shown.length} more` : '';
            accept('error', `The name '${declaration.name}' is declared more than once in this model (also at ${shown.join(', ')}${more}).`, {
                node: file, range: declaration.nameSegment.range, code: DiagnosticCode.DuplicateName
            });
        }
    };

    /**
     * A hint on each intervention of this file that works both ways on a KPI (the memo's
     * "tweeledige doorwerking"). A hint, not an info: the editor marks the name, but the
     * Problems panel keeps to errors and warnings instead of listing it for every file of the model.
     */
    private reportMixedEffects(file: MarvelFile, uri: string, model: MarvelModel, accept: ValidationAcceptor): void {
        // The graph's interventions, not the tree's: walking every file's tree on every edit costs more than the check.
        for (const intervention of model.graph.interventions()) {
            if (intervention.nameLocation.uri !== uri) {
                continue;
            }
            for (const effect of model.effects.get(intervention.id) ?? []) {
                if (effect.effect === 'mixed') {
                    accept('hint', mixedEffectMessage(model.graph, intervention.id, effect), { node: file, range: intervention.nameLocation.range, code: DiagnosticCode.MixedEffect });
                }
            }
        }
    }

    /** A blank label would draw an empty box: the name is drawn instead (shownLabel), and the author is told. */
    private checkLabel(node: Factor | Category | Scenario, accept: ValidationAcceptor): void {
        if (node.label?.trim() === '') {
            accept('warning', `This label is blank, so '${node.name}' is shown instead: write the text to show, or leave the label out.`, { node, property: 'label', code: DiagnosticCode.BlankLabel });
        }
    }

    checkImport = (node: Import, accept: ValidationAcceptor): void => {
        if (!node.path) {
            return;
        }
        const file = this.imports.importedFile(node);
        const refusal = file && this.unreadableFiles.reasonFor(file);
        if (!node.path.endsWith('.marvel')) {
            accept('error', `Cannot import '${node.path}': only .marvel files can be imported.`, { node, property: 'path', code: DiagnosticCode.ImportNotFound });
        } else if (refusal) {
            accept('error', `Cannot read the imported file '${node.path}': ${refusal}.`, { node, property: 'path', code: DiagnosticCode.ImportNotFound });
        } else if (!this.imports.importedDocument(node)) {
            accept('error', `Cannot find the imported file '${node.path}' (resolved relative to this file).`, { node, property: 'path', code: DiagnosticCode.ImportNotFound });
        }
    };

    checkFactor = (node: Factor, accept: ValidationAcceptor): void => {
        this.checkLabel(node, accept);
        if (node.initial !== undefined && !isUsableNumber(node.initial)) {
            accept('error', unusableNumberMessage('initial level'), { node, property: 'initial', code: DiagnosticCode.InvalidAttribute });
        }
        if (node.kind === 'kpi' && !node.direction) {
            accept('error', `KPI ${describeFactor({ id: node.name, label: shownLabel(node) })} needs a desired direction: add 'increase' or 'decrease'.`, {
                node, property: 'name', code: DiagnosticCode.KpiWithoutDirection
            });
        }
        if (node.category && isCategory(node.$container)) {
            const factor = describeFactor({ id: node.name, label: shownLabel(node) });
            const category = describeFactor({ id: node.$container.name, label: shownLabel(node.$container) });
            accept('error', `${factor} already sits in category ${category}; 'in' is only for declarations outside a category block.`, {
                node, property: 'category', code: DiagnosticCode.CategoryConflict
            });
        }
    };

    checkCategory = (node: Category, accept: ValidationAcceptor): void => {
        this.checkLabel(node, accept);
        if (node.color !== undefined && !isHexColor(node.color)) {
            accept('error', `Invalid colour '${node.color}': write it as "#rrggbb" or "#rgb".`, { node, property: 'color', code: DiagnosticCode.InvalidColor });
        }
    };

    checkAttributes = (node: RelationTarget, accept: ValidationAcceptor): void => {
        const seen = new Set<string>();
        for (const attribute of node.attributes) {
            const key = attribute.$type === 'StrengthAttribute' ? 'strength' : attribute.$type === 'SpeedAttribute' ? 'speed' : 'delay';
            if (seen.has(key)) {
                accept('warning', `'${key}' is given more than once; the last one counts.`, { node: attribute, code: DiagnosticCode.DuplicateAttribute });
            }
            seen.add(key);
            if (attribute.value !== undefined && !isUsableNumber(attribute.value)) {
                accept('error', unusableNumberMessage(key), { node: attribute, property: 'value', code: DiagnosticCode.InvalidAttribute });
                continue;
            }
            if (attribute.$type === 'DelayAttribute') {
                if (attribute.value !== undefined && attribute.value < 0) {
                    accept('error', 'A delay cannot be negative.', { node: attribute, property: 'value', code: DiagnosticCode.InvalidAttribute });
                }
                continue;
            }
            const level = attributeLevel(attribute.very, attribute.level);
            if (level !== undefined) {
                const valid = key === 'strength' ? isStrengthClass(level) : isSpeedClass(level);
                if (!valid) {
                    const allowed = (key === 'strength' ? strengthClasses : speedClasses).join(', ');
                    accept('error', `'${level}' is not a ${key}; use ${allowed}, or a number.`, { node: attribute, code: DiagnosticCode.InvalidAttribute });
                }
            } else if (attribute.value !== undefined && attribute.value < 0) {
                accept('error', `A ${key} cannot be negative; the sign of the relation gives its direction.`, { node: attribute, property: 'value', code: DiagnosticCode.InvalidAttribute });
            }
        }
        if (seen.has('delay') && seen.has('speed')) {
            const speed = node.attributes.find(a => a.$type === 'SpeedAttribute');
            if (speed) {
                accept('warning', "'delay' overrides 'speed'; keep one of them.", { node: speed, code: DiagnosticCode.DuplicateAttribute });
            }
        }
    };

    /** Only what the scenario's own text shows; a factor set twice is a model check (it names the factor by label). */
    checkScenario = (node: Scenario, accept: ValidationAcceptor): void => {
        this.checkLabel(node, accept);
        for (const setting of node.settings) {
            if (setting.value !== undefined && !isUsableNumber(setting.value)) {
                accept('error', unusableNumberMessage('target level'), { node: setting, property: 'value', code: DiagnosticCode.InvalidAttribute });
            }
            if (setting.duration !== undefined && !isUsableNumber(setting.duration)) {
                accept('error', unusableNumberMessage('adjustment time'), { node: setting, property: 'duration', code: DiagnosticCode.InvalidAttribute });
                continue;
            }
            if (setting.duration !== undefined && setting.duration <= 0) {
                accept('error', 'The adjustment time after \'over\' must be greater than 0.', { node: setting, property: 'duration', code: DiagnosticCode.InvalidScenario });
            }
        }
    };
}

function place(uri: string, line: number | undefined, currentUri: string): string {
    const at = line === undefined ? '' : `line ${line + 1}`;
    if (uri === currentUri) {
        return at;
    }
    const file = decodeURIComponent(uri.split('/').pop() ?? uri);
    return `${file}${at ? ` ${at}` : ''}`;
}

function unusableNumberMessage(what: string): string {
    return `This ${what} is too large: numbers in a model may be at most ${largestModelNumber.toExponential()} in size.`;
}
