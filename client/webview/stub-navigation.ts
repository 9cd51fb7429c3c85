import type { DiagramView } from '../../language/diagram/diagram-view.js';

/** Where a click on a category view's stub leads: the factor at the other end, in its category. */
export interface StubDestination {
    readonly factor: string;
    readonly view: DiagramView;
}

/** The destination of the stub a click landed on, if it landed on one. */
export function stubDestination(target: EventTarget | null): StubDestination | undefined {
    const stub = target instanceof Element ? target.closest('.marvel-stub') : null;
    const factor = stub?.getAttribute('data-other');
    if (!stub || factor == null) {
        return undefined;
    }
    const category = stub.getAttribute('data-other-category');
    // A factor outside every category is found in the whole model.
    return { factor, view: category === null ? {} : { category } };
}
