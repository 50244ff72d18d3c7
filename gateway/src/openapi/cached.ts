/**
 * `load`, called at most once per `ttlMs`: callers within that time, and
 * callers while a load is under way, share its result. A load that rejects is
 * not kept, so the next caller tries again.
 */
export function cachedFor<T> (
  ttlMs: number,
  load: () => Promise<T>,
  now: () => number = () => performance.now()
): () => Promise<T> {
  let current: Promise<T> | undefined
  let startedAt = 0
  return () => {
    if (current === undefined || now() - startedAt >= ttlMs) {
      startedAt = now()
      const loading = load()
      current = loading
      loading.catch(() => {
        if (current === loading) current = undefined
      })
    }
    return current
  }
}
