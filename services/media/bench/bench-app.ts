// The media service as the benchmark runs it: its own folder, silent logs, the simulator's account.
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { InProcessBroker } from '@driver/bus'
import { assertionHeaders, type App } from '@driver/kit'
import { buildService } from '@driver/kit/service'
import { openStore, type Store } from '@driver/store'
import { mediaService } from '../src/app.js'
import { loadMediaConfig } from '../src/config.js'

export const BENCH_APP = { appId: 'wx-bench-app', secret: 'bench-app-secret-0123456789' } as const
const ASSERTION_SECRET = 'gateway-assertion-secret-for-the-bench'
const USER = '5f1d7c2e9a3b4c5d6e7f8091'

export interface BenchMedia {
  apps: App[]
  store: Store
  /**
   * `GET /wx/auto_download/vehicle_image?server_id=…` on one of the
   * apps, as the gateway sends it; resolves to the answer's message.
   */
  download: (serverId: string, app?: App) => Promise<string>
  close: () => Promise<void>
}

/** `processes` media services sharing one store (as processes share one MongoDB), on the simulator at `wechatUrl`. */
export async function startBenchMedia (wechatUrl: string, processes = 1): Promise<BenchMedia> {
  const dataDir = mkdtempSync(join(tmpdir(), 'media-bench-'))
  const config = loadMediaConfig({
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    GATEWAY_ASSERTION_SECRET: ASSERTION_SECRET,
    MEDIA_MAX_BYTES: String(process.env.BENCH_MAX_BYTES ?? 64 * 1024 * 1024),
    WECHAT_API_URL: wechatUrl, WECHAT_APPID: BENCH_APP.appId, WECHAT_SECRET: BENCH_APP.secret
  })
  const store = await openStore({ service: 'media', dataDir })
  const apps: App[] = []
  for (let i = 0; i < processes; i++) {
    apps.push(await buildService(mediaService, { config, store, broker: new InProcessBroker() }))
  }
  return {
    apps,
    store,
    async download (serverId, app = apps[0]) {
      if (app === undefined) throw new Error('no media app')
      const url = `/wx/auto_download/vehicle_image?server_id=${serverId}`
      const forwarded = { method: 'GET', url, requestId: randomUUID(), clientIp: '127.0.0.1', wxUserId: USER }
      const headers = assertionHeaders(ASSERTION_SECRET, forwarded)
      const response = await app.inject({ method: 'GET', url, headers })
      return (JSON.parse(response.body) as { message: string }).message
    },
    async close () {
      for (const app of apps) await app.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
}
