// Child processes of the benchmark: started with tsx, stopped with it, also when it fails half-way.
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'

const children: ChildProcess[] = []
process.on('exit', () => {
  for (const child of children) child.kill('SIGTERM')
})

export interface Child { child: ChildProcess, firstLine: string }

/** Runs a TypeScript file of this folder and resolves with its first line of output. */
export async function startChild (
  file: string, args: string[] = [], env: Record<string, string> = {}, nodeArgs: string[] = []
): Promise<Child> {
  const path = new URL(file, import.meta.url).pathname
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', '--conditions=driver-source', path, ...args], {
    env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit']
  })
  children.push(child)
  const lines = createInterface({ input: child.stdout! })
  const firstLine = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve)
    child.once('exit', (code) => reject(new Error(`${file} exited (${code}) before its first line`)))
  })
  return { child, firstLine }
}

/** The WeChat simulator in its own process; its URL. */
export async function startSimulatorProcess (
  env: Record<string, string> = {}
): Promise<{ url: string, stop: () => void }> {
  const { child, firstLine } = await startChild('./simulator-process.ts', [], env)
  return { url: firstLine.replace(/^listening /, ''), stop: () => { child.kill('SIGTERM') } }
}
