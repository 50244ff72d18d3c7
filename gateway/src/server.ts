import { serve, startTracing } from '@driver/kit'
import { buildGateway } from './app.js'
import { loadGatewayConfig } from './config.js'
import { gatewayOptions } from './options.js'

const config = loadGatewayConfig(process.env)
// Before the app is built: its requests and its proxying are traced from the first one.
const tracing = startTracing({ service: 'gateway', config })
const app = await buildGateway(gatewayOptions(config))
await serve(app, { host: config.HOST, port: config.PORT, graceMs: config.SHUTDOWN_GRACE_MS, tracing })
