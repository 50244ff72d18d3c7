import { serve } from '@driver/kit'
import { buildResumesService } from './app.js'
import { loadResumesConfig } from './config.js'

const config = loadResumesConfig(process.env)
const app = await buildResumesService({ config })
await serve(app, { host: config.HOST, port: config.PORT, graceMs: config.SHUTDOWN_GRACE_MS })
