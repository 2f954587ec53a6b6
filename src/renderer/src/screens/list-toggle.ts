/** A list with `item` added, or removed if it was there (checkbox groups, expanded rows). */
export function toggle<T>(list: readonly T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}
