import { serve } from '@driver/kit'
import { buildSmsService } from './app.js'
import { loadSmsConfig } from './config.js'

const config = loadSmsConfig(process.env)
const app = await buildSmsService({ config })
await serve(app, { host: config.HOST, port: config.PORT, graceMs: config.SHUTDOWN_GRACE_MS })
