import type { Logger } from '@driver/contracts'
import Value from 'typebox/value'
import { Agent, request } from 'undici'
import {
  createMefpCodec, MefpCodecError, type MefpKeys,
  MAX_MEFP_ANSWER_BYTES, MEFP_ANSWER_STATUS, MEFP_CONTENT_TYPE, MEFP_PATHS,
  MefpAnswerSchemas, MefpEnvelopeError, MefpRefusalSchema,
  openMefpBody, sealMefpBody, type MefpAnswers, type MefpOperation, type MefpRequests
} from '@driver/contracts/mefp'
import { MefpRefusedError, MefpUnavailableError } from '../../../errors.js'
import type { MefpCheck, MefpClient } from '../mefp.js'

export interface MefpClientOptions extends MefpKeys {
  /** MeFP's base URL (`MEFP_URL`); the paths of the wire format (`@driver/contracts/mefp`) are appended to it. */
  url: string
  /** Connecting, the answer's headers and body, and each call as a whole. */
  timeoutMs: number
  logger: Logger
}

export type ClosableMefpClient = MefpClient & { close: () => Promise<void> }

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'])

/** Why a call got no usable answer: our own words, never MeFP's bytes (they may echo the request). */
class NoAnswer extends Error {}

async function readSmall (body: AsyncIterable<Buffer> & { destroy: () => void }): Promise<string> {
  const chunks: Buffer[] = []
  let length = 0
  for await (const chunk of body) {
    length += chunk.length
    if (length > MAX_MEFP_ANSWER_BYTES) {
      body.destroy()
      throw new NoAnswer(`an answer larger than ${MAX_MEFP_ANSWER_BYTES} bytes`)
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function reasonOf (error: unknown, timeoutMs: number, deadline: AbortSignal): string {
  if (error instanceof NoAnswer) return error.message
  if (error instanceof MefpEnvelopeError) return `an answer ${error.message}`
  if (error instanceof MefpCodecError) return `an answer that does not decrypt (${error.reason})`
  const code = (error as { code?: unknown }).code
  const timedOut = (error as Error).name === 'TimeoutError' || (typeof code === 'string' && TIMEOUT_CODES.has(code))
  if (deadline.aborted || timedOut) {
    return `no answer within ${timeoutMs} ms`
  }
  return `unreachable (${typeof code === 'string' ? code : (error as Error).name})`
}

/**
 * The MeFP client over HTTP (undici), in the wire format of `@driver/contracts/mefp`.
 * Logs the operation, the outcome and the time taken; never a request, an
 * answer, a password or the key.
 */
export function createMefpClient ({ url, secret, iv, timeoutMs, logger }: MefpClientOptions): ClosableMefpClient {
  const codec = createMefpCodec({ secret, iv })
  const agent = new Agent({
    connect: { timeout: timeoutMs }, headersTimeout: timeoutMs, bodyTimeout: timeoutMs
  })
  const base = url.endsWith('/') ? url : `${url}/`
  const log = logger.child({ upstream: 'mefp' })
  let closing: Promise<void> | undefined

  async function call<O extends MefpOperation> (
    operation: O, payload: MefpRequests[O]
  ): Promise<MefpAnswers[O]> {
    const started = performance.now()
    const elapsed = () => Math.round(performance.now() - started)
    const deadline = AbortSignal.timeout(timeoutMs)
    let answer: unknown
    try {
      const response = await request(new URL(MEFP_PATHS[operation].slice(1), base), {
        dispatcher: agent,
        method: 'POST',
        headers: { 'content-type': MEFP_CONTENT_TYPE },
        body: sealMefpBody(codec, payload),
        signal: deadline
      })
      if (response.statusCode !== MEFP_ANSWER_STATUS) {
        await response.body.dump()
        throw new NoAnswer(`HTTP ${response.statusCode}`)
      }
      answer = openMefpBody(codec, await readSmall(response.body))
    } catch (error) {
      const reason = reasonOf(error, timeoutMs, deadline)
      log.warn({ operation, reason, durationMs: elapsed() }, 'MeFP unavailable')
      throw new MefpUnavailableError({ cause: new Error(`MeFP ${operation}: ${reason}`) })
    }
    if (Value.Check(MefpRefusalSchema, answer)) {
      const mefpCode = answer.code === undefined ? '' : String(answer.code)
      log.info({ operation, mefpCode, durationMs: elapsed() }, 'MeFP refused')
      throw new MefpRefusedError(answer.msg ?? '', mefpCode)
    }
    if (!Value.Check(MefpAnswerSchemas[operation], answer)) {
      const reason = 'an answer of an unexpected shape'
      log.warn({ operation, reason, durationMs: elapsed() }, 'MeFP unavailable')
      throw new MefpUnavailableError({ cause: new Error(`MeFP ${operation}: ${reason}`) })
    }
    log.debug({ operation, durationMs: elapsed() }, 'MeFP answered')
    return answer as MefpAnswers[O]
  }

  return {
    async login (loginName, password) {
      await call('login', { login_name: loginName, password })
    },

    async register (loginName, password) {
      await call('register', { login_name: loginName, password })
    },

    async check (loginName): Promise<MefpCheck> {
      const answer = await call('check', { login_name: loginName })
      return answer.exists
        ? { exists: true, reg_app: answer.reg_app ?? '', reg_time: answer.reg_time ?? '' }
        : { exists: false, reg_app: '', reg_time: '' }
    },

    async changePassword (loginName, newPassword, oldPassword) {
      const payload = oldPassword === undefined
        ? { login_name: loginName, new_password: newPassword }
        : { login_name: loginName, new_password: newPassword, old_password: oldPassword }
      await call('password', payload)
    },

    async close () {
      closing ??= agent.close()
      await closing
    }
  }
}
