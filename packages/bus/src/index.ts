export type {
  Bus, EventHandler, MessageContext, PublishOptions, RequestHandler, RequestOptions, SubscribeOptions
} from './bus.js'
export * from './errors.js'
export { injectTrace, type TraceCarrier } from './message-tracing.js'
export type { BusOptions } from './options.js'
export { busMetrics, type BusMetrics } from './bus-metrics.js'
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.js'
export { deadLetterQueue, requestQueue, retryQueue, subscriptionQueue } from './queue-names.js'
export { topicMatches, type MatchingNames } from './topic.js'
export { InProcessBroker, type DeadLetter, type InProcessBrokerOptions } from './in-process/broker.js'
export { connectBus, type ConnectBusOptions } from './connect-bus.js'
export type { RabbitBusOptions } from './rabbitmq/rabbitmq-options.js'
