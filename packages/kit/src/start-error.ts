/**
 * A process cannot start because of something outside it: MongoDB or RabbitMQ out of reach, a
 * data folder another process holds. The message is one line naming the variable, the address
 * or folder, and what to do; like ConfigError it carries no stack trace (where the code noticed
 * says nothing to whoever starts the process), and the original error as its `cause`.
 */
export class StartError extends Error {
  declare readonly code: 'KIT_START'
  /** The variable to look at. */
  declare readonly variable: string

  constructor (variable: string, line: string, options?: { cause?: unknown }) {
    super(line, options)
    for (const [key, value] of Object.entries({ name: 'StartError', code: 'KIT_START', variable })) {
      Object.defineProperty(this, key, { value, enumerable: false, writable: true, configurable: true })
    }
    Object.defineProperty(this, 'stack', {
      value: `StartError: ${line}`, enumerable: false, writable: true, configurable: true
    })
  }
}

/** The codes of the errors a process prints as they are, without a stack: ConfigError's and StartError's. */
export const READABLE_START_FAILURES: ReadonlySet<string> = new Set(['KIT_CONFIG', 'KIT_START'])
