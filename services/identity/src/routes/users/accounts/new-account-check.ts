import type { App } from '@driver/kit'
import { AlreadyInMefpError, UserExistsError } from '../../../domain/account-errors.js'

/**
 * A registration is for a login name neither the user center nor MeFP has
 * (seed 004 §2). Checked before an SMS code is sent or used, so a user who
 * should activate instead is told so without spending one.
 */
export async function assertNewAccount (app: App, loginName: string): Promise<void> {
  if (await app.users.findByLoginName(loginName)) throw new UserExistsError()
  if ((await app.mefp.check(loginName)).exists) throw new AlreadyInMefpError()
}
