import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import { BalancedPool, type Pool } from 'undici'

/** `up`: sent requests; `down`: its connection failed, and it is sent nothing until a probe answers. */
export type ReplicaState = 'up' | 'down'

export interface ReplicaSetOptions {
  /** Pool options of every replica's connections. */
  pool: Pool.Options
  /** How often host names are resolved again (UPSTREAM_RESOLVE_INTERVAL_MS). */
  resolveIntervalMs: number
  /** How often a replica that is down is asked whether it is back. */
  probeIntervalMs: number
  /** Told when a replica goes down or comes back. */
  onChange?: (origin: string, state: ReplicaState) => void
}

/** Socket failures that say the replica is gone, not that one request went wrong. */
const CONNECTION_FAILURES = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE'])
const PROBE_TIMEOUT_MS = 1_000

/** The addresses a configured URL stands for: itself when it names an address or is https, else every A/AAAA. */
async function originsOf (url: URL): Promise<string[]> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
  if (isIP(host) !== 0 || url.protocol !== 'http:') return [url.origin]
  const port = url.port === '' ? '' : `:${url.port}`
  const found = await lookup(host, { all: true })
  return found.map(({ address, family }) => `http://${family === 6 ? `[${address}]` : address}${port}`)
}

async function answers (origin: string): Promise<boolean> {
  try {
    const response = await fetch(new URL('/healthz', origin), { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) })
    await response.body?.cancel()
    return response.ok
  } catch {
    return false
  }
}

/**
 * Every replica of one service, from its URLs (`RESUMES_URL`, comma-separated): a host
 * name is resolved again every few seconds and after a connection failure, and each of
 * its addresses is a replica. Requests are spread over the replicas that are up by one
 * undici `BalancedPool`; a replica whose connection is refused or reset is taken out,
 * and probed (`GET /healthz`) until it answers. When none is up, all of them stay in,
 * so a request still tries rather than failing without one.
 */
export class ReplicaSet {
  readonly pool: BalancedPool
  private readonly states = new Map<string, ReplicaState>()
  private readonly timers: NodeJS.Timeout[] = []
  private resolving: Promise<void> | undefined
  private probing = false

  constructor (private readonly urls: URL[], private readonly options: ReplicaSetOptions) {
    this.pool = new BalancedPool([], options.pool)
    for (const url of urls) this.states.set(url.origin, 'up')
    this.sync()
    const failed = (origin: URL, _targets: unknown, error: Error & { code?: string }): void => {
      if (CONNECTION_FAILURES.has(error.code ?? '')) this.markDown(origin.origin)
    }
    this.pool.on('connectionError', (origin: URL) => { this.markDown(origin.origin) })
    this.pool.on('disconnect', failed)
    if (urls.some((url) => isIP(url.hostname.replace(/^\[(.*)\]$/, '$1')) === 0)) {
      void this.resolve()
      this.timers.push(setInterval(() => { void this.resolve() }, options.resolveIntervalMs).unref())
    }
    this.timers.push(setInterval(() => { void this.probe() }, options.probeIntervalMs).unref())
  }

  /** Each replica's address (`http://10.0.0.5:3002`) and state. */
  get replicas (): ReadonlyMap<string, ReplicaState> {
    return this.states
  }

  /** Resolves the host names now (once at a time); replicas that appeared join, those gone leave. */
  async resolve (): Promise<void> {
    this.resolving ??= this.resolveAll().finally(() => { this.resolving = undefined })
    await this.resolving
  }

  /**
   * Takes a replica out after a connection failure, until a probe finds it answering. The only
   * replica is not marked: it would stay in the pool anyway, and a keep-alive connection it
   * closed is no reason to probe it.
   */
  markDown (origin: string): void {
    if (this.states.size < 2) {
      void this.resolve()
      return
    }
    if (this.states.get(origin) !== 'up') return
    this.states.set(origin, 'down')
    this.options.onChange?.(origin, 'down')
    this.sync()
    void this.resolve()
  }

  async close (): Promise<void> {
    for (const timer of this.timers) clearInterval(timer)
    await this.pool.destroy()
  }

  private async resolveAll (): Promise<void> {
    let found: string[][]
    try {
      found = await Promise.all(this.urls.map(originsOf))
    } catch {
      // A name that does not resolve now (its replicas restarting) leaves the replicas as they were.
      return
    }
    const origins = new Set(found.flat())
    if (origins.size === 0) return
    for (const origin of origins) if (!this.states.has(origin)) this.states.set(origin, 'up')
    for (const origin of this.states.keys()) if (!origins.has(origin)) this.states.delete(origin)
    this.sync()
  }

  private async probe (): Promise<void> {
    const down = [...this.states].filter(([, state]) => state === 'down').map(([origin]) => origin)
    if (down.length === 0 || this.probing) return
    this.probing = true
    try {
      for (const origin of down) {
        if (!await answers(origin) || this.states.get(origin) !== 'down') continue
        this.states.set(origin, 'up')
        this.options.onChange?.(origin, 'up')
        this.sync()
      }
    } finally {
      this.probing = false
    }
  }

  /** The pool holds the replicas that are up, or every replica when none is. */
  private sync (): void {
    if (this.pool.destroyed || this.pool.closed) return
    const up = [...this.states].filter(([, state]) => state === 'up').map(([origin]) => origin)
    const wanted = new Set(up.length > 0 ? up : this.states.keys())
    const held = new Set(this.pool.upstreams)
    for (const origin of held) if (!wanted.has(origin)) this.pool.removeUpstream(origin)
    for (const origin of wanted) if (!held.has(origin)) this.pool.addUpstream(origin)
  }
}
