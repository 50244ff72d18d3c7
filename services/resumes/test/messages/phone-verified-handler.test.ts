import { randomUUID } from 'node:crypto'
import t from 'tap'
import { waitFor } from '@driver/testing'
import { OTHER_PHONE, OTHER_USER_ID, PHONE, USER_ID, build, type ResumesTest } from '../helper.js'

const NEW_PHONE = '13700001111'
const UNKNOWN_USER_ID = 'cccccccccccccccccccccccc'

/** sms announces a verification, as the sms service publishes it; resolves once resumes has handled it. */
async function phoneVerified (
  service: ResumesTest, wxUserId: string, phone: string, { verifiedAt = new Date(), messageId = randomUUID() } = {}
): Promise<void> {
  const verified = { wxUserId, phone, verifiedAt: verifiedAt.toISOString() }
  await service.peer.publish('sms.phone_verified', verified, { messageId })
  const marker = { _id: { $regex: new RegExp(`:${messageId}`) } }
  await waitFor('resumes to handle the event', async () =>
    await service.app.processedMessages.countDocuments(marker) === 1, 5_000)
}

const view = async (service: ResumesTest, user = USER_ID) =>
  (await service.call('view', {}, { user })).body.data as Record<string, unknown>

t.test('the phone is bound to the WeChat user, and a repeat changes nothing', async (t) => {
  const service = await build(t, { users: true })
  const verifiedAt = new Date('2024-06-15T04:00:00Z')
  const messageId = randomUUID()
  await phoneVerified(service, USER_ID, NEW_PHONE, { verifiedAt, messageId })
  t.match(await service.wxUser(), { phone: NEW_PHONE, phone_verified_at: verifiedAt, nick_name: 'driver' })
  const self = await service.wx('/wx/self_info/view')
  t.match(self.body.data, { phone: NEW_PHONE }, 'the user sees it')

  const copy = { wxUserId: USER_ID, phone: NEW_PHONE, verifiedAt: verifiedAt.toISOString() }
  await service.peer.publish('sms.phone_verified', copy, { messageId })
  await phoneVerified(service, USER_ID, NEW_PHONE, { verifiedAt })
  t.match(await service.wxUser(), {
    phone: NEW_PHONE, phone_verified_at: verifiedAt
  }, 'a copy and a second delivery leave it as it was')
})

t.test('an earlier verification arriving late does not replace a later one', async (t) => {
  const service = await build(t, { users: true })
  await phoneVerified(service, USER_ID, NEW_PHONE, { verifiedAt: new Date('2024-06-15T04:00:00Z') })
  await phoneVerified(service, USER_ID, '13600002222', { verifiedAt: new Date('2024-06-14T04:00:00Z') })
  t.equal((await service.wxUser())?.phone, NEW_PHONE)
})

t.test('a user who never logged in is not created; the event is handled all the same', async (t) => {
  const service = await build(t, { users: true })
  await phoneVerified(service, UNKNOWN_USER_ID, NEW_PHONE)
  t.equal(await service.wxUser(UNKNOWN_USER_ID), null, 'no bare wx_user')
  t.ok(service.logs.some((line) => line.includes('phone verified for an unknown WeChat user') &&
    line.includes(UNKNOWN_USER_ID) && !line.includes(NEW_PHONE)), 'logged, the phone masked')
})

t.test('a resume made before the phone was verified takes it as its phone and, ' +
  'without one, as its user name', async (t) => {
  const service = await build(t, { users: true })
  await service.app.store.collection('wx_user').updateOne({ _id: USER_ID }, { $unset: { phone: true } })
  const resumeId = (await service.call('opt', { real_name: '张三' })).body.resume_id as string
  const before = await view(service)
  t.notOk('phone' in before || 'user_name' in before, 'no phone, no user name yet')

  await phoneVerified(service, USER_ID, NEW_PHONE)
  t.match(await view(service), { _id: resumeId, phone: NEW_PHONE, user_name: NEW_PHONE, real_name: '张三' })
  const updated = (await service.stored())?.update_date

  await phoneVerified(service, USER_ID, NEW_PHONE)
  t.same((await service.stored())?.update_date, updated, 'a second delivery changes nothing')
})

t.test('a newly verified phone replaces the resume\'s phone; a user name the resume has stays', async (t) => {
  const service = await build(t, { users: true })
  await service.call('opt', { real_name: '张三' })
  t.match(await view(service), { phone: PHONE, user_name: PHONE })
  await phoneVerified(service, USER_ID, NEW_PHONE)
  t.match(await view(service), { phone: NEW_PHONE, user_name: PHONE })
})

t.test('a phone that is another resume\'s user name leaves the resume without one', async (t) => {
  const service = await build(t, { users: true })
  await service.app.store.collection('wx_user').updateOne({ _id: USER_ID }, { $unset: { phone: true } })
  await service.call('opt', { real_name: '张三' })
  await service.call('opt', { user_name: NEW_PHONE }, { user: OTHER_USER_ID })

  await phoneVerified(service, USER_ID, NEW_PHONE)
  const data = await view(service)
  t.equal(data.phone, NEW_PHONE, 'the phone is set')
  t.notOk('user_name' in data, 'the taken name is not')
  t.match(await view(service, OTHER_USER_ID), {
    user_name: NEW_PHONE, phone: OTHER_PHONE
  }, 'the other resume is untouched')
})
