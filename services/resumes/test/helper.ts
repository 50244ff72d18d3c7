import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { InProcessBroker, type Bus } from '@driver/bus'
import { assertionHeaders, type App } from '@driver/kit'
import { buildService } from '@driver/kit/service'
import { generateSessionKeyPair } from '@driver/kit/session'
import {
  startWechatSimulator, type StartedWechatSimulator, type WechatSimulatorOptions
} from '@driver/simulators/wechat'
import { openStore, type Collection, type Store } from '@driver/store'
import { gatewayInject, type GatewayRequest } from '@driver/testing'
import type { WechatClient } from '@driver/wechat'
import type { LightMyRequestResponse } from 'fastify'
import { pino } from 'pino'
import { resumesService } from '../src/app.js'
import { loadResumesConfig } from '../src/config.js'
import type { ResumeItem } from '../src/plugins/app/resume-item-repository.js'
import type { ResumeDocument } from '../src/plugins/app/resume-repository.js'
import type { WxUser } from '../src/plugins/app/wx-user-repository.js'
import { startFakeMedia, type FakeMedia } from './fixtures/fake-media.js'
import { jitteryStore } from './fixtures/jittery-store.js'
import { jqueryParam } from './fixtures/jquery-param.js'

type Tap = { teardown: (fn: () => unknown) => void, testdir: () => string }

export const USER_ID = '5f1d7c2e9a3b4c5d6e7f8091'
export const OTHER_USER_ID = '5f1d7c2e9a3b4c5d6e7f8092'
export const PHONE = '13812345678'
export const OTHER_PHONE = '13912345678'
/** Shared by the test's service and the requests it signs as the gateway would. */
export const ASSERTION_SECRET = 'gateway-assertion-secret-for-resumes-tests'
/** One key pair per test file: the service signs sessions with it, tests may verify them. */
export const SESSION_KEYS = generateSessionKeyPair()
/** The official account the test's WeChat simulator plays. */
export const SIM_APP_ID = 'wx5f1d7c2e9a3b4c5d'
export const SIM_SECRET = 'simulated-official-account-secret'
/** What WeChat is told to send the browser back to; the tests follow it to the service. */
export const CALLBACK_URL = 'https://driver.example.com/wx/auth/callback'

/** How a page sends its parameters: jQuery's `$.post` form, a JSON body, or `$.get`'s query string. */
export type Encoding = 'jquery' | 'json' | 'query'

export interface WxAnswer {
  status: number
  // A test reads whatever the route answered; the schemas are what they check.
  body: Record<string, unknown> & { message: string, code?: string }
}

export interface ResumesTest {
  app: App
  broker: InProcessBroker
  /** Another service on the same broker (sms's events). */
  peer: Bus
  /** A fake media service answering `media.describe` with the images a test adds. */
  media: FakeMedia
  /** The WeChat simulator the service logs users in through. */
  simulator: StartedWechatSimulator
  /** The service's clock: set it to a birthday. */
  clock: { now: Date }
  /** Every log line the service wrote. */
  logs: string[]
  dataDir: string
  /** Any request, signed as the gateway signs what it forwards. */
  inject: (request: GatewayRequest) => Promise<LightMyRequestResponse>
  /** A `/wx` call as jQuery's `$.post` sends it: a form (an object is sent as JSON), Accept `*\/*`. */
  wx: (
    url: string, params?: Record<string, string> | string | object, options?: { user?: string | null, json?: boolean }
  ) => Promise<WxAnswer>
  /** `/wx/resume/<path>` with its parameters encoded as a page sends them. */
  call: (
    path: 'opt' | 'extend' | 'view', params?: Record<string, unknown>, options?: { user?: string, encoding?: Encoding }
  ) => Promise<WxAnswer>
  /** The caller's stored resume, read from the store. */
  stored: (user?: string) => Promise<ResumeDocument | null>
  items: (list: 'work_history' | 'education_history' | 'honor' | 'vehicle') => Collection<ResumeItem>
  wxUser: (id?: string) => Promise<WxUser | null>
}

export interface BuildOptions {
  /** Variables over the test's own (the simulator, a fresh DATA_DIR, the gateway's secret, the session key). */
  env?: Record<string, string>
  /** Where the service's clock starts; now by default. */
  now?: Date
  /** Two WeChat users who verified their phones: USER_ID (PHONE) and OTHER_USER_ID (OTHER_PHONE). */
  users?: boolean
  /** No media service answers; the bus gives up after 200 ms. */
  mediaDown?: boolean
  /** Every store call takes a random few milliseconds (jittery-store.ts). */
  jitter?: boolean
  simulator?: Partial<WechatSimulatorOptions>
  /** The client the service calls WeChat with, made for the test's simulator; one from WECHAT_* by default. */
  wechat?: (simulator: StartedWechatSimulator) => WechatClient
}

/**
 * The resumes service on a fresh data directory and its own in-process broker,
 * beside a fake media service and a WeChat simulator, all closed after the test.
 */
export async function build (t: Tap, options: BuildOptions = {}): Promise<ResumesTest> {
  const { env = {}, now = new Date(), users = false, mediaDown = false, jitter = false } = options
  const simulator = await startWechatSimulator({ appId: SIM_APP_ID, secret: SIM_SECRET, ...options.simulator })
  t.teardown(() => simulator.close())
  const clock = { now }
  const broker = new InProcessBroker()
  // Without media, a request waits for no one: 200 ms stand for the bus's timeout.
  const bus = mediaDown
    ? broker.connect('resumes', { logger: pino({ level: 'silent' }), requestTimeout: 200 })
    : undefined
  const logs: string[] = []
  // Registered before the folder, so the service is closed before tap removes it.
  const closers: Array<() => Promise<unknown>> = []
  t.teardown(async () => { for (const close of closers) await close() })
  const dataDir = t.testdir()
  const store = jitter ? await openJitteryStore(t) : undefined
  const config = loadResumesConfig({
    LOG_LEVEL: 'info',
    DATA_DIR: dataDir,
    GATEWAY_ASSERTION_SECRET: ASSERTION_SECRET,
    SESSION_PRIVATE_KEY: SESSION_KEYS.privateKey,
    WECHAT_API_URL: simulator.url,
    WECHAT_OPEN_URL: simulator.url,
    WECHAT_APPID: SIM_APP_ID,
    WECHAT_SECRET: SIM_SECRET,
    WECHAT_OAUTH_CALLBACK_URL: CALLBACK_URL,
    ...env
  })
  const app = await buildService(resumesService, {
    config,
    broker,
    clock: () => clock.now,
    logStream: { write: (line: string) => { logs.push(line) } },
    ...(bus ? { bus } : {}),
    ...(store ? { store } : {}),
    ...(options.wechat ? { wechat: options.wechat(simulator) } : {})
  })
  const peer = broker.connect('peer', { logger: app.log })
  closers.push(() => peer.close(), () => app.close())
  const media = await startFakeMedia(t, mediaDown ? new InProcessBroker() : broker)
  const wxUsers = app.store.collection<WxUser>('wx_user')
  if (users) {
    await wxUsers.insertOne({ _id: USER_ID, phone: PHONE, nick_name: 'driver' })
    await wxUsers.insertOne({ _id: OTHER_USER_ID, phone: OTHER_PHONE, nick_name: 'other' })
  }
  const resumes = app.store.collection<ResumeDocument>('resume')
  const inject = gatewayInject(app, (request) => assertionHeaders(ASSERTION_SECRET, request), USER_ID)

  const wx: ResumesTest['wx'] = async (url, params = {}, { user = USER_ID, json = false } = {}) => {
    const form = typeof params === 'string' || !json
    const payload = typeof params === 'string' || json
      ? params
      : new URLSearchParams(params as Record<string, string>).toString()
    const response = await inject({
      method: 'POST',
      url,
      user,
      headers: { accept: '*/*', 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
      payload
    })
    return { status: response.statusCode, body: JSON.parse(response.body) }
  }

  return {
    app,
    broker,
    peer,
    media,
    simulator,
    clock,
    logs,
    dataDir,
    inject,
    wx,
    async call (path, params = {}, { user = USER_ID, encoding = 'jquery' } = {}) {
      const url = `/wx/resume/${path}`
      if (encoding === 'json') return wx(url, params, { user, json: true })
      if (encoding === 'jquery') return wx(url, jqueryParam(params), { user })
      const query = jqueryParam(params)
      const response = await inject({
        method: 'GET', url: query === '' ? url : `${url}?${query}`, user, headers: { accept: '*/*' }
      })
      return { status: response.statusCode, body: JSON.parse(response.body) }
    },
    stored: (user = USER_ID) => resumes.findOne({ wx_id: user }),
    items: (list) => app.store.collection<ResumeItem>(list),
    wxUser: (id = USER_ID) => wxUsers.findOne({ _id: id })
  }
}

/** A jittery store in a folder of its own, removed after the service's teardown has closed the store. */
async function openJitteryStore (t: Tap): Promise<Store> {
  const dataDir = await mkdtemp(join(tmpdir(), 'resumes-jitter-'))
  t.teardown(() => rm(dataDir, { recursive: true, force: true }))
  return jitteryStore(await openStore({ service: 'resumes', dataDir }))
}
