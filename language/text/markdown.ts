/** Escapes text from the model (labels, notes) so hovers show it literally, never as markup. */
export function escapeMarkdown(text: string): string {
    // Only characters that can start markup in running text; parentheses and dots stay readable.
    return text.replace(/[\\`*_[\]#|<>~&]/g, character => `\\${character}`).replace(/\r?\n/g, ' ');
}

/** An inline code span that survives backticks in the text. */
export function code(text: string): string {
    const fence = text.includes('`') ? '``' : '`';
    return `${fence}${text.replace(/\r?\n/g, ' ')}${fence}`;
}
