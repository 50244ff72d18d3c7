export { waitFor } from './wait-for.js'
export { AMQP_URL, rabbitmqScope, type RabbitmqScope } from './rabbitmq-scope.js'
export { rabbitmqAvailable, skipWithoutRabbitmq } from './rabbitmq-available.js'
export { CHROMIUM_PATH, chromiumAvailable, skipWithoutChromium } from './chromium-available.js'
export type { Equal, Expect } from './type-assertions.js'
export {
  gatewayHeaders, gatewayInject, type ForwardedRequest, type GatewayRequest, type GatewaySignature
} from './gateway-request.js'
export { consume } from './consume.js'
export { readQrCode } from './read-qr-code.js'
export { metricSamples, metricValue, type MetricSample } from './metric-sample.js'
