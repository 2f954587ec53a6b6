/** "1 new deck", "3 new decks": a count with the word that agrees with it. */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}
