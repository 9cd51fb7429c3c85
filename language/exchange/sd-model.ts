import type { SimulationSettings } from '../analysis/dynamics/simulate.js';
import { defaultSimulationSettings, substepsPerStep } from '../analysis/dynamics/simulate.js';
import type { ModelGraph, RelationEdge } from '../analysis/model-graph.js';
import type { ImportWarning } from './exchange-model.js';

/**
 * MARVEL's dynamics (language/analysis/dynamics/simulate.ts) written as a system-dynamics
 * model, for XMILE and Vensim: each factor an auxiliary, its starting level plus what its
 * relations and the active scenarios bring; each relation `delayOrder` stocks in a chain,
 * the first chasing `gain × (source − its start)`, each next the one before, every stage
 * with time τ / delayOrder; each factor a scenario sets one stock that pulls it towards the
 * scenario's level with its adjustment time. Exactly the equations `marvel simulate`
 * integrates, so any engine that runs the file reproduces its series.
 */
export interface SdModel {
    readonly title: string;
    readonly settings: SimulationSettings;
    /** The engine's time step: the step, split as `marvel simulate` splits it for short delay stages. */
    readonly timeStep: number;
    /** One per factor, in declaration order. */
    readonly levels: readonly SdLevel[];
    readonly stocks: readonly SdStock[];
}

export interface SdLevel {
    readonly factor: string;
    /** The variable's name in the exported model. */
    readonly name: string;
    readonly label: string;
    readonly initial: number;
    /** Names of the stocks whose values it adds. */
    readonly inputs: readonly string[];
}

export interface SdStock {
    readonly name: string;
    /** The rate of change as an expression over other names (`+ - * /` and parentheses only). */
    readonly rate: string;
    /** Names the rate reads (for diagrams). */
    readonly reads: readonly string[];
    /** What the stock is, for its documentation. */
    readonly purpose: string;
    /** The relation this stock is a stage of. */
    readonly relation?: RelationEdge;
}

export interface SdOptions extends Partial<SimulationSettings> {
    /** Scenarios active together (the last one setting a factor counts). */
    readonly scenarios?: readonly string[];
}

export function sdModel(graph: ModelGraph, options: SdOptions = {}): SdModel {
    const settings: SimulationSettings = {
        horizon: options.horizon ?? defaultSimulationSettings.horizon,
        step: options.step ?? defaultSimulationSettings.step,
        delayOrder: options.delayOrder ?? defaultSimulationSettings.delayOrder
    };
    const names = new SdNamePool();
    const levelNames = new Map(graph.factors.map(factor => [factor.id, names.claim(factor.id)] as const));
    const inputs = new Map<string, string[]>(graph.factors.map(factor => [factor.id, []]));
    const stocks: SdStock[] = [];
    let shortestStageTime = Infinity;
    const initialOf = new Map(graph.factors.map(factor => [factor.id, factor.initial] as const));
    for (const relation of graph.relations) {
        const gain = relation.sign === '?' ? 0 : (relation.sign === '+' ? 1 : -1) * relation.strength;
        if (gain === 0) {
            continue;
        }
        const stageTime = Math.max(relation.delay, settings.step) / settings.delayOrder;
        shortestStageTime = Math.min(shortestStageTime, stageTime);
        const source = levelNames.get(relation.source)!;
        const base = `${relation.source}_to_${relation.target}`;
        let input = `${number(gain)} * (${source} - ${number(initialOf.get(relation.source)!)})`;
        let reads = [source];
        let stage = '';
        for (let i = 1; i <= settings.delayOrder; i++) {
            stage = names.claim(settings.delayOrder === 1 ? base : `${base}_${i}`);
            stocks.push({
                name: stage,
                rate: `(${input} - ${stage}) / ${number(stageTime)}`,
                reads: [...reads, stage],
                purpose: `${settings.delayOrder === 1 ? 'delay' : `delay stage ${i} of ${settings.delayOrder}`} of ${relation.source} -> ${relation.sign}${relation.target}`,
                relation
            });
            input = stage;
            reads = [stage];
        }
        inputs.get(relation.target)!.push(stage);
    }
    const adjustments = new Map<string, { level: number; time: number }>();
    for (const id of options.scenarios ?? []) {
        const scenario = graph.scenarios.find(s => s.id === id);
        if (!scenario) {
            throw new Error(`unknown scenario '${id}'`);
        }
        for (const setting of scenario.settings) {
            adjustments.set(setting.factor, { level: setting.target, time: Math.max(setting.over, settings.step) });
        }
    }
    for (const [factor, { level, time }] of adjustments) {
        const name = names.claim(`adjust_${factor}`);
        const target = levelNames.get(factor)!;
        stocks.push({ name, rate: `(${number(level)} - ${target}) / ${number(time)}`, reads: [target], purpose: `the scenario pulling ${factor} to ${level} over ${time}` });
        inputs.get(factor)!.push(name);
    }
    return {
        title: graph.data.title ?? graph.data.name ?? 'MARVEL model',
        settings,
        timeStep: settings.step / substepsPerStep(settings.step, shortestStageTime),
        levels: graph.factors.map(factor => ({ factor: factor.id, name: levelNames.get(factor.id)!, label: factor.label, initial: factor.initial, inputs: inputs.get(factor.id)! })),
        stocks
    };
}

/** A level's equation: its start plus its inputs. */
export function levelEquation(level: SdLevel): string {
    return [number(level.initial), ...level.inputs].join(' + ');
}

/**
 * Names that stay distinct in every engine: Vensim and XMILE compare names ignoring case and
 * treat `_` like a space, so two names equal under those rules get a numbered suffix.
 */
class SdNamePool {
    private readonly taken = new Set<string>(reservedSdNames);

    claim(wanted: string): string {
        let name = wanted;
        for (let n = 2; this.taken.has(canonical(name)); n++) {
            name = `${wanted}_${n}`;
        }
        this.taken.add(canonical(name));
        return name;
    }
}

/** Built-in variables and functions of Vensim and XMILE that a factor's name must not shadow. */
const reservedSdNames = [
    'time', 'initial_time', 'final_time', 'time_step', 'saveper', 'dt', 'starttime', 'stoptime', 'pi', 'e', 'inf',
    'integ', 'smooth', 'smooth3', 'smoothi', 'delay1', 'delay3', 'delay_n', 'smooth_n', 'delay_fixed', 'min', 'max', 'abs',
    'exp', 'ln', 'log', 'sqrt', 'sin', 'cos', 'tan', 'int', 'modulo', 'step', 'pulse', 'ramp', 'if_then_else', 'and', 'or', 'not'
];

function canonical(name: string): string {
    return name.toLowerCase().replace(/[\s_]+/g, '_');
}

/** A number as both Vensim and XMILE read it; a negative one in parentheses, so that it may follow an operator. */
export function number(value: number): string {
    return value < 0 ? `(${value})` : String(value);
}

/**
 * What an import from a system-dynamics file cannot give back, said once: such a file holds
 * equations and a sketch, not MARVEL's roles, KPI directions or relation attributes, so an
 * import of a MARVEL export is not the model it came from.
 */
export function sdImportWarning(file: 'a Vensim sketch' | 'an XMILE model'): ImportWarning {
    return {
        place: 'the whole file',
        message: `${file} holds nothing MARVEL reads as roles, KPI directions, strengths, delays or notes: every variable becomes a plain factor and every relation keeps only its sign; mark the interventions and KPIs in the imported model`
    };
}
