/**
 * Runs `work` on each item with at most `concurrency` in flight. Items are
 * drawn from the iterable as workers free up, so a run of any size holds
 * only `concurrency` pending tasks, never one promise per case.
 */
export async function runPool<Item>(
  items: Iterable<Item>,
  concurrency: number,
  work: (item: Item) => Promise<void>,
): Promise<void> {
  const iterator = items[Symbol.iterator]();
  const worker = async () => {
    for (let next = iterator.next(); !next.done; next = iterator.next()) {
      await work(next.value);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}
