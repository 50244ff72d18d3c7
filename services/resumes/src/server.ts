import { runService } from '@driver/kit/service'
import { resumesService } from './app.js'
import { loadResumesConfig } from './config.js'

await runService(resumesService, { config: loadResumesConfig(process.env) })
