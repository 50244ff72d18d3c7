import pino from 'pino'
import type { BusLogger } from '../../src/index.js'

export interface CapturedLogger {
  logger: BusLogger
  lines: Array<Record<string, unknown>>
  text: () => string
}

/** A real pino logger writing JSON lines to memory, so tests can read what ops would read. */
export function captureLogger (): CapturedLogger {
  const lines: Array<Record<string, unknown>> = []
  const raw: string[] = []
  const logger = pino({ level: 'debug' }, {
    write (line: string) {
      raw.push(line)
      lines.push(JSON.parse(line) as Record<string, unknown>)
    }
  })
  return { logger, lines, text: () => raw.join('') }
}
