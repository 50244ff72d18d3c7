import pino from 'pino'
import type { Logger } from '@driver/contracts'

export interface CapturedLogger {
  logger: Logger
  lines: Array<Record<string, unknown>>
  text: () => string
  count: (msg: string) => number
  /** Resolves when a line with this `msg` is written (at once if one was already). */
  seen: (msg: string) => Promise<void>
}

/** A real pino logger writing JSON lines to memory, so tests can read what ops would read. */
export function captureLogger (): CapturedLogger {
  const lines: Array<Record<string, unknown>> = []
  const raw: string[] = []
  const watchers: Array<{ msg: string, resolve: () => void }> = []
  const logger = pino({ level: 'debug' }, {
    write (text: string) {
      raw.push(text)
      const line = JSON.parse(text) as Record<string, unknown>
      lines.push(line)
      for (const watcher of watchers.filter((w) => w.msg === line.msg)) {
        watchers.splice(watchers.indexOf(watcher), 1)
        watcher.resolve()
      }
    }
  })
  const count = (msg: string): number => lines.filter((line) => line.msg === msg).length
  return {
    logger,
    lines,
    text: () => raw.join(''),
    count,
    seen: (msg) => count(msg) > 0 ? Promise.resolve() : new Promise((resolve) => { watchers.push({ msg, resolve }) })
  }
}
