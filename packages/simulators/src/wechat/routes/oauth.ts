import type { FastifyPluginAsync } from 'fastify'
import type { Scope } from '../simulator-logins.js'
import type { SimulatorContext } from '../simulator-context.js'
import { param, sendWechatError, sendWechatJson } from '../wechat-answer.js'

const SCOPES = new Set<string>(['snsapi_userinfo', 'snsapi_base'])

/** `code` and `state` appended to the page's own query, its fragment kept after them, as WeChat does. */
function withCode (redirectUri: string, code: string, state: string): string {
  const hash = redirectUri.indexOf('#')
  const [page, fragment] = hash === -1 ? [redirectUri, ''] : [redirectUri.slice(0, hash), redirectUri.slice(hash)]
  const separator = page.includes('?') ? '&' : '?'
  return `${page}${separator}code=${code}&state=${encodeURIComponent(state)}${fragment}`
}

/**
 * The web OAuth2 login: the authorize page (which here agrees at once) and the
 * `/sns/*` APIs. A malformed authorize request gets a plain 400 page: WeChat
 * shows the user an error page, it never redirects.
 */
export const oauthRoutes: FastifyPluginAsync<SimulatorContext> = async (app, { appId, secret, logins, calls }) => {
  app.get('/connect/oauth2/authorize', async (request, reply) => {
    calls.authorize++
    const redirectUri = param(request, 'redirect_uri') ?? ''
    const scope = param(request, 'scope') ?? ''
    if (param(request, 'appid') !== appId) return reply.code(400).type('text/plain; charset=utf-8').send('appid 参数错误')
    if (!/^https?:\/\//.test(redirectUri)) return reply.code(400).type('text/plain; charset=utf-8').send('redirect_uri 参数错误')
    if (param(request, 'response_type') !== 'code' || !SCOPES.has(scope)) return reply.code(400).type('text/plain; charset=utf-8').send('scope 参数错误')
    const code = logins.issueCode(scope as Scope)
    return reply.redirect(withCode(redirectUri, code, param(request, 'state') ?? ''), 302)
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
