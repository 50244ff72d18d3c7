import {
  WX_CONTENT_TYPES, WxFailureSchema, WxSuccessSchema, documentedAs, withPropertyExamples, type AppPlugin
} from '@driver/kit'
import {
  CallbackQuerySchema, LoginQuerySchema, callbackQueryExample, loginQueryExample, redirectAnswer
} from '../../../schemas/wx-auth.js'

/** A login WeChat or the browser cannot go on with: the `/wx` envelope, status 200. */
const refusalAnswer = (message: string, code: string) => ({
  ...WxFailureSchema, description: 'a refusal', 'x-examples': { refusal: { value: { message, code } } }
})

/**
 * `/wx/auth/*`: WeChat login, reached without a session (the gateway checks none
 * here). Browsers navigate to login and callback, so they are GET only and answer
 * with redirects; a refusal answers the `/wx` envelope, never a 5xx.
 */
export const authRoutes: AppPlugin = async (app) => {
  const login = {
    summary: 'Start a WeChat login',
    description: 'A 302 to WeChat\'s OAuth authorize URL (scope snsapi_base: silent, no consent page) with a ' +
      'single-use `state` bound to this browser by a short-lived HttpOnly cookie. `redirect`: a path on this ' +
      'site to return to (default `/`); anything else is refused.',
    querystring: LoginQuerySchema
  }
  app.get('/login', {
    exposeHeadRoute: false,
    schema: login,
    config: {
      swaggerTransform: documentedAs({
        ...login,
        querystring: withPropertyExamples(LoginQuerySchema, loginQueryExample),
        produces: WX_CONTENT_TYPES,
        response: {
          302: redirectAnswer('to WeChat\'s login', 'WeChat\'s OAuth authorize URL'),
          200: refusalAnswer('登录后的跳转地址无效', 'RESUMES_LOGIN_REDIRECT_INVALID')
        }
      })
    }
  }, async (request, reply) => {
    const { authorizeUrl, state } = await app.wechatLogin.begin(request.query.redirect)
    app.sessionCookies.holdLoginState(reply, state)
    return reply.redirect(authorizeUrl, 302)
  })

  const callback = {
    summary: 'WeChat sends the browser back here',
    description: 'The state is checked against this browser\'s cookie and spent; the code is exchanged. A known ' +
      'user with a profile, or a user back from the consent page (saved), gets the session in the HttpOnly ' +
      '`wx_session` cookie and a 302 to the login\'s redirect; after a silent login of a new openid, or of one ' +
      'without a profile, a 302 to WeChat again with scope snsapi_userinfo and a new state. A missing code, a ' +
      'reused or forged state, or a WeChat failure answers a refusal.',
    querystring: CallbackQuerySchema
  }
  app.get('/callback', {
    exposeHeadRoute: false,
    schema: callback,
    config: {
      swaggerTransform: documentedAs({
        ...callback,
        querystring: withPropertyExamples(CallbackQuerySchema, callbackQueryExample),
        produces: WX_CONTENT_TYPES,
        response: {
          302: redirectAnswer(
            'logged in (the `wx_session` cookie is set), or on to WeChat\'s consent page',
            'the login\'s `redirect`, or WeChat\'s OAuth authorize URL'
          ),
          200: refusalAnswer('登录请求已失效，请重新登录', 'RESUMES_LOGIN_STATE_INVALID')
        }
      })
    }
  }, async (request, reply) => {
    const { code, state } = request.query
    const cookieState = app.sessionCookies.takeLoginState(request, reply)
    const next = await app.wechatLogin.complete({ code, state, cookieState })
    if ('authorizeUrl' in next) {
      app.sessionCookies.holdLoginState(reply, next.state)
      return reply.redirect(next.authorizeUrl, 302)
    }
    app.sessionCookies.start(reply, next.user._id)
    return reply.redirect(next.redirect, 302)
  })

  app.post('/logout', {
    schema: {
      summary: 'Log out',
      description: 'Clears the `wx_session` cookie. POST only, so another site cannot log a user out with a link.',
      response: { 200: { ...WxSuccessSchema, examples: [{ message: 'success' }] } }
    }
  }, async (_request, reply) => {
    app.sessionCookies.end(reply)
    return { message: 'success' as const }
  })
}
