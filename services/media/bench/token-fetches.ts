import { setTimeout as sleep } from 'node:timers/promises'
import { startBenchMedia } from './bench-app.js'
import { startSimulatorProcess } from './processes.js'

const CONCURRENT = 50
const TOKEN_TTL_SECONDS = 3

interface Calls { token: number, media: number }

/**
 * 50 downloads at once across two media services sharing one store, with no
 * token yet, with the stored token past its expiry, and with a token WeChat
 * refuses (40001): how many times each case asks WeChat for a token.
 */
export async function benchTokenFetches (): Promise<string[][]> {
  const simulator = await startSimulatorProcess({ BENCH_TOKEN_TTL_SECONDS: String(TOKEN_TTL_SECONDS) })
  const media = await startBenchMedia(simulator.url, 2)
  const calls = async () => await (await fetch(`${simulator.url}/sim/calls`)).json() as Calls
  let rounds = 0
  const round = async (name: string) => {
    const tag = `r${++rounds}`
    const before = await calls()
    const started = performance.now()
    const answers = await Promise.all(Array.from({ length: CONCURRENT }, (_, i) =>
      media.download(`sim-${tag}-${i}`, media.apps[i % 2])))
    const ms = performance.now() - started
    const after = await calls()
    const ok = answers.filter((answer) => answer === 'success').length
    return [
      name,
      `${ok}/${CONCURRENT}`,
      String(after.token - before.token),
      String(after.media - before.media),
      String(Math.round(ms))
    ]
  }
  try {
    const rows = [await round('no token stored yet')]
    await sleep(TOKEN_TTL_SECONDS * 1000 + 500)
    rows.push(await round('stored token expired'))
    await fetch(`${simulator.url}/sim/invalidate-token`, { method: 'POST' })
    rows.push(await round('token refused by WeChat (40001)'))
    return rows
  } finally {
    await media.close()
    simulator.stop()
  }
}
