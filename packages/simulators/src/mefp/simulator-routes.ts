import type { FastifyPluginAsync } from 'fastify'
import Value from 'typebox/value'
import { misbehave } from './simulator-failures.js'
import { SIMULATED_REFUSALS, SIMULATOR_MODES, type SimulatorMode, type SimulatorState } from './simulator-state.js'
import {
  MEFP_ANSWER_STATUS, MEFP_CONTENT_TYPE, MEFP_PATHS, MefpRequestSchemas, openMefpEnvelope, sealMefpBody,
  type MefpCodec, type MefpOperation
} from '@driver/contracts/mefp'

export interface SimulatorRoutesOptions {
  state: SimulatorState
  codec: MefpCodec
}

type Answer = Record<string, unknown>
const done: Answer = { result: 1 }
const refusal = ({ code, msg }: { code: number, msg: string }): Answer => ({ result: 0, msg, code })

/** Operations that change an account, and are written to the data folder before they are answered. */
const CHANGES: ReadonlySet<MefpOperation> = new Set(['register', 'password'])

/** MeFP's `/auth/*` over the simulator's accounts; `request` is already decrypted and checked. */
function answer (state: SimulatorState, operation: MefpOperation, request: Record<string, string>): Answer {
  const account = state.accounts.get(request.login_name ?? '')
  switch (operation) {
    case 'login':
      if (account === undefined) return refusal(SIMULATED_REFUSALS.unknownAccount)
      return account.password === request.password ? done : refusal(SIMULATED_REFUSALS.wrongPassword)
    case 'register':
      if (account !== undefined) return refusal(SIMULATED_REFUSALS.accountExists)
      state.accounts.set(request.login_name ?? '', {
        password: request.password ?? '', reg_app: state.regApp, reg_time: state.now()
      })
      return done
    case 'check':
      return account === undefined
        ? { result: 1, exists: false, reg_app: '', reg_time: '' }
        : { result: 1, exists: true, reg_app: account.reg_app, reg_time: account.reg_time }
    case 'password':
      if (account === undefined) return refusal(SIMULATED_REFUSALS.noSuchAccount)
      if (request.old_password !== undefined && request.old_password !== account.password) {
        return refusal(SIMULATED_REFUSALS.wrongOldPassword)
      }
      account.password = request.new_password ?? ''
      return done
  }
}

/** MeFP's four operations in the wire format, and the control API tests drive over HTTP. */
export const simulatorRoutes: FastifyPluginAsync<SimulatorRoutesOptions> = async (app, { state, codec }) => {
  for (const operation of Object.keys(MEFP_PATHS) as MefpOperation[]) {
    app.post(MEFP_PATHS[operation], async (request, reply) => {
      state.calls[operation]++
      if (await misbehave(state, operation, codec, reply)) return reply
      let decrypted: unknown
      try {
        decrypted = openMefpEnvelope(codec, request.body)
      } catch {
        decrypted = undefined
      }
      const valid = Value.Check(MefpRequestSchemas[operation], decrypted)
      const answered = valid
        ? answer(state, operation, decrypted as Record<string, string>)
        : refusal(SIMULATED_REFUSALS.badRequest)
      if (answered.result === 1 && CHANGES.has(operation)) await state.persist()
      return reply.code(MEFP_ANSWER_STATUS).type(MEFP_CONTENT_TYPE).send(sealMefpBody(codec, answered))
    })
  }

  app.post('/sim/mode', async (request, reply) => {
    const body = request.body as { mode?: unknown, delayMs?: unknown } | undefined
    const mode = body?.mode
    const delayMs = body?.delayMs ?? state.delayMs
    const knownMode = SIMULATOR_MODES.includes(mode as SimulatorMode)
    if (!knownMode || typeof delayMs !== 'number' || !Number.isInteger(delayMs) || delayMs < 0) {
      const error = `mode is one of ${SIMULATOR_MODES.join(', ')}; delayMs a whole number of ms`
      return reply.code(400).send({ error })
    }
    state.mode = mode as SimulatorMode
    state.delayMs = delayMs
    return { mode: state.mode, delayMs: state.delayMs }
  })

  app.post('/sim/accounts', async (request, reply) => {
    const body = request.body as Record<string, unknown> | undefined
    const {
      login_name: loginName,
      password,
      reg_app: regApp = state.regApp,
      reg_time: regTime = state.now()
    } = body ?? {}
    const texts = [loginName, password, regApp, regTime].every((value) => typeof value === 'string')
    if (!texts || loginName === '' || password === '') {
      const error = 'login_name and password are required text; reg_app and reg_time optional text'
      return reply.code(400).send({ error })
    }
    state.accounts.set(loginName as string, {
      password: password as string, reg_app: regApp as string, reg_time: regTime as string
    })
    await state.persist()
    return { login_name: loginName, reg_app: regApp, reg_time: regTime }
  })

  app.get('/sim/calls', async () => state.calls)
}
