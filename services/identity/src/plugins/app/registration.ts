import fp from 'fastify-plugin'
import { listOf } from '@driver/kit'
import { newAccountOf } from '../../domain/new-account.js'
import type { User } from '../../domain/user.js'
import { AlreadyInMefpError, UserExistsError } from '../../errors.js'
import type { ProfileBody } from '../../schemas/accounts.js'

export interface RegistrationOptions {
  /** IDENTITY_ADMINS: login names that become administrators when they register or activate. */
  admins: string
}

export interface Registration {
  /**
   * A registration is for a login name neither the user center nor MeFP has
   * (seed 004 §2). Checked before an SMS code is sent or used, so a user who
   * should activate instead is told so without spending one.
   */
  assertNewAccount: (loginName: string) => Promise<void>
  /**
   * Stores the user a register or an activation makes (an administrator when
   * listed in IDENTITY_ADMINS). One login name makes one user, even when two
   * requests race (the repository's unique index): the other is refused (409).
   */
  addUser: (profile: ProfileBody, regApp: string, regTime: Date) => Promise<User>
}

declare module 'fastify' {
  interface FastifyInstance {
    registration: Registration
  }
}

/** `app.registration`: the rules register, activate and the registration code share. */
export const registration = fp<RegistrationOptions>(async (app, options) => {
  const admins = new Set(listOf(options.admins))

  app.decorate('registration', {
    async assertNewAccount (loginName) {
      if (await app.users.findByLoginName(loginName)) throw new UserExistsError()
      if ((await app.mefp.check(loginName)).exists) throw new AlreadyInMefpError()
    },
    async addUser (profile, regApp, regTime) {
      const user = await app.users.insert(newAccountOf(profile, admins, regApp, regTime))
      if (!user) throw new UserExistsError()
      return user
    }
  } satisfies Registration)
}, { name: 'registration', dependencies: ['user-repository', 'mefp'] })
