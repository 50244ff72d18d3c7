import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { SimulatorContext } from '../simulator-context.js'
import type { Scope } from '../simulator-logins.js'
import { PERSON } from '../simulator-people.js'
import { param, sendWechatError, sendWechatJson } from '../wechat-answer.js'

const SCOPES = new Set<string>(['snsapi_userinfo', 'snsapi_base'])

/** The cookie, on the simulator's own address, that names the browser (simulator-people.ts). */
export const BROWSER_COOKIE = 'wechat_sim_browser'
const YEAR_SECONDS = 365 * 24 * 3600

/** `code` and `state` appended to the page's own query, its fragment kept after them, as WeChat does. */
function withCode (redirectUri: string, code: string, state: string): string {
  const hash = redirectUri.indexOf('#')
  const [page, fragment] = hash === -1 ? [redirectUri, ''] : [redirectUri.slice(0, hash), redirectUri.slice(hash)]
  const separator = page.includes('?') ? '&' : '?'
  return `${page}${separator}code=${code}&state=${encodeURIComponent(state)}${fragment}`
}

const badRequest = (reply: FastifyReply, text: string) => reply.code(400).type('text/plain; charset=utf-8').send(text)

/**
 * The browser's person, `as` when asked for one (`?as=<name>`), remembered for the
 * browser from now on; a new person when the browser is new. The cookie naming
 * the browser is set again each time, so it outlives any one login.
 */
export async function personAt (
  { people }: SimulatorContext, request: FastifyRequest, reply: FastifyReply, as: string | undefined
): Promise<{ browser: string, person: string | undefined }> {
  const { browser, person } = people.browserOf(request.cookies[BROWSER_COOKIE])
  reply.setCookie(BROWSER_COOKIE, browser, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: YEAR_SECONDS })
  if (as === undefined) return { browser, person }
  await people.remember(browser, as)
  return { browser, person: as }
}

/**
 * The web OAuth2 login: the authorize page (which here agrees at once, as the
 * browser's person) and the `/sns/*` APIs. A malformed authorize request gets a
 * plain 400 page: WeChat shows the user an error page, it never redirects.
 */
export const oauthRoutes: FastifyPluginAsync<SimulatorContext> = async (app, context) => {
  const { appId, secret, logins, people, calls } = context

  app.get('/connect/oauth2/authorize', async (request, reply) => {
    calls.authorize++
    const redirectUri = param(request, 'redirect_uri') ?? ''
    const scope = param(request, 'scope') ?? ''
    const as = param(request, 'as')
    if (param(request, 'appid') !== appId) return badRequest(reply, 'appid 参数错误')
    if (!/^https?:\/\//.test(redirectUri)) return badRequest(reply, 'redirect_uri 参数错误')
    if (param(request, 'response_type') !== 'code' || !SCOPES.has(scope)) return badRequest(reply, 'scope 参数错误')
    if (as !== undefined && !PERSON.test(as)) return badRequest(reply, 'as 参数错误（1–64 个字母、数字、_ 或 -）')
    const { browser, person } = await personAt(context, request, reply, as)
    const issued = logins.issueCode(scope as Scope, person)
    // A new browser's person is named after its first code: that code logs in as them even unissued.
    await people.remember(browser, issued.person)
    return reply.redirect(withCode(redirectUri, issued.code, param(request, 'state') ?? ''), 302)
  })

  app.get('/sns/oauth2/access_token', async (request, reply) => {
    calls.oauthToken++
    if (param(request, 'appid') !== appId) return sendWechatError(reply, 40013)
    if (param(request, 'secret') !== secret) return sendWechatError(reply, 40125)
    if (param(request, 'grant_type') !== 'authorization_code') return sendWechatError(reply, 40002)
    const code = param(request, 'code')
    if (code === undefined || code === '') return sendWechatError(reply, 41008)
    const answer = logins.redeemCode(code)
    return typeof answer === 'number' ? sendWechatError(reply, answer) : sendWechatJson(reply, answer)
  })

  app.get('/sns/oauth2/refresh_token', async (request, reply) => {
    calls.oauthRefresh++
    if (param(request, 'appid') !== appId) return sendWechatError(reply, 40013)
    if (param(request, 'grant_type') !== 'refresh_token') return sendWechatError(reply, 40002)
    const answer = logins.refresh(param(request, 'refresh_token'))
    return typeof answer === 'number' ? sendWechatError(reply, answer) : sendWechatJson(reply, answer)
  })

  app.get('/sns/userinfo', async (request, reply) => {
    calls.userInfo++
    const answer = logins.userInfo(param(request, 'access_token'), param(request, 'openid'))
    return typeof answer === 'number' ? sendWechatError(reply, answer) : sendWechatJson(reply, answer)
  })
}
