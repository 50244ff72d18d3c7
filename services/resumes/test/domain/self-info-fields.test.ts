import t from 'tap'
import { SELF_INFO_HIDDEN_FIELDS, SELF_INFO_IGNORED_FIELDS, selfInfoView } from '../../src/domain/self-info-fields.js'

t.test('the seed\'s lists: 9 hidden fields, 18 ignored names', async (t) => {
  t.equal(SELF_INFO_HIDDEN_FIELDS.length, 9)
  t.equal(SELF_INFO_IGNORED_FIELDS.length, 18)
  for (const hidden of SELF_INFO_HIDDEN_FIELDS) {
    t.ok((SELF_INFO_IGNORED_FIELDS as readonly string[]).includes(hidden),
      `what is hidden cannot be changed either: ${hidden}`)
  }
})

t.test('the view drops the hidden fields and writes instants as the resume does, in TIME_ZONE', async (t) => {
  const view = selfInfoView({
    _id: 'a', openid: 'o', access_token: 't', time: new Date(0), relate_time: new Date(0), city: '上海', email: undefined
  }, 'Asia/Shanghai')
  t.same(view, { _id: 'a', relate_time: '1970-01-01 08:00:00', city: '上海' })
})
