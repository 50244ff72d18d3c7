import t from 'tap'
import { browser, build, freePort } from './helper.js'

interface SelfInfo { message: string, data: { nick_name: string } }

t.test('the same browser logs in as the same driver after a logout, as on WeChat; someone else ' +
  'stays reachable', async (t) => {
  const { base, wechat } = await build(t, { port: await freePort() })
  const phone = browser()
  const logIn = async (who = phone) =>
    await who.open(`${base}/wx/auth/login?redirect=${encodeURIComponent('/wx/self_info/view')}`)
  const selfInfo = async (who = phone) =>
    JSON.parse(await (await who.open(`${base}/wx/self_info/view`)).text()) as SelfInfo

  const first = JSON.parse(await (await logIn()).text()) as SelfInfo
  t.equal(first.message, 'success', 'logged in, and shown the profile')
  const opt = await phone.request(`${base}/wx/resume/opt`, {
    method: 'POST', body: new URLSearchParams({ real_name: '张三' }), headers: { accept: '*/*' }
  })
  const resumeId = (JSON.parse(await opt.text()) as { resume_id: string }).resume_id

  const logout = await phone.request(`${base}/wx/auth/logout`, { method: 'POST' })
  t.equal(logout.status, 200)
  t.notOk(phone.jar.has('wx_session'), 'the session is gone')
  t.equal((await phone.request(`${base}/wx/self_info/view`)).status, 401)

  const again = JSON.parse(await (await logIn()).text()) as SelfInfo
  t.equal(again.data.nick_name, first.data.nick_name, 'the same WeChat person')
  const resume = JSON.parse(await (await phone.open(`${base}/wx/resume/view`)).text()) as { data: { _id: string } }
  t.equal(resume.data._id, resumeId, 'back to their resume')

  // A session that ended the same way: the cookie gone, the browser still the same.
  phone.jar.delete('wx_session')
  await logIn()
  t.equal((await selfInfo()).data.nick_name, first.data.nick_name)

  const stranger = browser()
  await logIn(stranger)
  t.not((await selfInfo(stranger)).data.nick_name, first.data.nick_name, 'another browser is another driver')

  const switched = await phone.open(`${wechat.url}/sim/person?as=lisi`)
  t.equal(switched.status, 200)
  await logIn()
  t.equal((await selfInfo()).data.nick_name, '模拟司机lisi', 'the simulator\'s page makes the browser someone else')
  const theirs = JSON.parse(await (await phone.open(`${base}/wx/resume/view`)).text()) as { data?: { _id?: string } }
  t.not(theirs.data?._id, resumeId, 'who does not see the first driver\'s resume')
})
