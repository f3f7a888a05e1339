/** A pass's items in arrays: the same items, in the same order, one await per array rather than per item. */
export type Batches<T> = () => AsyncIterable<ReadonlyArray<T>>;

/**
 * Calls `visit` on every item of one pass over a source, in order: from `batches` when the source
 * offers them, else from `items`. An async generator costs a promise and a turn of the event loop per
 * item it yields (28 % of a 10-million-event run, issue 14); a batch of a file chunk's events costs one,
 * and a sync iterable none, so each is read without awaiting per item.
 */
export async function visitEach<T>(
  batches: Batches<T> | undefined,
  items: () => Iterable<T> | AsyncIterable<T>,
  visit: (item: T) => void,
): Promise<void> {
  if (batches !== undefined) {
    for await (const batch of batches()) for (let i = 0; i < batch.length; i += 1) visit(batch[i]!);
    return;
  }
  const iterable = items();
  if (isSyncIterable(iterable)) for (const item of iterable) visit(item);
  else for await (const item of iterable) visit(item);
}

function isSyncIterable<T>(value: Iterable<T> | AsyncIterable<T>): value is Iterable<T> {
  return typeof (value as Partial<Iterable<T>>)[Symbol.iterator] === "function";
}
