import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { formatNumber } from './markdown-table.js'

const MB = 1024 * 1024
const child = fileURLToPath(new URL('./blob-child.ts', import.meta.url))

interface Measurement {
  id: string
  ms: number
  baseline: number
  growth: number
  retained: number
}

async function measure (dataDir: string, operation: 'put' | 'get', argument: string): Promise<Measurement> {
  const args = ['--expose-gc', '--import', 'tsx', '--conditions=driver-source', child, dataDir, operation, argument]
  const { stdout } = await promisify(execFile)(process.execPath, args)
  const parsed: unknown = JSON.parse(stdout)
  if (typeof parsed !== 'object' || parsed === null || !('growth' in parsed)) {
    throw new Error(`unexpected output: ${stdout}`)
  }
  return parsed as Measurement
}

/**
 * Puts, then reads back, a generated blob of each size, each in a fresh process sampling its RSS
 * every 2 ms. Growth that stays flat as sizes grow 50× means the bytes stream through.
 */
export async function benchBlobs (dataDir: string, sizesMb: number[]): Promise<Array<Record<string, string>>> {
  const rows: Array<Record<string, string>> = []
  for (const sizeMb of sizesMb) {
    const put = await measure(dataDir, 'put', String(sizeMb * MB))
    const get = await measure(dataDir, 'get', put.id)
    for (const [operation, { growth, retained, ms }] of [['put', put], ['get (read through)', get]] as const) {
      rows.push({
        blob: `${sizeMb} MB`,
        operation,
        'peak RSS growth': `${formatNumber(growth / MB, 1)} MB`,
        'heap + buffers after GC': `${formatNumber(retained / MB, 1)} MB`,
        time: `${formatNumber(ms)} ms`,
        throughput: `${formatNumber(sizeMb / (ms / 1000))} MB/s`
      })
    }
  }
  return rows
}
