/**
 * A change of shape smaller than this (on a log scale: the width / height changed by less
 * than 80 %) is not worth a new layout: one packs every category anew, and the user's map of
 * the picture is worth more than filling the panel exactly. Opening or closing the panel
 * under the editor changes the shape by a quarter to about 70 % (code-server's panel takes a
 * third of the window); moving the preview from beside the editor to a whole editor group, by
 * 100 % or more.
 */
const noticeableChange = Math.log(1.8);
const settleMs = 400;

/** Width / height of an element, or undefined while it has no size (a hidden panel). */
export function aspectRatioOf(element: HTMLElement): number | undefined {
    const { width, height } = element.getBoundingClientRect();
    return width > 0 && height > 0 ? width / height : undefined;
}

/**
 * Calls `changed` with the element's new aspect ratio once a resize of the panel has settled
 * and the shape differs noticeably from the last one reported, while the picture is shown
 * whole (`fitted`): the layout packs the categories to the panel's shape, so a wide editor
 * group is filled, without a new layout for every pixel of a drag. A zoomed-in view keeps its
 * packing, where the user knows their way; the returned function reports a change still due
 * once the picture is fitted again (Fit pressed). Only the panel's own resizing counts: a
 * change inside the page (a status line wrapping, the legend folded) moved the element's
 * shape a little, and once tipped it over the threshold, so the whole picture repacked under
 * the user's next click.
 */
export function watchPanelShape(element: HTMLElement, reported: number | undefined, fitted: () => boolean, changed: (aspectRatio: number) => void): () => void {
    let last = reported;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const reportIfChanged = (): void => {
        const ratio = aspectRatioOf(element);
        if (fitted() && ratio !== undefined && (last === undefined || Math.abs(Math.log(ratio / last)) > noticeableChange)) {
            last = ratio;
            changed(ratio);
        }
    };
    window.addEventListener('resize', () => {
        clearTimeout(timer);
        timer = setTimeout(reportIfChanged, settleMs);
    });
    return reportIfChanged;
}
