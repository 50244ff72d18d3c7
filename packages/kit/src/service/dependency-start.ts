import type { FastifyBaseLogger } from 'fastify'
import { connectBus, errorCode, type Bus, type InProcessBroker } from '@driver/bus'
import { openStore, type Store } from '@driver/store'
import type { CommonConfig } from '../config.js'
import { StartError } from '../start-error.js'

/** How long MongoDB's driver and our RabbitMQ connection wait for a server by default. */
const DEFAULT_WAIT_MS = 30_000

/** The driver's errors for a server it could not reach (a refused login comes back as another). */
const MONGO_UNREACHABLE = new Set(['MongoServerSelectionError', 'MongoNetworkError', 'MongoNetworkTimeoutError'])

/**
 * A MongoDB or RabbitMQ URL as a log line or a message may show it: the user and password
 * replaced by `***`, the options (which may hold credentials too) left out.
 */
export function shownAddress (url: string): string {
  const parts = /^([a-z][a-z0-9+.-]*:\/\/)(?:[^@/?#]*@)?([^/?#]*)([^?#]*)/i.exec(url)
  if (parts === null) return '(an unreadable URL)'
  const [whole, scheme = '', hosts = '', path = ''] = parts
  const hidden = whole.slice(scheme.length).split('/', 1)[0]?.includes('@') === true ? '***@' : ''
  return `${scheme}${hidden}${hosts}${path || '/'}`
}

/** MongoDB's `serverSelectionTimeoutMS` as the URL sets it (option names are case-insensitive), or the driver's. */
export function mongoWaitMs (mongoUrl: string): number {
  const query = mongoUrl.split('?', 2)[1] ?? ''
  for (const [name, value] of new URLSearchParams(query)) {
    if (name.toLowerCase() === 'serverselectiontimeoutms' && /^\d+$/.test(value)) return Number(value)
  }
  return DEFAULT_WAIT_MS
}

const inSeconds = (ms: number): string => `${Number((ms / 1000).toFixed(1))} s`

export interface StartDependencies {
  log: FastifyBaseLogger
  service: string
  config: Pick<CommonConfig, 'DATA_DIR' | 'MONGO_URL' | 'AMQP_URL'>
  broker?: InProcessBroker
  /** Longest the start waits for RabbitMQ; 30 s unless given. */
  busConnectTimeoutMs?: number
}

/**
 * The service's store: MongoDB (said before the wait, named with its variable when out of
 * reach) or the embedded store under DATA_DIR (named when another process holds its folder).
 */
export async function openServiceStore ({ log, service, config }: StartDependencies): Promise<Store> {
  const { MONGO_URL, DATA_DIR } = config
  const options = { service, dataDir: DATA_DIR, mongoUrl: MONGO_URL, logger: log }
  if (MONGO_URL === undefined || MONGO_URL === '') {
    return await openStore(options).catch((error: unknown) => { throw dataDirInUse(error) })
  }
  const address = shownAddress(MONGO_URL)
  const waitMs = mongoWaitMs(MONGO_URL)
  log.info(`connecting to MongoDB at ${address} (up to ${inSeconds(waitMs)})`)
  return await openStore(options).catch((error: unknown) => {
    if (!(error instanceof Error) || !MONGO_UNREACHABLE.has(error.name)) throw error
    throw new StartError('MONGO_URL', `MONGO_URL: no MongoDB answered at ${address} within ${inSeconds(waitMs)} ` +
      `(${error.message.slice(0, 120)}); start MongoDB there or correct MONGO_URL, ` +
      'or unset it to use the embedded store under DATA_DIR', { cause: error })
  })
}

function dataDirInUse (error: unknown): unknown {
  if (errorCode(error) !== 'STORE_LOCKED') return error
  const { dir, holder } = error as { dir?: string, holder?: number }
  const by = holder === undefined ? 'another process' : `process ${holder}`
  return new StartError('DATA_DIR', `DATA_DIR: the folder ${dir ?? '(unknown)'} is in use by ${by} ` +
    '(the platform already running?); stop that process, or set DATA_DIR to another folder', { cause: error })
}

/** The service's bus: RabbitMQ (said before the wait, named with its variable when out of reach) or in-process. */
export async function connectServiceBus ({
  log, service, config, broker, busConnectTimeoutMs
}: StartDependencies): Promise<Bus> {
  const { AMQP_URL } = config
  if (AMQP_URL === undefined || AMQP_URL === '') return await connectBus({ service, broker, logger: log })
  const address = shownAddress(AMQP_URL)
  const waitMs = busConnectTimeoutMs ?? DEFAULT_WAIT_MS
  log.info(`connecting to RabbitMQ at ${address} (up to ${inSeconds(waitMs)})`)
  return await connectBus({ service, amqpUrl: AMQP_URL, logger: log, connectTimeout: waitMs })
    .catch((error: unknown) => {
      if (errorCode(error) !== 'BUS_UNAVAILABLE') throw error
      throw new StartError('AMQP_URL', `AMQP_URL: no connection to RabbitMQ at ${address} within ` +
        `${inSeconds(waitMs)}; start RabbitMQ there or correct AMQP_URL (its host, port, user and password), ` +
        'or unset it to use the in-process bus', { cause: error })
    })
}
