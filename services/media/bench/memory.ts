import { startChild } from './processes.js'
import { fmt } from './report.js'

const MIB = 1024 * 1024

interface Probe { size: number, message: string, baseline: number, peak: number, growth: number, ms: number }

async function probe (mode: 'media' | 'plain', wechatUrl: string, size: number): Promise<Probe> {
  const { firstLine } = await startChild('./memory-probe.ts', [mode, wechatUrl, String(size)], {
    BENCH_MAX_BYTES: String(512 * MIB)
  }, ['--expose-gc'])
  const result = JSON.parse(firstLine) as Probe
  if (result.message !== 'success') throw new Error(`the ${size}-byte ${mode} download answered ${result.message}`)
  return result
}

/**
 * Peak RSS growth of one download-and-store, each in a fresh process, beside a
 * plain undici download of the same bytes to /dev/null, also in a fresh process.
 */
export async function benchMemory (wechatUrl: string, sizes = [10, 50, 200].map((n) => n * MIB)): Promise<string[][]> {
  const rows: string[][] = []
  for (const size of sizes) {
    const media = await probe('media', wechatUrl, size)
    const plain = await probe('plain', wechatUrl, size)
    rows.push([
      `${size / MIB} MiB`,
      fmt(media.baseline / MIB, 1),
      fmt(media.growth / MIB, 1),
      fmt(size / MIB / (media.ms / 1000), 0),
      fmt(plain.growth / MIB, 1)
    ])
  }
  return rows
}
