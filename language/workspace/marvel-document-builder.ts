import type { LangiumDocument } from 'langium';
import { DefaultDocumentBuilder } from 'langium';
import { MarvelLinker } from '../references/marvel-linker.js';

/**
 * Decides which files to relink after an edit by asking the linker, which remembers what each
 * file's references resolve into, instead of scanning every reference of every file on every
 * keystroke.
 */
export class MarvelDocumentBuilder extends DefaultDocumentBuilder {
    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        const linker = this.serviceRegistry.getServices(document.uri).references.Linker;
        return linker instanceof MarvelLinker ? linker.mayResolveDifferently(document, changedUris) : super.shouldRelink(document, changedUris);
    }
}
