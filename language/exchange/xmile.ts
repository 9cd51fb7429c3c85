import type { ModelGraph } from '../analysis/model-graph.js';
import type { FactorBox } from './diagram-positions.js';
import { gridBoxes } from './diagram-positions.js';
import type { SdOptions } from './sd-model.js';
import { levelEquation, sdModel } from './sd-model.js';
import { xmlText } from './xml.js';

export interface SdExportOptions extends SdOptions {
    /** Where each factor stands in the diagram; a grid when absent. */
    readonly boxes?: ReadonlyMap<string, FactorBox>;
}

/**
 * XMILE 1.0 (OASIS): the dynamics of {@link sdModel} (each stage a stock with one inflow),
 * RK4 sim specs, and one view with every factor at its diagram position and every relation
 * as a connector with its polarity.
 */
export function exportXmile(graph: ModelGraph, options: SdExportOptions = {}): string {
    const model = sdModel(graph, options);
    const boxes = options.boxes ?? gridBoxes(graph);
    const out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<xmile version="1.0" xmlns="http://docs.oasis-open.org/xmile/ns/XMILE/v1.0">',
        '  <header>',
        `    <name>${xmlText(model.title)}</name>`,
        '    <vendor>MARVEL</vendor>',
        '    <product version="1.0">MARVEL for VS Code</product>',
        '  </header>',
        `  <sim_specs method="RK4" time_units="year">`,
        `    <start>0</start>`,
        `    <stop>${model.settings.horizon}</stop>`,
        `    <dt>${model.settings.step}</dt>`,
        '  </sim_specs>',
        '  <model>',
        '    <variables>'
    ];
    for (const level of model.levels) {
        const factor = graph.factor(level.factor)!;
        const doc = [factor.label, factor.description].filter(text => text !== undefined).join('\n\n');
        out.push(`      <aux name="${xmlText(level.name)}">`, `        <eqn>${xmlText(levelEquation(level))}</eqn>`, `        <doc>${xmlText(doc)}</doc>`, '      </aux>');
    }
    for (const stock of model.stocks) {
        const flow = `${stock.name}_change`;
        out.push(
            `      <stock name="${xmlText(stock.name)}">`, '        <eqn>0</eqn>', `        <inflow>${xmlText(flow)}</inflow>`,
            `        <doc>${xmlText(stock.purpose)}</doc>`, '      </stock>',
            `      <flow name="${xmlText(flow)}">`, `        <eqn>${xmlText(stock.rate)}</eqn>`, '      </flow>'
        );
    }
    out.push('    </variables>', '    <views>', '      <view type="stock_flow">');
    for (const level of model.levels) {
        const box = boxes.get(level.factor)!;
        out.push(`        <aux name="${xmlText(level.name)}" x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}"/>`);
    }
    const names = new Map(model.levels.map(level => [level.factor, level.name] as const));
    graph.relations.forEach((relation, i) => {
        const polarity = relation.sign === '?' ? '' : ` polarity="${relation.sign}"`;
        out.push(`        <connector uid="${i + 1}"${polarity}><from>${xmlText(names.get(relation.source)!)}</from><to>${xmlText(names.get(relation.target)!)}</to></connector>`);
    });
    out.push('      </view>', '    </views>', '  </model>', '</xmile>', '');
    return out.join('\n');
}

