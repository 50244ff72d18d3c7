// `corepack pnpm bench` in services/media: memory, throughput and token fetches of WeChat downloads.
import { arch, cpus, totalmem } from 'node:os'
import { benchMemory } from './memory.js'
import { startSimulatorProcess } from './processes.js'
import { fmt, table } from './report.js'
import { benchThroughput } from './throughput.js'
import { benchTokenFetches } from './token-fetches.js'

const cpu = cpus()[0]?.model.trim() ?? arch()
const day = new Date().toISOString().slice(0, 10)
const machine = `${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GB`
console.log(`# @driver/media benchmarks — ${day}, node ${process.version}, ${machine}\n`)

const simulator = await startSimulatorProcess()
try {
  console.log('## Memory: one download-and-store from the WeChat simulator, in a fresh process\n')
  const memory = await benchMemory(simulator.url)
  console.log(table([
    'image', 'RSS after warm-up MiB', 'peak growth MiB', 'MiB/s', 'plain undici download: peak growth MiB'
  ], memory))
  console.log('\nGoal: < 16 MiB growth for 10 MiB, and no growth with size.\n')

  console.log('## Throughput: 1 MiB images, download-and-store vs a plain download to /dev/null\n')
  const { rows, ratios } = await benchThroughput(simulator.url)
  console.log(table(['case', 'images', 'MiB/s', 'ratio'], rows))
  console.log(`\nGoal: ≥ 0.5× the plain download; measured ${ratios.map((ratio) => fmt(ratio, 2)).join(' and ')}.\n`)
} finally {
  simulator.stop()
}

console.log('## Token fetches: 50 concurrent downloads across two media services on one store\n')
console.log(table(['case', 'stored', 'token fetches', 'media calls', 'ms'], await benchTokenFetches()))
console.log('\nGoal: one token fetch per case.')
