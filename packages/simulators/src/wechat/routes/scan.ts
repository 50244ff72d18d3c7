import { randomBytes } from 'node:crypto'
import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import type { SimulatorContext } from '../simulator-context.js'
import { openidOf } from '../simulator-logins.js'
import { PERSON } from '../simulator-people.js'
import { param } from '../wechat-answer.js'
import { personAt } from './oauth.js'

/** A small page for the phone that scanned; the names in it are letters, digits, _ and -. */
function page (reply: FastifyReply, status: number, title: string, text: string) {
  return reply.code(status).type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${title}</title></head>
<body>
<h1>${title}</h1>
<p>${text}</p>
</body></html>
`)
}

/**
 * `GET /q/<ticket>`, the URL a QR code of the account holds (qr-codes.ts): what WeChat
 * does when a phone scans a parametric code. The browser's person (the same-browser
 * cookie, or `?as=<name>` as on the other pages; a new browser is a new person) follows
 * the account through the code, pushed as `subscribe` with `qrscene_<scene>`, or, already
 * following, scans it again, pushed as `SCAN` with `<scene>`. The scene is the ticket's,
 * whatever the URL's `scene` says.
 */
export const scanRoutes: FastifyPluginAsync<SimulatorContext> = async (app, context) => {
  const { qrCodes, followers, pusher, people } = context

  app.get<{ Params: { ticket: string } }>('/q/:ticket', async (request, reply) => {
    const code = qrCodes.find(request.params.ticket)
    if (code === undefined) return page(reply, 404, '二维码已失效', '这个二维码不存在或已过期。')
    const as = param(request, 'as')
    if (as !== undefined && !PERSON.test(as)) {
      return page(reply, 400, '参数错误', 'as 参数错误（1–64 个字母、数字、_ 或 -）')
    }
    if (pusher.target?.url === undefined || pusher.target.url === '') {
      return page(reply, 409, '无法推送', '模拟器没有配置公众号的服务器地址，扫码事件无处推送。')
    }
    const { browser, person: known } = await personAt(context, request, reply, as)
    // A browser never seen is a new person, as a new phone is, and stays that person.
    const person = known ?? randomBytes(16).toString('hex')
    await people.remember(browser, person)
    const openid = openidOf(person)
    const following = followers.get(openid)?.subscribe === 1
    const outcome = await pusher.push({ openid, event: following ? 'SCAN' : 'subscribe', scene: code.scene })
    const who = `<b>${person}</b>（openid <code>${openid}</code>）`
    if (!outcome.delivered) {
      return page(reply, 502, '推送失败', `${who}扫码的事件推送 ${outcome.attempts} 次，公众号的服务器未确认。`)
    }
    return following
      ? page(reply, 200, '已关注', `${who}已关注公众号，这次扫码已推送（SCAN）。`)
      : page(reply, 200, '关注成功', `${who}通过二维码关注了公众号（subscribe）。`)
  })
}
