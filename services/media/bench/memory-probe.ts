// One download of `size` bytes in a fresh process (run with --expose-gc): through the media service
// (`media`: download, check, hash, store, record) or undici alone to /dev/null (`plain`). Prints one
// JSON line with how far the resident set grew above its level after a warm-up.
import { createWriteStream } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { Agent, request } from 'undici'
import { BENCH_APP, startBenchMedia } from './bench-app.js'

const [mode = 'media', wechatUrl = '', sizeText = ''] = process.argv.slice(2)
const size = Number(sizeText)
const gc = (globalThis as { gc?: () => void }).gc
if (gc === undefined) throw new Error('run with --expose-gc')

async function plainDownloader (): Promise<{
  download: (serverId: string) => Promise<string>
  close: () => Promise<void>
}> {
  const agent = new Agent()
  const tokenUrl = `${wechatUrl}/cgi-bin/token?grant_type=client_credential` +
    `&appid=${BENCH_APP.appId}&secret=${BENCH_APP.secret}`
  const { access_token: token } = await (await fetch(tokenUrl)).json() as { access_token: string }
  return {
    async download (serverId) {
      const mediaUrl = `${wechatUrl}/cgi-bin/media/get?access_token=${token}&media_id=${serverId}`
      const { body } = await request(mediaUrl, { dispatcher: agent })
      await pipeline(body, createWriteStream('/dev/null'))
      return 'success'
    },
    close: () => agent.close()
  }
}

const downloader = mode === 'plain' ? await plainDownloader() : await startBenchMedia(wechatUrl)
// Warm-up: code compiled, connections and buffers allocated, the token cached.
for (let i = 0; i < 3; i++) await downloader.download(`sim-big-${1024 * 1024}`)
gc()
await new Promise((resolve) => setTimeout(resolve, 200))
gc()
const baseline = process.memoryUsage.rss()
let peak = baseline
const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()) }, 1)
const started = performance.now()
const message = await downloader.download(`sim-big-${size}`)
const ms = performance.now() - started
clearInterval(sampler)
peak = Math.max(peak, process.memoryUsage.rss())
await downloader.close()
console.log(JSON.stringify({ size, message, baseline, peak, growth: peak - baseline, ms }))
