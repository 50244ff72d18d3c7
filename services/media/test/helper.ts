import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { InProcessBroker, type Bus } from '@driver/bus'
import { assertionHeaders, type App } from '@driver/kit'
import { buildService } from '@driver/kit/service'
import { openStore, type Store } from '@driver/store'
import { startWechatSimulator } from '@driver/simulators/wechat'
import {
  gatewayHeaders as forwardedHeaders, gatewayInject, type GatewayRequest, type GatewaySignature
} from '@driver/testing'
import type { LightMyRequestResponse } from 'fastify'
import { mediaService, type MediaAppOptions } from '../src/app.js'
import { loadMediaConfig } from '../src/config.js'
import type { ImageRecord } from '../src/plugins/app/image-repository.js'
import { multipartBody, type MultipartPart } from './fixtures/multipart.js'

export type Tap = { teardown: (fn: () => unknown) => void, testdir: () => string, testdirName: string }
export type WechatSimulator = Awaited<ReturnType<typeof startWechatSimulator>>

export const USER_ID = '5f1d7c2e9a3b4c5d6e7f8091'
export const OTHER_USER_ID = '64b7f0c2a1b2c3d4e5f60718'
/** Shared by the test's service and the requests it signs as the gateway would. */
export const ASSERTION_SECRET = 'gateway-assertion-secret-for-media-tests'
export const APP_ID = 'wx-media-test-app'
export const APP_SECRET = 'media-test-app-secret-0123456789abcdef'

export interface WxAnswer {
  status: number
  body: Record<string, unknown> & { message: string, code?: string }
}

export interface MediaTest {
  app: App
  simulator: WechatSimulator
  broker: InProcessBroker
  /** Another service on the same broker, as resumes or identity would be. */
  peer: Bus
  logs: string[]
  dataDir: string
  /** Any request, signed as the gateway signs what it forwards. */
  inject: (request: GatewayRequest) => Promise<LightMyRequestResponse>
  /** `POST /wx/auto_download/<table>` with a form, as the seed's page posts it. */
  download: (table: string, form: Record<string, string>, user?: string | null) => Promise<WxAnswer>
  /** `POST /wx/resume_image/save/<kind>` with a multipart body. */
  upload: (
    kind: string, parts: MultipartPart[], options?: { user?: string | null, query?: string }
  ) => Promise<WxAnswer>
  /** Image records, and files of any kind in the image bucket's folder (a partial blob counts). */
  stored: () => Promise<{ records: number, files: number }>
  record: (id: string) => Promise<ImageRecord | null>
}

/** An embedded store in the test's folder, closed after the test and before tap removes the folder. */
export async function openTestStore (t: Tap): Promise<Store> {
  const opened: { store?: Store } = {}
  t.teardown(async () => { await opened.store?.close() })
  opened.store = await openStore({ service: 'media', dataDir: t.testdir() })
  return opened.store
}

/** A WeChat simulator on port 0, closed after the test. */
export async function startSimulator (t: Tap): Promise<WechatSimulator> {
  const simulator = await startWechatSimulator({ appId: APP_ID, secret: APP_SECRET, port: 0 })
  t.teardown(() => simulator.close())
  return simulator
}

/** The configuration a test's media service reads: the simulator, the test's folder, the shared secret. */
export function testConfig (simulator: WechatSimulator, dataDir: string, env: Record<string, string> = {}) {
  return loadMediaConfig({
    LOG_LEVEL: 'info',
    DATA_DIR: dataDir,
    GATEWAY_ASSERTION_SECRET: ASSERTION_SECRET,
    WECHAT_API_URL: simulator.url,
    WECHAT_APPID: APP_ID,
    WECHAT_SECRET: APP_SECRET,
    ...env
  })
}

/** Signs as the gateway does, with the secret the test's services share with it. */
const signAsGateway: GatewaySignature = (request) => assertionHeaders(ASSERTION_SECRET, request)

/** Headers the gateway would add to a request for `user`. */
export function gatewayHeaders (method: 'GET' | 'POST', url: string, user: string | null = USER_ID) {
  return forwardedHeaders(signAsGateway, { method, url, user })
}

export interface BuildOptions extends Partial<MediaAppOptions> {
  /** Variables over the test's own (the simulator, a fresh DATA_DIR, the gateway's secret, LOG_LEVEL=info). */
  env?: Record<string, string>
}

/** The media service on a fresh data directory, its own broker and a WeChat simulator, closed after the test. */
export async function build (t: Tap, { env = {}, ...options }: BuildOptions = {}): Promise<MediaTest> {
  const simulator = await startSimulator(t)
  const broker = options.broker ?? new InProcessBroker()
  const logs: string[] = []
  // Registered before the folder, so the service is closed before tap removes it.
  const closers: Array<() => Promise<unknown>> = []
  t.teardown(async () => { for (const close of closers) await close() })
  // A test that opened its own store did so in its folder (openTestStore); calling testdir()
  // again would empty that folder under the open store.
  const dataDir = options.store === undefined ? t.testdir() : t.testdirName
  const config = testConfig(simulator, dataDir, env)
  const logStream = { write: (line: string) => { logs.push(line) } }
  const app = await buildService(mediaService, { config, broker, logStream, ...options })
  const peer = broker.connect('peer', { logger: app.log })
  closers.push(() => peer.close(), () => app.close())

  const inject = gatewayInject(app, signAsGateway, USER_ID)
  const answer = (response: LightMyRequestResponse): WxAnswer => ({
    status: response.statusCode, body: JSON.parse(response.body)
  })
  const images = app.store.collection<ImageRecord>('images')

  return {
    app,
    simulator,
    broker,
    peer,
    logs,
    dataDir,
    inject,
    async download (table, form, user = USER_ID) {
      return answer(await inject({
        method: 'POST',
        url: `/wx/auto_download/${table}`,
        user,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(form).toString()
      }))
    },
    async upload (kind, parts, { user = USER_ID, query = '' } = {}) {
      const { body, contentType } = multipartBody(parts)
      const url = `/wx/resume_image/save/${kind}${query}`
      const headers = { 'content-type': contentType }
      return answer(await inject({ method: 'POST', url, user, headers, payload: body }))
    },
    async stored () {
      const folder = join(dataDir, 'media', 'blobs', 'images')
      const files = await readdir(folder).catch(() => [])
      return { records: await images.countDocuments(), files: files.length }
    },
    record: (id) => images.findOne({ _id: id })
  }
}
