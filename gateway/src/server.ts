import { serve } from '@driver/kit'
import { buildGateway } from './app.js'
import { loadGatewayConfig } from './config.js'
import { gatewayOptions } from './options.js'

const config = loadGatewayConfig(process.env)
const app = await buildGateway(gatewayOptions(config))
await serve(app, { host: config.HOST, port: config.PORT, graceMs: config.SHUTDOWN_GRACE_MS })
