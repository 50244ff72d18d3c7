import t from 'tap'
import { OTHER_USER_ID, USER_ID, build } from '../../../helper.js'

/** Two users with a resume each; the other user has one item of every kind. */
async function twoResumes (t: Parameters<typeof build>[0]) {
  const service = await build(t, { users: true })
  const mine = (await service.call('opt', { real_name: '张三' })).body.resume_id as string
  const theirs = (await service.call('opt', { real_name: '王五' }, { user: OTHER_USER_ID })).body.resume_id as string
  const as = { user: OTHER_USER_ID }
  const items = {
    w_id: (await service.call('extend', { opt: 'add_work', enterprise_name: '他们的公司', end: '2020-1-1' }, as))
      .body.w_id as string,
    e_id: (await service.call('extend', { opt: 'add_education', school_name: '他们的学校' }, as)).body.e_id as string,
    h_id: (await service.call('extend', { opt: 'add_honor', title: '他们的荣誉' }, as)).body.h_id as string,
    v_id: (await service.call('extend', { opt: 'add_vehicle', plate_number: '沪A00001' }, as)).body.v_id as string
  }
  const snapshot = async () => ({
    resumes: await service.app.store.collection('resume').find({}),
    items: await Promise.all((['work_history', 'education_history', 'honor', 'vehicle'] as const)
      .map((list) => service.items(list).find({})))
  })
  return { service, mine, theirs, items, snapshot }
}

t.test('another user\'s resume is refused for every operation', async (t) => {
  const { service, theirs, items, snapshot } = await twoResumes(t)
  const before = await snapshot()
  const operations = [
    'add_work', 'update_work', 'delete_work', 'add_education', 'update_education', 'delete_education',
    'add_honor', 'update_honor', 'delete_honor', 'add_vehicle', 'update_vehicle', 'delete_vehicle'
  ]
  for (const opt of operations) {
    const { status, body } = await service.call('extend', { resume_id: theirs, opt, ...items, title: 'mine now' })
    t.equal(status, 200)
    t.same(body, { message: '简历不存在或不属于当前用户', code: 'RESUMES_RESUME_NOT_YOURS' }, opt)
  }
  t.same(await snapshot(), before, 'nothing changed')
})

t.test('another user\'s items are refused on one\'s own resume', async (t) => {
  const { service, mine, items, snapshot } = await twoResumes(t)
  const before = await snapshot()
  const kinds = [['work', 'w_id'], ['education', 'e_id'], ['honor', 'h_id'], ['vehicle', 'v_id']] as const
  for (const [kind, idParam] of kinds) {
    for (const action of ['update', 'delete']) {
      const { body } = await service.call('extend', {
        resume_id: mine, opt: `${action}_${kind}`, [idParam]: items[idParam], enterprise_name: 'x', title: 'x'
      })
      t.same(body, { message: '记录不存在或不属于当前简历', code: 'RESUMES_ITEM_NOT_FOUND' }, `${action}_${kind}`)
    }
  }
  t.same(await snapshot(), before, 'nothing changed')
})

t.test('another user\'s images, and images of another kind, are refused for honours and vehicles', async (t) => {
  const { service, mine, snapshot } = await twoResumes(t)
  const theirs = service.media.add({ owner: OTHER_USER_ID, table: 'honor_image', field: 'image_id' })
  const myHonorPhoto = service.media.add({ owner: USER_ID, table: 'honor_image', field: 'image_id' })
  const before = await snapshot()
  t.equal((await service.call('extend', { resume_id: mine, opt: 'add_honor', title: 'x', image_id: theirs })).body.code,
    'RESUMES_IMAGE_NOT_YOURS')
  t.equal((await service.call('extend', { resume_id: mine, opt: 'add_vehicle', image_id: myHonorPhoto })).body.code,
    'RESUMES_IMAGE_WRONG_KIND')
  const unknownPhoto = await service.call('extend', {
    resume_id: mine, opt: 'add_honor', image_id: 'dddddddddddddddddddddddd'
  })
  t.equal(unknownPhoto.body.code, 'RESUMES_IMAGE_NOT_FOUND')
  t.same(await snapshot(), before, 'nothing was added')
  const honor = await service.call('extend', { resume_id: mine, opt: 'add_honor', title: 'x', image_id: myHonorPhoto })
  const hId = honor.body.h_id as string
  const theirPhoto = await service.call('extend', { resume_id: mine, opt: 'update_honor', h_id: hId, image_id: theirs })
  t.equal(theirPhoto.body.code, 'RESUMES_IMAGE_NOT_YOURS')
  t.match(await service.items('honor').findOne({ _id: hId }), {
    image_id: myHonorPhoto, image_url: `/wx/images/${myHonorPhoto}`
  }, 'the photo stays')
})

t.test('each user sees only their own resume', async (t) => {
  const { service, mine, theirs } = await twoResumes(t)
  const view = (await service.call('view')).body.data as { _id: string, work_history: unknown[] }
  t.equal(view._id, mine)
  t.same(view.work_history, [])
  t.equal(((await service.call('view', {}, { user: OTHER_USER_ID })).body.data as { _id: string })._id, theirs)
})
