import { runService } from '@driver/kit/service'
import { identityService } from './app.js'
import { loadIdentityConfig } from './config.js'

await runService(identityService, { config: loadIdentityConfig(process.env) })
