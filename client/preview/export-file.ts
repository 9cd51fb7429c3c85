import * as vscode from 'vscode';

/** Asks where to save an exported picture, next to the model by default, and writes it. */
export async function saveExport(model: vscode.Uri, format: 'svg' | 'png', data: string): Promise<vscode.Uri | undefined> {
    const base = model.path.replace(/\.marvel$/, '');
    const target = await vscode.window.showSaveDialog({
        defaultUri: model.with({ path: `${base}.${format}` }),
        filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
        saveLabel: `Export ${format.toUpperCase()}`
    });
    if (!target) {
        return undefined;
    }
    const bytes = format === 'svg' ? Buffer.from(data, 'utf8') : Buffer.from(data.replace(/^data:image\/png;base64,/, ''), 'base64');
    try {
        await vscode.workspace.fs.writeFile(target, bytes);
        return target;
    } catch (error) {
        void vscode.window.showErrorMessage(`Could not save ${target.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
    }
}
