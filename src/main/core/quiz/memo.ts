/**
 * Remember a pure function of one string, up to `size` results (then start over): quiz building
 * reads the same answers for many questions.
 */
export function memoByText<T>(fn: (text: string) => T, size = 10_000): (text: string) => T {
  const cache = new Map<string, T>();
  return (text: string): T => {
    if (cache.has(text)) return cache.get(text) as T;
    if (cache.size >= size) cache.clear();
    const value = fn(text);
    cache.set(text, value);
    return value;
  };
}
