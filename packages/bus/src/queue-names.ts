/**
 * Queue names are derived, never configured, so ops can find any service's queues,
 * and the in-process broker uses the same names as RabbitMQ.
 */
export function subscriptionQueue (service: string, subscription: string): string {
  return `${service}.${subscription}`
}

/** Where a request handler's service takes `name` requests from. */
export function requestQueue (service: string, name: string): string {
  return `${service}.rpc.${name}`
}

/** Holds failed messages until their backoff expires, then dead-letters them back to `queue`. */
export function retryQueue (queue: string): string {
  return `${queue}.retry`
}

/** Messages that were malformed or failed every retry, kept for ops to inspect. */
export function deadLetterQueue (queue: string): string {
  return `${queue}.dlq`
}
