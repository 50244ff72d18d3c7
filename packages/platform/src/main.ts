import { closeOnSignals, READABLE_START_FAILURES } from '@driver/kit'
import { startBanner } from './banner.js'
import { loadPlatformConfig } from './config.js'
import { withGeneratedSecrets } from './generated-secrets.js'
import { logOutput } from './log-output.js'
import { gatewayUrl, startPlatform } from './platform.js'

try {
  const config = loadPlatformConfig(await withGeneratedSecrets(process.env))
  const logStream = await logOutput(config, process.stdout)
  const platform = await startPlatform(config, { logStream })
  const { gateway } = platform
  const url = gatewayUrl(gateway)
  gateway.log.info({
    url,
    dataDir: config.DATA_DIR,
    mongo: Boolean(config.MONGO_URL),
    amqp: Boolean(config.AMQP_URL),
    wechatSimulator: platform.wechatSimulator?.url,
    mefpSimulator: platform.mefpSimulator?.url
  }, 'platform started')
  if (config.NODE_ENV !== 'production') {
    process.stdout.write(startBanner({
      url,
      dataDir: config.DATA_DIR,
      docs: config.DOCS === 'on',
      wechatSimulator: platform.wechatSimulator !== undefined,
      smsOutbox: config.SMS_PROVIDER === 'log'
    }))
  }
  closeOnSignals({ graceMs: config.SHUTDOWN_GRACE_MS, log: gateway.log }, () => platform.close())
} catch (error) {
  // A configuration problem, or MongoDB, RabbitMQ or DATA_DIR out of reach: a message for whoever
  // starts the process, not a crash.
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code !== 'string' || !READABLE_START_FAILURES.has(code)) throw error
  process.stderr.write(`${(error as Error).message}\n`)
  process.exit(1)
}
