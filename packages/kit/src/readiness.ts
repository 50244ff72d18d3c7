import fp from 'fastify-plugin'

export type ReadinessCheck = () => Promise<void>

export interface Readiness {
  /** Registers a dependency; `/readyz` answers 503 while any check throws. */
  add: (name: string, check: ReadinessCheck) => void
  /** Adds `key` to the `/readyz` body, read once the checks have run; left out while it gives undefined. */
  describe: (key: string, details: () => unknown) => void
  run: () => Promise<{ ready: boolean, checks: Record<string, 'ok' | string>, details: Record<string, unknown> }>
}

declare module 'fastify' {
  interface FastifyInstance {
    readiness: Readiness
  }
}

const CHECK_TIMEOUT_MS = 2_000

async function withTimeout (check: ReadinessCheck): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS)
  })
  try {
    await Promise.race([check(), timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** `/healthz` says the process is alive; `/readyz` says its dependencies answer. */
export const healthRoutes = fp(async (app) => {
  const checks = new Map<string, ReadinessCheck>()
  const describers = new Map<string, () => unknown>()
  const readiness: Readiness = {
    add: (name, check) => { checks.set(name, check) },
    describe: (key, details) => { describers.set(key, details) },
    async run () {
      const results: Record<string, string> = {}
      await Promise.all([...checks].map(async ([name, check]) => {
        try {
          await withTimeout(check)
          results[name] = 'ok'
        } catch (error) {
          results[name] = error instanceof Error ? error.message : 'failed'
        }
      }))
      const details: Record<string, unknown> = {}
      for (const [key, describe] of describers) {
        const value = describe()
        if (value !== undefined) details[key] = value
      }
      return { ready: Object.values(results).every((result) => result === 'ok'), checks: results, details }
    }
  }
  app.decorate('readiness', readiness)

  const unlisted = { logLevel: 'warn', schema: { hide: true }, config: { unasserted: true } } as const
  app.get('/healthz', unlisted, async () => ({ status: 'ok' }))
  app.get('/readyz', unlisted, async (_request, reply) => {
    const { ready, checks: results, details } = await readiness.run()
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ok' : 'unavailable', checks: results, ...details })
  })
}, { name: 'health-routes' })
