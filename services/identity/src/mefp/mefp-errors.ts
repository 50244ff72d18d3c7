import { createError, createExposedError } from '@driver/kit'

/** What a user reads when MeFP said no without saying why. */
const REFUSED_WITHOUT_REASON = '统一认证平台拒绝了请求'
/** MeFP's own text is shown to the user: kept to one short line. */
const MAX_MESSAGE_LENGTH = 200

const RefusedBase = createError('IDENTITY_MEFP_REFUSED', '%s', 400)

/**
 * MeFP answered and said no (`result: 0`): a wrong password, an unknown
 * account, an account that already exists. Its message is the user's to read
 * in the `/users` envelope (`{"result":0,"msg":<MeFP's msg>,"code":"IDENTITY_MEFP_REFUSED"}`,
 * HTTP 400); MeFP's own code stays on the error for the routes that tell cases apart.
 */
export class MefpRefusedError extends RefusedBase {
  /** MeFP's `code`, as text ('' when it gave none). */
  readonly mefpCode: string

  constructor (message: string, mefpCode: string) {
    const line = message.replace(/\s+/g, ' ').trim().slice(0, MAX_MESSAGE_LENGTH)
    super(line === '' ? REFUSED_WITHOUT_REASON : line)
    this.mefpCode = mefpCode
  }
}

/**
 * MeFP could not be asked or did not answer in its format: down, too slow, a
 * status other than 200, an answer that does not decrypt or parse. The caller
 * answers 503 and stores nothing; what went wrong is the error's `cause` (for
 * the log), never shown to the user.
 */
export const MefpUnavailableError = createExposedError('IDENTITY_MEFP_UNAVAILABLE', '统一认证平台暂不可用，请稍后再试', 503)
