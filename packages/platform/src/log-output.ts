import type { PlatformConfig } from './config.js'

/** What the apps write their log lines to. */
export interface LogStream {
  write: (line: string) => void
}

/**
 * Where the platform's log lines go: readable lines (pino-pretty) when a person watches a
 * terminal in development, JSON lines otherwise (tests, CI and log collectors read JSON). One
 * stream for every app, so the lines stay in order. pino-pretty is a development dependency,
 * absent from the image: without it the lines stay JSON.
 */
export async function logOutput (
  config: Pick<PlatformConfig, 'NODE_ENV'>, stdout: NodeJS.WritableStream & { isTTY?: boolean }
): Promise<LogStream | undefined> {
  if (config.NODE_ENV !== 'development' || stdout.isTTY !== true) return undefined
  const pretty = await import('pino-pretty').then((module) => module.default, () => undefined)
  return pretty?.({
    destination: stdout,
    colorize: true,
    sync: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,service',
    messageFormat: '{service}: {msg}'
  })
}
