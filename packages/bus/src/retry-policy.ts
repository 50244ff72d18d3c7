/** How a failing event handler is retried before its message is dead-lettered. */
export interface RetryPolicy {
  /** Retries after the first attempt; 0 dead-letters on the first failure. */
  retries: number
  /** Milliseconds before the first retry. */
  delay: number
  /** Each later retry waits this many times longer. */
  factor: number
  maxDelay: number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 3, delay: 1_000, factor: 4, maxDelay: 60_000 }

export function resolveRetryPolicy (overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...overrides }
  if (!Number.isInteger(policy.retries) || policy.retries < 0) {
    throw new TypeError('retry.retries must be an integer >= 0')
  }
  if (!(policy.delay >= 0) || !(policy.factor >= 1) || !(policy.maxDelay >= policy.delay)) {
    throw new TypeError('retry needs delay >= 0, factor >= 1 and maxDelay >= delay')
  }
  return policy
}

/** The wait before the next attempt after `failedAttempt` failed, or undefined when retries are used up. */
export function nextRetryDelay (policy: RetryPolicy, failedAttempt: number): number | undefined {
  if (failedAttempt > policy.retries) return undefined
  return Math.min(policy.maxDelay, Math.round(policy.delay * policy.factor ** (failedAttempt - 1)))
}
