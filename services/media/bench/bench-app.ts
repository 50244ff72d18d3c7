// The media service as the benchmark runs it: its own folder, silent logs, the simulator's account.
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { InProcessBroker } from '@driver/bus'
import { assertionHeaders, type App } from '@driver/kit'
import { buildService } from '@driver/kit/service'
import { openStore, type Store } from '@driver/store'
import { mediaService, type MediaAppOptions } from '../src/app.js'
import { loadMediaConfig } from '../src/config.js'
import { JPEG } from '../test/fixtures/images.js'
import { multipartBody } from '../test/fixtures/multipart.js'

export const BENCH_APP = { appId: 'wx-bench-app', secret: 'bench-app-secret-0123456789' } as const
const ASSERTION_SECRET = 'gateway-assertion-secret-for-the-bench'
export const BENCH_USER = '5f1d7c2e9a3b4c5d6e7f8091'

export interface BenchMedia {
  apps: App[]
  store: Store
  /**
   * `GET /wx/auto_download/vehicle_image?server_id=…` on one of the
   * apps, as the gateway sends it; resolves to the answer's message.
   */
  download: (serverId: string, app?: App) => Promise<string>
  /** `POST /wx/resume_image/save/vehicle_image` of a `size`-byte JPEG; resolves to the answer's message. */
  upload: (size: number, app?: App) => Promise<string>
  close: () => Promise<void>
}

export interface BenchOptions {
  /** Variables over the bench's own. */
  env?: Record<string, string>
  /** Handed to the service, as tests hand in their parts. */
  app?: Partial<MediaAppOptions>
}

/** As the gateway forwards it for the bench's user. */
function forwardedHeaders (method: 'GET' | 'POST', url: string): Record<string, string> {
  return assertionHeaders(ASSERTION_SECRET, {
    method, url, requestId: randomUUID(), clientIp: '127.0.0.1', wxUserId: BENCH_USER
  })
}

/** A multipart body holding one JPEG of `size` bytes, made once per size. */
const uploads = new Map<number, ReturnType<typeof multipartBody>>()
function uploadOf (size: number): ReturnType<typeof multipartBody> {
  let upload = uploads.get(size)
  if (upload === undefined) {
    const data = Buffer.concat([JPEG, Buffer.alloc(Math.max(0, size - JPEG.length))])
    upload = multipartBody([{ name: 'file', filename: 'photo.jpg', contentType: 'image/jpeg', data }])
    uploads.set(size, upload)
  }
  return upload
}

/**
 * `processes` media services sharing one store (as processes share one MongoDB), on the simulator at
 * `wechatUrl`. The bench's one user stores thousands of photos, so its quota is set out of reach.
 */
export async function startBenchMedia (
  wechatUrl: string, processes = 1, options: BenchOptions = {}
): Promise<BenchMedia> {
  const dataDir = mkdtempSync(join(tmpdir(), 'media-bench-'))
  const config = loadMediaConfig({
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    GATEWAY_ASSERTION_SECRET: ASSERTION_SECRET,
    MEDIA_MAX_BYTES: String(process.env.BENCH_MAX_BYTES ?? 64 * 1024 * 1024),
    WECHAT_API_URL: wechatUrl, WECHAT_APPID: BENCH_APP.appId, WECHAT_SECRET: BENCH_APP.secret,
    MEDIA_USER_IMAGES_PER_DAY: '100000', MEDIA_USER_BYTES_PER_DAY: String(2 ** 40), MEDIA_USER_IMAGES_TOTAL: '10000000',
    ...options.env
  })
  const store = await openStore({ service: 'media', dataDir })
  const apps: App[] = []
  for (let i = 0; i < processes; i++) {
    apps.push(await buildService(mediaService, { ...options.app, config, store, broker: new InProcessBroker() }))
  }
  return {
    apps,
    store,
    async download (serverId, app = apps[0]) {
      if (app === undefined) throw new Error('no media app')
      const url = `/wx/auto_download/vehicle_image?server_id=${serverId}`
      const response = await app.inject({ method: 'GET', url, headers: forwardedHeaders('GET', url) })
      return (JSON.parse(response.body) as { message: string }).message
    },
    async upload (size, app = apps[0]) {
      if (app === undefined) throw new Error('no media app')
      const url = '/wx/resume_image/save/vehicle_image'
      const { body, contentType } = uploadOf(size)
      const headers = { ...forwardedHeaders('POST', url), 'content-type': contentType }
      const response = await app.inject({ method: 'POST', url, headers, payload: body })
      return (JSON.parse(response.body) as { message: string }).message
    },
    async close () {
      for (const app of apps) await app.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
}
