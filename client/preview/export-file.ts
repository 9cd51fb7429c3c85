import * as vscode from 'vscode';

const filters: Readonly<Record<'svg' | 'png' | 'csv', Record<string, string[]>>> = {
    svg: { 'SVG image': ['svg'] },
    png: { 'PNG image': ['png'] },
    csv: { 'CSV table': ['csv'] }
};

/** Asks where to save an exported picture or table, next to the model by default (`suffix` added to its name), and writes it. */
export async function saveExport(model: vscode.Uri, format: 'svg' | 'png' | 'csv', data: string, suffix = ''): Promise<vscode.Uri | undefined> {
    const base = model.path.replace(/\.marvel$/, '');
    const target = await vscode.window.showSaveDialog({
        defaultUri: model.with({ path: `${base}${suffix}.${format}` }),
        filters: filters[format],
        saveLabel: `Export ${format.toUpperCase()}`
    });
    if (!target) {
        return undefined;
    }
    const bytes = format !== 'png' ? Buffer.from(data, 'utf8') : Buffer.from(data.replace(/^data:image\/png;base64,/, ''), 'base64');
    try {
        await vscode.workspace.fs.writeFile(target, bytes);
        return target;
    } catch (error) {
        void vscode.window.showErrorMessage(`Could not save ${target.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
    }
}
