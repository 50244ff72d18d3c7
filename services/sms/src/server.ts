import { runService } from '@driver/kit/service'
import { smsService } from './app.js'
import { loadSmsConfig } from './config.js'

await runService(smsService, { config: loadSmsConfig(process.env) })
