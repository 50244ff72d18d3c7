import t from 'tap'
import Fastify, { type FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { openStore } from '@driver/store'
import { wxUserRepository, type WechatLogin, type WxUser } from '../../../src/plugins/app/wx-user-repository.js'

type Tap = { teardown: (fn: () => unknown) => void, testdir: () => string }

/** The repository alone on an embedded store, closed after the test. */
async function buildRepository (t: Tap): Promise<{ app: FastifyInstance }> {
  const closers: Array<() => Promise<unknown>> = []
  t.teardown(async () => { for (const close of closers) await close() })
  const store = await openStore({ service: 'resumes', dataDir: t.testdir() })
  closers.push(() => store.close())
  const app = Fastify()
  closers.unshift(() => app.close())
  await app.register(fp(async (app) => { app.decorate('store', store) }, { name: 'store' }))
  await app.register(wxUserRepository)
  await app.ready()
  return { app }
}

const login = (openid: string, nick_name = 'driver'): WechatLogin => ({
  openid,
  nick_name,
  sex: 1,
  country: '中国',
  province: '上海',
  city: '上海',
  head_img_url: 'https://thirdwx.qlogo.cn/x/132',
  access_token: `access-${openid}`,
  expires_in: 7200,
  time: new Date(),
  refresh_token: `refresh-${openid}`
})

t.test('a login creates the user of an openid once; later logins refresh its tokens, not its profile', async (t) => {
  const { app } = await buildRepository(t)
  const first = await app.wxUsers.saveLogin(login('o-one'))
  t.match(first._id, /^[0-9a-f]{24}$/, 'the id is a 24-hex string, as sessions and sms events name users')
  t.match(first, { nick_name: 'driver', city: '上海', access_token: 'access-o-one' }, 'the first login fills the profile')
  const again = await app.wxUsers.saveLogin({
    ...login('o-one', 'renamed'), city: '北京', access_token: 'access-2', refresh_token: 'refresh-2', unionid: 'u-one'
  })
  t.equal(again._id, first._id)
  t.match(again, {
    nick_name: 'driver', city: '上海', access_token: 'access-2', refresh_token: 'refresh-2', unionid: 'u-one'
  })
  t.equal(await app.store.collection('wx_user').countDocuments({}), 1)
})

t.test('a login fills only the profile fields the user has none of', async (t) => {
  const { app } = await buildRepository(t)
  const { _id: id } = await app.wxUsers.saveLogin(login('o-edit'))
  await app.wxUsers.updateProfile(id, { nick_name: '老王', sex: 0 })
  await app.store.collection<WxUser>('wx_user').updateOne({ _id: id }, {
    $unset: { province: true, head_img_url: true }
  })
  const again = await app.wxUsers.saveLogin({ ...login('o-edit', 'wechat-name'), province: '浙江' })
  t.match(again, { nick_name: '老王', sex: 0, province: '浙江', head_img_url: 'https://thirdwx.qlogo.cn/x/132', city: '上海' })
  t.same(await app.wxUsers.findById(id), again, 'as stored')
})

t.test('twenty logins of one openid at once give one user', async (t) => {
  const { app } = await buildRepository(t)
  const saved = await Promise.all(Array.from({ length: 20 }, (_, i) => app.wxUsers.saveLogin(login('o-race', `n${i}`))))
  t.equal(new Set(saved.map((user) => user._id)).size, 1)
  t.equal(await app.store.collection('wx_user').countDocuments({ openid: 'o-race' }), 1)
})

t.test('users bound by phone before any login have no openid, and do not collide', async (t) => {
  const { app } = await buildRepository(t)
  const users = app.store.collection<{ _id: string, phone?: string }>('wx_user')
  await users.insertOne({ _id: 'aaaaaaaaaaaaaaaaaaaaaaaa', phone: '13812345678' })
  await users.insertOne({ _id: 'bbbbbbbbbbbbbbbbbbbbbbbb', phone: '13912345678' })
  t.equal(await users.countDocuments({}), 2)
})

t.test('findById and setResumeId', async (t) => {
  const { app } = await buildRepository(t)
  const user = await app.wxUsers.saveLogin(login('o-resume'))
  t.equal(await app.wxUsers.findById('cccccccccccccccccccccccc'), null)
  await app.wxUsers.setResumeId(user._id, 'dddddddddddddddddddddddd')
  t.equal((await app.wxUsers.findById(user._id))?.resume_id, 'dddddddddddddddddddddddd')
})

t.test('applying for review works from absent, 0, -1 and 1, never from 2', async (t) => {
  const { app } = await buildRepository(t)
  const users = app.store.collection<{ _id: string, checked?: number }>('wx_user')
  const { _id: id } = await app.wxUsers.saveLogin(login('o-review'))
  t.equal((await app.wxUsers.updateProfile(id, {}, { applyForReview: true }))?.checked, 1, 'from absent')
  for (const from of [0, -1, 1]) {
    await users.updateOne({ _id: id }, { $set: { checked: from } })
    t.equal((await app.wxUsers.updateProfile(id, { city: `c${from}` }, { applyForReview: true }))?.checked, 1,
      `from ${from}`)
  }
  await users.updateOne({ _id: id }, { $set: { checked: 2 } })
  t.equal(await app.wxUsers.updateProfile(id, { city: 'changed' }, { applyForReview: true }), null,
    'an approved user cannot re-apply')
  t.match(await app.wxUsers.findById(id), { checked: 2, city: 'c1' }, 'and nothing changed')
  t.equal(await app.wxUsers.updateProfile('eeeeeeeeeeeeeeeeeeeeeeee', { city: 'x' }), null, 'an unknown user')
})
