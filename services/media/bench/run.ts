// `corepack pnpm bench` in services/media: memory, throughput and token fetches of WeChat downloads, and the
// upload quota's cost. `corepack pnpm bench quota` (or memory, throughput, tokens) runs only those sections.
import { arch, cpus, totalmem } from 'node:os'
import { benchMemory } from './memory.js'
import { startSimulatorProcess } from './processes.js'
import { benchQuota } from './quota.js'
import { fmt, table } from './report.js'
import { benchThroughput } from './throughput.js'
import { benchTokenFetches } from './token-fetches.js'

const SECTIONS = ['memory', 'throughput', 'tokens', 'quota']
const asked = process.argv.slice(2).filter((name) => SECTIONS.includes(name))
const runs = (section: string): boolean => asked.length === 0 || asked.includes(section)

const cpu = cpus()[0]?.model.trim() ?? arch()
const day = new Date().toISOString().slice(0, 10)
const machine = `${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GB`
console.log(`# @driver/media benchmarks — ${day}, node ${process.version}, ${machine}\n`)

if (runs('memory') || runs('throughput')) {
  const simulator = await startSimulatorProcess()
  try {
    if (runs('memory')) {
      console.log('## Memory: one download-and-store from the WeChat simulator, in a fresh process\n')
      const memory = await benchMemory(simulator.url)
      console.log(table([
        'image', 'RSS after warm-up MiB', 'peak growth MiB', 'MiB/s', 'plain undici download: peak growth MiB'
      ], memory))
      console.log('\nGoal: < 16 MiB growth for 10 MiB, and no growth with size.\n')
    }
    if (runs('throughput')) {
      console.log('## Throughput: 1 MiB images, download-and-store vs a plain download to /dev/null\n')
      const { rows, ratios } = await benchThroughput(simulator.url)
      console.log(table(['case', 'images', 'MiB/s', 'ratio'], rows))
      const measured = ratios.map((ratio) => fmt(ratio, 2)).join(' and ')
      console.log(`\nGoal: ≥ 0.5× the plain download; measured ${measured}.\n`)
    }
  } finally {
    simulator.stop()
  }
}

if (runs('tokens')) {
  console.log('## Token fetches: 50 concurrent downloads across two media services on one store\n')
  console.log(table(['case', 'stored', 'token fetches', 'media calls', 'ms'], await benchTokenFetches()))
  console.log('\nGoal: one token fetch per case.\n')
}

if (runs('quota')) {
  console.log('## Upload quota: CPU per upload with and without the check, and the check alone\n')
  console.log(table(['case', 'calls', 'CPU µs per call', 'wall µs per call', 'CPU ratio'], await benchQuota()))
  console.log('\nGoal: the check a small share of an upload, and the same for a user with 5,000 photos.')
}
