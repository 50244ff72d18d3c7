// How long `corepack pnpm start` takes here until /readyz answers 200, and the CPU its processes
// used by then (Linux /proc); each run is stopped with SIGTERM before the next one.
//   node scripts/measure-start.mjs [runs]     in a fresh clone, the first run includes the install
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const runs = Number(process.argv[2] ?? 3)
const dataDir = mkdtempSync(join(tmpdir(), 'measure-start-'))

async function freePort () {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address()
  server.close()
  await once(server, 'close')
  return port
}

/** CPU seconds of every process in the group, and of the children they already reaped. */
function cpuOfGroup (group) {
  let ticks = 0
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')
      if (Number(fields[2]) === group) ticks += fields.slice(11, 15).reduce((sum, value) => sum + Number(value), 0)
    } catch {
      // The process ended while it was read.
    }
  }
  return ticks / 100
}

for (let run = 1; run <= runs; run++) {
  const port = await freePort()
  const started = performance.now()
  const child = spawn('corepack', ['pnpm', 'start'], {
    detached: true, stdio: 'ignore', env: { ...process.env, PORT: String(port), DATA_DIR: dataDir }
  })
  let exited = false
  child.on('exit', () => { exited = true })
  while (!exited) {
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((answer) => answer.ok, () => false)
    if (ready) break
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  if (exited) throw new Error(`run ${run}: corepack pnpm start exited before /readyz answered`)
  const seconds = (performance.now() - started) / 1000
  const cpu = cpuOfGroup(child.pid)
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0]
  console.log(`run ${run}: /readyz 200 after ${seconds.toFixed(1)} s, ${cpu.toFixed(1)} s of CPU, load average ${load}`)
  process.kill(-child.pid, 'SIGTERM')
  await once(child, 'exit')
}
rmSync(dataDir, { recursive: true, force: true })
