import Fastify from 'fastify'
import fp from 'fastify-plugin'
import fastifyCookie from '@fastify/cookie'
import fastifyJwt from '@fastify/jwt'
import { SESSION_COOKIE } from '../headers.js'
import { SESSION_ALGORITHM, pemFromEnv, publicKeyOf } from './session-keys.js'

export interface SessionClaims {
  /** The WeChat user's id (24-hex). */
  sub: string
  openid?: string
}

export type SessionTokensOptions =
  /** The gateway: verifies only. */
  | { publicKey: string, privateKey?: undefined, expiresInSeconds?: undefined }
  /** The resumes service: signs (and can verify with the derived public key). */
  | { privateKey: string, publicKey?: undefined, expiresInSeconds?: number }

const WEEK_SECONDS = 7 * 24 * 3600

/**
 * WeChat sessions through @fastify/jwt, the one JWT library of the platform:
 * ES256 only, read from the `wx_session` cookie or `Authorization: Bearer`,
 * verified tokens cached until they expire.
 */
export const sessionTokens = fp<SessionTokensOptions>(async (app, options) => {
  if (!app.hasRequestDecorator('cookies')) await app.register(fastifyCookie)
  const privateKey = options.privateKey === undefined ? undefined : pemFromEnv(options.privateKey)
  await app.register(fastifyJwt, {
    secret: { public: privateKey ? publicKeyOf(privateKey) : pemFromEnv(options.publicKey ?? ''), private: privateKey ?? '' },
    sign: { algorithm: SESSION_ALGORITHM, expiresIn: options.expiresInSeconds ?? WEEK_SECONDS },
    verify: { algorithms: [SESSION_ALGORITHM], cache: true },
    cookie: { cookieName: SESSION_COOKIE, signed: false }
  })
}, { name: 'session-tokens' })

export type SessionSigner = (claims: SessionClaims) => string

/** Mints sessions outside a running service (tests, scripts), with the same plugin the services use. */
export async function createSessionSigner (privateKey: string, expiresInSeconds?: number): Promise<SessionSigner> {
  const app = Fastify()
  await app.register(sessionTokens, { privateKey, expiresInSeconds })
  await app.ready()
  return (claims) => app.jwt.sign({ ...claims })
}
