/** Runs `task` `total` times with at most `concurrency` at once; returns per-call latencies in ms. */
export async function runConcurrently (
  total: number, concurrency: number, task: (i: number) => Promise<unknown>
): Promise<number[]> {
  const latencies: number[] = []
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < total) {
      const i = next++
      const started = performance.now()
      await task(i)
      latencies.push(performance.now() - started)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return latencies
}

/** A benchmark that stalls should fail loudly rather than hang. */
export function within<T> (promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms)
  })
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer))
}
