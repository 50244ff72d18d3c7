/** Polls until `condition` holds; fails with `what` once the deadline passes. Waits on state, not on a fixed time. */
export async function waitFor (
  what: string, condition: () => boolean | Promise<boolean>, timeout = 15_000
): Promise<void> {
  const deadline = Date.now() + timeout
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
