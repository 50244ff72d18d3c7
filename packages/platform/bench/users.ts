// The benchmark's users, written into the services' embedded stores before the processes open them,
// and the credentials a browser or an app would hold for each: a WeChat session, a `/users` token.
import { createSessionSigner } from '@driver/kit/session'
import { openStore } from '@driver/store'
import { issueUserToken, type UserTokenKeys } from '../../../services/identity/src/domain/user-token.js'

export interface BenchUser {
  /** The `wx_user`'s id, the session's `sub`. */
  wxUserId: string
  /** `wx_session=<jwt>`. */
  cookie: string
  /** The `/users` account's id and its `Authorization: Bearer` token. */
  accountId: number
  bearer: string
}

export interface Credentials { sessionKey: string, tokenKeys: UserTokenKeys }

const wxUserIdOf = (i: number): string => `64b7f0c2a1b2c3d4e5f6${(0x1000 + i).toString(16)}`
const accountIdOf = (i: number): number => 100 + i

/** `count` WeChat users (resumes' `wx_user`) and as many user-center accounts (identity's `users`). */
export async function seedUsers (dataDirs: { resumes: string, identity: string }, count: number): Promise<void> {
  const resumes = await openStore({ service: 'resumes', dataDir: dataDirs.resumes })
  const wxUsers = resumes.collection<{ _id: string, nick_name: string }>('wx_user')
  for (let i = 0; i < count; i++) await wxUsers.insertOne({ _id: wxUserIdOf(i), nick_name: `司机${i}` })
  await resumes.close()
  const identity = await openStore({ service: 'identity', dataDir: dataDirs.identity })
  const users = identity.collection<Record<string, unknown> & { _id: number }>('users')
  for (let i = 0; i < count; i++) {
    await users.insertOne({
      _id: accountIdOf(i), login_name: `138${String(accountIdOf(i)).padStart(8, '0')}`, user_name: `司机${i}`,
      role: 0, area: '浙江-杭州', status: 1, checked: 1, reg_app: 'bench', reg_time: new Date(), login_count: 0
    })
  }
  await identity.close()
}

export async function credentialsOf ({ sessionKey, tokenKeys }: Credentials, count: number): Promise<BenchUser[]> {
  const sign = await createSessionSigner(sessionKey)
  const now = new Date()
  return Array.from({ length: count }, (_, i) => {
    const accountId = accountIdOf(i)
    const token = issueUserToken({
      _id: accountId, login_name: `138${String(accountId).padStart(8, '0')}`, user_name: `司机${i}`,
      role: 0, area: '浙江-杭州', reg_time: '2026-12-01 00:00:00', checked: 1, status: 1
    }, tokenKeys, now)
    return { wxUserId: wxUserIdOf(i), cookie: `wx_session=${sign({ sub: wxUserIdOf(i) })}`, accountId, bearer: token }
  })
}
