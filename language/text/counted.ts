/** "1 relation", "2 relations": a count with its noun, plural unless it is one. */
export function counted(count: number, noun: string): string {
    return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
