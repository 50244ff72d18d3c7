import t from 'tap'
import { browser, build, freePort } from './helper.js'

type Answer = { message: string, data: { _id: string, nick_name?: string } }

t.test('a returning driver is not shown WeChat\'s consent page again: the first login asks for the profile, ' +
  'the next one is silent and lands on the same driver and resume', async (t) => {
  const { base, wechat } = await build(t, { port: await freePort() })
  const phone = browser()
  /** Logs in as the pages do; the scopes of the WeChat authorize pages the browser went through. */
  const logIn = async () => {
    const from = phone.visited.length
    const answer = await phone.open(`${base}/wx/auth/login?redirect=${encodeURIComponent('/wx/self_info/view')}`)
    const scopes = phone.visited.slice(from)
      .filter((url) => url.href.startsWith(`${wechat.url}/connect/oauth2/authorize`))
      .map((url) => url.searchParams.get('scope'))
    return { scopes, profile: JSON.parse(await answer.text()) as Answer }
  }

  const first = await logIn()
  t.same(first.scopes, ['snsapi_base', 'snsapi_userinfo'], 'a newcomer: silently, then the consent page')
  t.match(first.profile, { message: 'success', data: { nick_name: /^模拟司机/ } }, 'the profile is WeChat\'s')
  t.equal(wechat.calls.userInfo, 1)
  const opt = await phone.request(`${base}/wx/resume/opt`, {
    method: 'POST', body: new URLSearchParams({ real_name: '张三' }), headers: { accept: '*/*' }
  })
  const resumeId = (JSON.parse(await opt.text()) as { resume_id: string }).resume_id

  // The session ends (a logout, or its cookie gone); the browser is the same.
  await phone.request(`${base}/wx/auth/logout`, { method: 'POST' })
  t.equal((await phone.request(`${base}/wx/self_info/view`)).status, 401)
  const again = await logIn()
  t.same(again.scopes, ['snsapi_base'], 'one silent authorize page, no consent')
  t.same(again.profile.data, { ...first.profile.data, resume_id: resumeId }, 'the same wx_user, with its resume')
  t.equal(wechat.calls.userInfo, 1, 'WeChat was not asked for the profile again')
  const resume = JSON.parse(await (await phone.open(`${base}/wx/resume/view`)).text()) as Answer
  t.equal(resume.data._id, resumeId, 'their resume')
})
