import { serve } from '@driver/kit'
import { buildIdentityService } from './app.js'
import { loadIdentityConfig } from './config.js'

const config = loadIdentityConfig(process.env)
const app = await buildIdentityService({ config })
await serve(app, { host: config.HOST, port: config.PORT, graceMs: config.SHUTDOWN_GRACE_MS })
