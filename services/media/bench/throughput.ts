import { createWriteStream } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { Agent, request } from 'undici'
import { BENCH_APP, startBenchMedia } from './bench-app.js'
import { fmt } from './report.js'

const MIB = 1024 * 1024
const SIZE = MIB
const PER_ROUND = 30
const ROUNDS = 3

async function runConcurrently (count: number, concurrency: number, task: () => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next++ < count) await task()
  }))
}

/**
 * 1 MiB images from the simulator: the media service's download-and-store (WeChat's
 * answer streamed through the type check, hashed, written and fsynced, the record
 * inserted) against a plain undici download of the same bytes to /dev/null, in
 * alternating rounds of the same run.
 */
export async function benchThroughput (wechatUrl: string): Promise<{ rows: string[][], ratios: number[] }> {
  const media = await startBenchMedia(wechatUrl)
  const agent = new Agent({ connections: 16 })
  const tokenUrl = `${wechatUrl}/cgi-bin/token?grant_type=client_credential` +
    `&appid=${BENCH_APP.appId}&secret=${BENCH_APP.secret}`
  const { access_token: token } = await (await fetch(tokenUrl)).json() as { access_token: string }
  const mediaUrl = `${wechatUrl}/cgi-bin/media/get?access_token=${token}&media_id=sim-big-${SIZE}`
  const plain = async () => {
    const { body } = await request(mediaUrl, { dispatcher: agent })
    await pipeline(body, createWriteStream('/dev/null'))
  }
  const blobs = media.store.blobs('bench')
  const blobOnly = async () => {
    const { body } = await request(mediaUrl, { dispatcher: agent })
    await blobs.put(body, { contentType: 'image/jpeg' })
  }
  let stored = 0
  const store = async () => {
    const message = await media.download(`sim-big-${SIZE}`)
    if (message !== 'success') throw new Error(`a download answered ${message}`)
    stored++
  }
  const rows: string[][] = []
  const ratios: number[] = []
  try {
    for (const concurrency of [1, 4]) {
      const elapsed = { plain: 0, blobOnly: 0, store: 0 }
      const tasks = [['plain', plain], ['blobOnly', blobOnly], ['store', store]] as const
      for (const [, task] of tasks) await runConcurrently(5, concurrency, task)
      for (let round = 0; round < ROUNDS; round++) {
        for (const [name, task] of tasks) {
          const started = performance.now()
          await runConcurrently(PER_ROUND, concurrency, task)
          elapsed[name] += performance.now() - started
        }
      }
      const mbps = (ms: number) => (PER_ROUND * ROUNDS * SIZE / MIB) / (ms / 1000)
      const ratio = mbps(elapsed.store) / mbps(elapsed.plain)
      ratios.push(ratio)
      const downloads = String(PER_ROUND * ROUNDS)
      rows.push([
        `plain undici download to /dev/null, ${concurrency} at a time`,
        downloads, fmt(mbps(elapsed.plain), 0), '1.00'
      ])
      rows.push([
        `undici download into the blob store alone (fsynced), ${concurrency} at a time`,
        downloads, fmt(mbps(elapsed.blobOnly), 0), fmt(mbps(elapsed.blobOnly) / mbps(elapsed.plain), 2)
      ])
      rows.push([
        `media download-and-store, ${concurrency} at a time`, downloads, fmt(mbps(elapsed.store), 0), fmt(ratio, 2)
      ])
    }
  } finally {
    await agent.close()
    await media.close()
  }
  if (stored === 0) throw new Error('nothing stored')
  return { rows, ratios }
}
