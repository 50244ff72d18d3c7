import { serve } from '@driver/kit'
import { buildMediaService } from './app.js'
import { loadMediaConfig } from './config.js'

const config = loadMediaConfig(process.env)
const app = await buildMediaService({ config })
await serve(app, { host: config.HOST, port: config.PORT, graceMs: config.SHUTDOWN_GRACE_MS })
