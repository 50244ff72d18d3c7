import type { FastifyPluginAsync } from 'fastify'
import type { SimulatorContext } from '../simulator-context.js'
import { openidOf } from '../simulator-logins.js'
import { PERSON } from '../simulator-people.js'
import { param } from '../wechat-answer.js'
import { personAt } from './oauth.js'

/**
 * `GET /sim/person` on the simulator's address, in the browser that logs in: who
 * that browser is, and `?as=<name>` to be someone else from the next login on
 * (not a WeChat page: the simulator's own, for development).
 */
export const personRoutes: FastifyPluginAsync<SimulatorContext> = async (app, context) => {
  app.get('/sim/person', async (request, reply) => {
    const as = param(request, 'as')
    if (as !== undefined && !PERSON.test(as)) {
      return reply.code(400).type('text/plain; charset=utf-8').send('as 参数错误（1–64 个字母、数字、_ 或 -）')
    }
    const { person } = await personAt(context, request, reply, as)
    // Names are letters, digits, _ and -: nothing in them needs escaping.
    const who = person === undefined
      ? '<p>这个浏览器还没有登录过：下次登录时是一个新的微信用户。</p>'
      : `<p>这个浏览器是 <b>${person}</b>（openid <code>${openidOf(person)}</code>），下次登录仍是此人。</p>`
    return reply.type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>微信模拟器：当前用户</title></head>
<body>
${who}
<form method="get" action="/sim/person">
  <label>换成另一个人（名字）：<input name="as" pattern="[A-Za-z0-9_\\-]{1,64}" required></label>
  <button>切换</button>
</form>
</body></html>
`)
  })
}
