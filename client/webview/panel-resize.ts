/** The narrowest the side panel gets; its readings need room for a few words a line. */
const minWidth = 220;
/** The diagram keeps at least this share of the window. */
const maxShare = 0.7;
const keyStep = 24;

/**
 * Lets the user drag (or move with the arrow keys) the separator left of a side panel to
 * resize it. The width is set through the CSSOM, which the content security policy allows.
 */
export function makeResizable(separator: HTMLElement, panel: HTMLElement): void {
    const setWidth = (width: number): void => {
        const clamped = Math.round(Math.min(Math.max(width, minWidth), window.innerWidth * maxShare));
        panel.style.width = `${clamped}px`;
        separator.setAttribute('aria-valuenow', String(clamped));
    };
    separator.addEventListener('pointerdown', event => {
        if (event.button !== 0) {
            return;
        }
        event.preventDefault();
        separator.setPointerCapture(event.pointerId);
        separator.classList.add('dragging');
    });
    separator.addEventListener('pointermove', event => {
        if (separator.hasPointerCapture(event.pointerId)) {
            setWidth(panel.getBoundingClientRect().right - event.clientX);
        }
    });
    const stop = (event: PointerEvent): void => {
        if (separator.hasPointerCapture(event.pointerId)) {
            separator.releasePointerCapture(event.pointerId);
        }
        separator.classList.remove('dragging');
    };
    separator.addEventListener('pointerup', stop);
    separator.addEventListener('pointercancel', stop);
    separator.addEventListener('keydown', event => {
        const width = panel.getBoundingClientRect().width;
        if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
            event.preventDefault();
            setWidth(width + (event.key === 'ArrowLeft' ? keyStep : -keyStep));
        }
    });
}
