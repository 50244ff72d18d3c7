import closeWithGrace from 'close-with-grace'
import { loadPlatformConfig } from './config.js'
import { startPlatform } from './platform.js'

const config = loadPlatformConfig(process.env)
const platform = await startPlatform(config)
const { gateway } = platform
gateway.log.info({ port: config.PORT, dataDir: config.DATA_DIR, mongo: Boolean(config.MONGO_URL), amqp: Boolean(config.AMQP_URL) }, 'platform started')

closeWithGrace({ delay: config.SHUTDOWN_GRACE_MS }, async ({ signal, err }) => {
  if (err) gateway.log.error({ err }, 'shutting down after an error')
  else gateway.log.info({ signal }, 'shutting down')
  await platform.close()
})
