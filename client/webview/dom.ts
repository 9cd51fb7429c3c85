/** The element with this id, of this type; the page is static, so a missing one is a bug. */
export function byId<T extends HTMLElement>(id: string, type: { new(): T; prototype: T }): T {
    const element = document.getElementById(id);
    if (!(element instanceof type)) {
        throw new Error(`The preview page has no ${type.name} #${id}`);
    }
    return element;
}

/** Creates an element whose text is set as text: model strings never become markup. */
export function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
    const created = document.createElement(tag);
    if (className) {
        created.className = className;
    }
    if (text !== undefined) {
        created.textContent = text;
    }
    return created;
}

/** Sets a text of the line above the diagram, which is cut short where narrow: the whole text is its tooltip. */
export function setLineText(target: HTMLElement, text: string): void {
    target.textContent = text;
    target.title = text;
}
