import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'

/** The all-in-one process's entry, run from its sources as `corepack pnpm start` runs it. */
export const MAIN = new URL('../../src/main.ts', import.meta.url).pathname
export const MAIN_ARGS = ['--import', 'tsx', '--conditions=driver-source', MAIN]

/** A local port: taken from the OS and kept (`close` gives it back). */
export async function takenPort (): Promise<{ port: number, close: () => Promise<void> }> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  return { port, close: async () => { server.close(); await once(server, 'close') } }
}

/** The all-in-one process on `env` until it exits by itself: its exit code, standard output and error. */
export async function runMain (env: Record<string, string>): Promise<{ code: number, stdout: string, stderr: string }> {
  const child = spawn(process.execPath, MAIN_ARGS, {
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString() })
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  const [code] = await once(child, 'exit') as [number]
  return { code, stdout, stderr }
}
