import { runService } from '@driver/kit/service'
import { mediaService } from './app.js'
import { loadMediaConfig } from './config.js'

await runService(mediaService, { config: loadMediaConfig(process.env) })
