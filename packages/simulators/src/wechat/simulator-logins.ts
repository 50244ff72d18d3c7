import { randomBytes } from 'node:crypto'

const OAUTH_TOKEN_TTL_SECONDS = 7200
/** Any code of these characters logs in; WeChat's own are 32 of them. */
const CODE = /^[A-Za-z0-9_-]{1,128}$/

export type Scope = 'snsapi_userinfo' | 'snsapi_base'

interface Login {
  code: string
  /** Who logged in: their openid is `sim_<person>` (simulator-people.ts). */
  person: string
  scope: Scope
}

export interface OAuthTokenBody {
  access_token: string
  expires_in: number
  refresh_token: string
  openid: string
  scope: Scope
  unionid: string
}

/** The openid of a person (WeChat's is per official account; the simulator plays one). */
export const openidOf = (person: string): string => `sim_${person}`

/** What `/sns/userinfo` answers for a person: the same every time for the same person. */
export function profileOf (person: string) {
  const sex = [...person].reduce((sum, char) => sum + (char.codePointAt(0) ?? 0), 0) % 2 + 1
  return {
    openid: openidOf(person),
    nickname: `模拟司机${person.slice(0, 8)}`,
    sex,
    province: '广东',
    city: '深圳',
    country: '中国',
    headimgurl: `https://thirdwx.qlogo.cn/mmopen/vi_32/sim_${person}/132`,
    privilege: [] as string[],
    unionid: `sim_union_${person}`
  }
}

/** The web OAuth2 side: codes (single use), users' access and refresh tokens. */
export function simulatorLogins (clock: () => number) {
  const issued = new Map<string, { scope: Scope, person: string }>()
  const used = new Set<string>()
  const accessTokens = new Map<string, Login & { expiresAt: number }>()
  const refreshTokens = new Map<string, Login>()

  const tokensFor = (login: Login): OAuthTokenBody => {
    const accessToken = `SIM_OAT_${randomBytes(24).toString('base64url')}`
    accessTokens.set(accessToken, { ...login, expiresAt: clock() + OAUTH_TOKEN_TTL_SECONDS * 1000 })
    const known = [...refreshTokens].find(([, other]) => other.code === login.code)?.[0]
    const refreshToken = known ?? `SIM_ORT_${randomBytes(24).toString('base64url')}`
    refreshTokens.set(refreshToken, login)
    return {
      access_token: accessToken,
      expires_in: OAUTH_TOKEN_TTL_SECONDS,
      refresh_token: refreshToken,
      openid: openidOf(login.person),
      scope: login.scope,
      unionid: `sim_union_${login.person}`
    }
  }

  return {
    /**
     * A code the authorize page hands back, for `person`; without one the code
     * names a new person, the code itself. Codes nobody issued work too: each
     * logs in as the person it names, with `snsapi_userinfo`.
     */
    issueCode (scope: Scope, person?: string): { code: string, person: string } {
      const code = randomBytes(16).toString('hex')
      issued.set(code, { scope, person: person ?? code })
      return { code, person: person ?? code }
    },

    /** 40029 for a code that cannot be one, 40163 for one already used (WeChat's "code been used"). */
    redeemCode (code: string | undefined): OAuthTokenBody | 40029 | 40163 {
      if (code === undefined || !CODE.test(code)) return 40029
      if (used.has(code)) return 40163
      used.add(code)
      const { scope, person } = issued.get(code) ?? { scope: 'snsapi_userinfo' as const, person: code }
      return tokensFor({ code, person, scope })
    },

    refresh (refreshToken: string | undefined): OAuthTokenBody | 40030 {
      const login = refreshToken === undefined ? undefined : refreshTokens.get(refreshToken)
      return login === undefined ? 40030 : tokensFor(login)
    },

    /** The profile behind a user's access token, or WeChat's errcode for the call. */
    userInfo (
      accessToken: string | undefined, openid: string | undefined
    ): ReturnType<typeof profileOf> | 41001 | 40001 | 42001 | 40003 | 48001 {
      if (accessToken === undefined || accessToken === '') return 41001
      const login = accessTokens.get(accessToken)
      if (login === undefined) return 40001
      if (clock() >= login.expiresAt) return 42001
      if (openid !== openidOf(login.person)) return 40003
      if (login.scope !== 'snsapi_userinfo') return 48001
      return profileOf(login.person)
    }
  }
}

export type SimulatorLogins = ReturnType<typeof simulatorLogins>
