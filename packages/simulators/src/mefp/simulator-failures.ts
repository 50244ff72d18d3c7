import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyReply } from 'fastify'
import type { SimulatorState } from './simulator-state.js'
import {
  MAX_MEFP_ANSWER_BYTES, MEFP_ANSWER_STATUS, MEFP_CONTENT_TYPE, sealMefpBody, type MefpCodec, type MefpOperation
} from '@driver/contracts/mefp'

/**
 * Decrypts and parses, but is not the operation's answer: check's `result: 1`
 * without `exists`, and for the others a `result` that is neither 0 nor 1.
 */
const wrongShapeOf = (operation: MefpOperation): object => operation === 'check' ? { result: 1 } : { result: 'x' }

/**
 * The failure modes (simulator-state.ts): true when the reply has been dealt with
 * and MeFP's answer must not follow. Only `slow` goes on to do the operation.
 */
export async function misbehave (
  state: SimulatorState, operation: MefpOperation, codec: MefpCodec, reply: FastifyReply
): Promise<boolean> {
  const answer = async (status: number, body: string): Promise<true> => {
    await reply.code(status).type(MEFP_CONTENT_TYPE).send(body)
    return true
  }
  switch (state.mode) {
    case 'ok':
      return false
    case 'slow':
      // On close, the connection is gone: nothing is answered.
      return await sleep(state.delayMs, false, { signal: state.closing }).catch(() => true)
    case 'down':
      await reply.code(503).type('text/html').send('<html><body>503 Service Unavailable</body></html>')
      return true
    case 'reset':
      reply.hijack()
      reply.raw.socket?.destroy()
      return true
    case 'garbage':
      return await answer(MEFP_ANSWER_STATUS, JSON.stringify({ data: 'this is not what MeFP sends' }))
    case 'wrong-shape':
      return await answer(MEFP_ANSWER_STATUS, sealMefpBody(codec, wrongShapeOf(operation)))
    case 'not-json':
      return await answer(MEFP_ANSWER_STATUS, '<html><body>this is not JSON</body></html>')
    case 'oversized':
      // A done answer in every other respect, so only its size refuses it.
      return await answer(
        MEFP_ANSWER_STATUS,
        sealMefpBody(codec, { result: 1, exists: false, padding: 'x'.repeat(MAX_MEFP_ANSWER_BYTES) })
      )
    case 'server-error':
      // A done answer in every other respect, so only the status refuses it.
      return await answer(500, sealMefpBody(codec, { result: 1, exists: false }))
  }
}
