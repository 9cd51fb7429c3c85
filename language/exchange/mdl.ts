import type { ModelGraph, RelationEdge } from '../analysis/model-graph.js';
import type { FactorBox } from './diagram-positions.js';
import { gridBoxes } from './diagram-positions.js';
import { levelEquation, sdModel } from './sd-model.js';
import type { SdExportOptions } from './xmile.js';

/**
 * Vensim `.mdl`: the equations of {@link sdModel} (each stage an INTEG), the control
 * section, and a sketch with one view per category (factors outside categories on a view of
 * their own): every factor at its diagram position, every relation an arrow with its polarity
 * mark, relations from another view drawn from a shadow of their source.
 */
export function exportMdl(graph: ModelGraph, options: SdExportOptions = {}): string {
    const model = sdModel(graph, options);
    const out = ['{UTF-8}'];
    const equation = (name: string, text: string, units: string, comment: string): void => {
        out.push(`${name} = ${text}`, `\t~\t${units}`, `\t~\t${mdlComment(comment)}`, '\t|', '');
    };
    for (const level of model.levels) {
        const factor = graph.factor(level.factor)!;
        equation(level.name, levelEquation(level), 'level', [factor.label, factor.description].filter(text => text !== undefined).join(': '));
    }
    for (const stock of model.stocks) {
        equation(stock.name, `INTEG(${stock.rate}, 0)`, 'level', stock.purpose);
    }
    out.push(
        '********************************************************', '\t.Control', '********************************************************~',
        '\t\tSimulation Control Parameters', '\t|', ''
    );
    equation('FINAL TIME', String(model.settings.horizon), 'year', 'The final time for the simulation.');
    equation('INITIAL TIME', '0', 'year', 'The initial time for the simulation.');
    equation('SAVEPER', 'TIME STEP', 'year [0,?]', 'The frequency with which output is stored.');
    equation('TIME STEP', String(model.settings.step), 'year [0,?]', 'The time step for the simulation. MARVEL integrates with RK4 (Model > Settings > Integration Type).');
    out.push('\\\\\\---/// Sketch information - do not modify anything except names', 'V300  Do not put anything below this section - it will be ignored');
    const names = new Map(model.levels.map(level => [level.factor, level.name] as const));
    out.push(...sketch(graph, names, options.boxes ?? gridBoxes(graph)));
    out.push('///---\\\\\\', ':L<%^E!@', '4:Time', '5:' + (model.levels[0]?.name ?? 'Time'), '');
    return out.join('\n');
}

const viewStyle = '$192-192-192,0,Times New Roman|12||0-0-0|0-0-0|0-0-255|-1--1--1|-1--1--1|96,96,100,0';

function sketch(graph: ModelGraph, names: ReadonlyMap<string, string>, boxes: ReadonlyMap<string, FactorBox>): string[] {
    const views = new Map<string | undefined, string[]>();
    for (const factor of graph.factors) {
        views.set(factor.category, [...views.get(factor.category) ?? [], factor.id]);
    }
    const incoming = new Map<string, RelationEdge[]>();
    for (const relation of graph.relations) {
        incoming.set(relation.target, [...incoming.get(relation.target) ?? [], relation]);
    }
    const lines: string[] = [];
    for (const [category, members] of views) {
        const title = category !== undefined ? graph.categoryPath(category).map(c => c.label).join(' - ') : graph.data.title ?? 'Model';
        lines.push(`*${viewName(title)}`, viewStyle);
        const left = Math.min(...members.map(id => boxes.get(id)!.x - boxes.get(id)!.width / 2)) - 40;
        const top = Math.min(...members.map(id => boxes.get(id)!.y - boxes.get(id)!.height / 2)) - 40;
        const objects = new Map<string, number>();
        let nextId = 1;
        const place = (id: string, x: number, y: number, shadow: boolean): number => {
            const number = nextId++;
            const box = boxes.get(id)!;
            lines.push(`10,${number},${names.get(id)},${Math.round(x)},${Math.round(y)},${Math.round(box.width / 2)},${Math.round(box.height / 2)},8,${shadow ? 2 : 3},${shadow ? '0,3,-1,0,0,0,128-128-128,0-0-0,|12||128-128-128' : '0,0,0,0,0,0'}`);
            return number;
        };
        for (const id of members) {
            const box = boxes.get(id)!;
            objects.set(id, place(id, box.x - left, box.y - top, false));
        }
        const shadows = new Map<string, number>();
        for (const target of members) {
            let shadowsOfTarget = 0;
            for (const relation of incoming.get(target) ?? []) {
                let from = objects.get(relation.source) ?? shadows.get(relation.source);
                if (from === undefined) {
                    // A shadow of a source from another view, stacked above and left of its first target.
                    const box = boxes.get(target)!;
                    from = place(relation.source, box.x - left - box.width, box.y - top - box.height - 30 * shadowsOfTarget++, true);
                    shadows.set(relation.source, from);
                }
                const polarity = relation.sign === '+' ? 43 : relation.sign === '-' ? 45 : 0;
                lines.push(`1,${nextId++},${from},${objects.get(target)},0,0,${polarity},0,0,64,0,-1--1--1,,1|(0,0)|`);
            }
        }
    }
    return lines;
}

/** Vensim ends a comment at `|` and a field at `~`. */
function mdlComment(text: string): string {
    return text.replace(/[|~]/g, '/').replace(/\r?\n/g, ' ');
}

function viewName(title: string): string {
    return title.replace(/[\r\n|,]/g, ' ');
}
