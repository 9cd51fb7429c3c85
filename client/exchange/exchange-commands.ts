import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import type { ExportFormat, ImportFormat } from '../../language/exchange/formats.js';
import { exportExtensions, exportFormats, formatDescriptions, formatOfFileName, importFormats, isImportFormat, maxImportBytes } from '../../language/exchange/formats.js';
import { ExportRequest, ImportRequest } from '../../language/protocol/exchange-protocol.js';
import { counted } from '../../language/text/counted.js';

/** "MARVEL: Export Model…" and "MARVEL: Import Model…"; an import's warnings go to the "MARVEL Exchange" output. */
export function registerExchange(client: LanguageClient): vscode.Disposable[] {
    const output = vscode.window.createOutputChannel('MARVEL Exchange');

    const exportModel = async (resource?: vscode.Uri): Promise<void> => {
        const uri = resource ?? activeMarvelUri();
        if (!uri) {
            void vscode.window.showInformationMessage('Open a .marvel file to export its model.');
            return;
        }
        const picked = await vscode.window.showQuickPick(exportFormats.map(format => ({ label: format, description: formatDescriptions[format], format })), { title: 'Export the model as' });
        if (!picked) {
            return;
        }
        const format: ExportFormat = picked.format;
        const target = await vscode.window.showSaveDialog({
            title: `Export the model as ${format}`,
            defaultUri: uri.with({ path: uri.path.replace(/\.marvel$/, '') + exportExtensions[format] }),
            filters: { [format]: [exportExtensions[format].slice(1)] }
        });
        if (!target) {
            return;
        }
        const response = await client.sendRequest(ExportRequest, { uri: uri.toString(), format });
        if ('problem' in response) {
            void vscode.window.showErrorMessage(`MARVEL could not export the model: ${response.problem}`);
            return;
        }
        await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(response.text));
        void vscode.window.showInformationMessage(`Exported the model to ${path.basename(target.path)}.`);
    };

    const importModel = async (resource?: vscode.Uri): Promise<void> => {
        const chosen = resource ? [resource] : await vscode.window.showOpenDialog({
            title: 'Import a model', canSelectMany: false,
            filters: { 'Models of other tools': ['json', 'csv', 'graphml', 'mdl', 'xmile', 'xmi', 'stmx'] }
        });
        const file = chosen?.[0];
        if (!file) {
            return;
        }
        const format = await importFormatOf(file);
        if (!format) {
            return;
        }
        const stat = await vscode.workspace.fs.stat(file);
        if (stat.size > maxImportBytes) {
            void vscode.window.showErrorMessage(`${path.basename(file.path)} is ${Math.round(stat.size / 1024 / 1024)} MB; MARVEL imports files up to ${maxImportBytes / 1024 / 1024} MB.`);
            return;
        }
        let text: string;
        try {
            text = new TextDecoder('utf-8', { fatal: true }).decode(await vscode.workspace.fs.readFile(file));
        } catch {
            void vscode.window.showErrorMessage(`${path.basename(file.path)} is not UTF-8 text.`);
            return;
        }
        const response = await client.sendRequest(ImportRequest, { text, format });
        if ('problem' in response) {
            void vscode.window.showErrorMessage(`MARVEL could not import ${path.basename(file.path)} as ${format}: ${response.problem}`);
            return;
        }
        const document = await vscode.workspace.openTextDocument({ language: 'marvel', content: response.text });
        await vscode.window.showTextDocument(document);
        if (response.warnings.length > 0) {
            output.appendLine(`Imported ${file.fsPath} as ${format}, ${counted(response.warnings.length, 'warning')}:`);
            response.warnings.forEach(warning => output.appendLine(`  ${warning}`));
            output.show(true);
        }
    };

    return [
        output,
        vscode.commands.registerCommand('marvel.exportModel', (uri?: vscode.Uri) => exportModel(uri instanceof vscode.Uri ? uri : undefined)),
        vscode.commands.registerCommand('marvel.importModel', (uri?: vscode.Uri) => importModel(uri instanceof vscode.Uri ? uri : undefined))
    ];
}

function activeMarvelUri(): vscode.Uri | undefined {
    const document = vscode.window.activeTextEditor?.document;
    return document?.languageId === 'marvel' ? document.uri : undefined;
}

/** The format the file's extension says, or the one the user picks. */
async function importFormatOf(file: vscode.Uri): Promise<ImportFormat | undefined> {
    const known = formatOfFileName(file.path);
    if (known !== undefined && isImportFormat(known)) {
        return known;
    }
    const picked = await vscode.window.showQuickPick(importFormats.map(format => ({ label: format, description: formatDescriptions[format] })), { title: `Read ${path.basename(file.path)} as` });
    return picked?.label as ImportFormat | undefined;
}
