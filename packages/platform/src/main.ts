import { ConfigError, closeOnSignals, startTracing } from '@driver/kit'
import { loadPlatformConfig } from './config.js'
import { withGeneratedSecrets } from './generated-secrets.js'
import { startPlatform } from './platform.js'

try {
  const config = loadPlatformConfig(await withGeneratedSecrets(process.env))
  // One process, one `service.name`; each app's spans say which service they are (`app.service`).
  const tracing = startTracing({ service: 'platform', config })
  const platform = await startPlatform(config)
  const { gateway } = platform
  const host = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST
  gateway.log.info({
    url: `http://${host}:${config.PORT}`,
    dataDir: config.DATA_DIR,
    mongo: Boolean(config.MONGO_URL),
    amqp: Boolean(config.AMQP_URL),
    wechatSimulator: platform.wechatSimulator?.url,
    mefpSimulator: platform.mefpSimulator?.url
  }, 'platform started')
  closeOnSignals({ graceMs: config.SHUTDOWN_GRACE_MS, log: gateway.log }, async () => {
    await platform.close()
    await tracing?.shutdown()
  })
} catch (error) {
  // A configuration problem is a message for whoever starts the process, not a crash.
  if (!(error instanceof ConfigError)) throw error
  process.stderr.write(`${error.message}\n`)
  process.exit(1)
}
