/**
 * Runs tasks one after another. nedb serialises single operations; the adapter's writes are
 * read-then-write sequences (upsert, return-before/after), and queueing them per collection makes
 * each sequence atomic with respect to the others in this process.
 */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve()

  run<R> (task: () => Promise<R>): Promise<R> {
    const result = this.#tail.then(task)
    this.#tail = result.catch(() => undefined)
    return result
  }
}
