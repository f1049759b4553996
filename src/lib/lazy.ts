/**
 * A promise-like value that starts its work only when awaited. GraphQL awaits a field's value
 * only when the field is selected, so an expensive count costs nothing unless a client asks.
 */
export function lazy<T>(compute: () => Promise<T>): PromiseLike<T> {
  let started: Promise<T> | undefined;
  return {
    then(onFulfilled, onRejected) {
      started ??= compute();
      return started.then(onFulfilled, onRejected);
    },
  };
}
