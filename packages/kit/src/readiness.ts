import fp from 'fastify-plugin'

export type ReadinessCheck = () => Promise<void>

export interface Readiness {
  /** Registers a dependency; `/readyz` answers 503 while any check throws. */
  add: (name: string, check: ReadinessCheck) => void
  run: () => Promise<{ ready: boolean, checks: Record<string, 'ok' | string> }>
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
  const readiness: Readiness = {
    add: (name, check) => { checks.set(name, check) },
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
      return { ready: Object.values(results).every((result) => result === 'ok'), checks: results }
    }
  }
  app.decorate('readiness', readiness)

  const unlisted = { logLevel: 'warn', schema: { hide: true }, config: { unasserted: true } } as const
  app.get('/healthz', unlisted, async () => ({ status: 'ok' }))
  app.get('/readyz', unlisted, async (_request, reply) => {
    const { ready, checks: results } = await readiness.run()
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ok' : 'unavailable', checks: results })
  })
}, { name: 'health-routes' })
