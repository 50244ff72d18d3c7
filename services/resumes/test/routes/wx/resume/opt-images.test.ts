import t from 'tap'
import { OTHER_USER_ID, USER_ID, build } from '../../../helper.js'

t.test('the five image fields take the caller\'s uploads for them, with media\'s urls', async (t) => {
  const service = await build(t, { users: true })
  const ids = {
    head_image: service.media.add({ owner: USER_ID, table: 'head_image', field: 'head_image' }),
    id_image_face: service.media.add({ owner: USER_ID, table: 'id_image', field: 'id_image_face' }),
    id_image_back: service.media.add({ owner: USER_ID, table: 'id_image', field: 'id_image_back' }),
    dl_image: service.media.add({ owner: USER_ID, table: 'driving_license_image', field: 'dl_image' }),
    rtqc_image: service.media.add({ owner: USER_ID, table: 'rtqc_image', field: 'rtqc_image' })
  }
  const forgedUrls = Object.fromEntries(Object.keys(ids).map((field) => [`${field}_url`, 'http://evil.example/x.jpg']))
  t.equal((await service.call('opt', { ...ids, ...forgedUrls })).body.message, 'success')
  const stored = await service.stored()
  for (const [field, id] of Object.entries(ids)) {
    t.equal(stored?.[field as keyof typeof ids], id, field)
    t.equal(stored?.[`${field as keyof typeof ids}_url`], `/wx/images/${id}`, `${field}_url is media's`)
  }
  t.same(service.media.asked.toSorted(), Object.values(ids).toSorted(), 'media was asked about each')
  t.match((await service.call('view')).body.data, {
    head_image: ids.head_image, head_image_url: `/wx/images/${ids.head_image}`
  })
})

t.test('another user\'s image, an unknown one and one uploaded for another field are refused; ' +
  'nothing changes', async (t) => {
  const service = await build(t, { users: true })
  await service.call('opt', { real_name: '张三' })
  const before = await service.stored()
  const theirs = service.media.add({ owner: OTHER_USER_ID, table: 'head_image', field: 'head_image' })
  const back = service.media.add({ owner: USER_ID, table: 'id_image', field: 'id_image_back' })
  const cases = [
    [{ head_image: theirs }, 'RESUMES_IMAGE_NOT_YOURS'],
    [{ head_image: 'dddddddddddddddddddddddd' }, 'RESUMES_IMAGE_NOT_FOUND'],
    // The seed's own snippet slips so: the back's id sent as id_image_face.
    [{ id_image_face: back, id_image_back_url: 'x' }, 'RESUMES_IMAGE_WRONG_KIND'],
    [{ dl_image: back }, 'RESUMES_IMAGE_WRONG_KIND'],
    [{ head_image: 'not-an-id' }, 'KIT_VALIDATION']
  ] as const
  for (const [params, code] of cases) {
    const { status, body } = await service.call('opt', { ...params, real_name: '李四' })
    t.equal(status, 200)
    t.equal(body.code, code, JSON.stringify(params))
    t.type(body.message, 'string')
  }
  t.same(await service.stored(), before, 'the resume is as it was')
})

t.test('with the media service out of reach an image cannot be checked: 503, nothing saved', async (t) => {
  const service = await build(t, { users: true, mediaDown: true })
  const { status, body } = await service.call('opt', { real_name: '张三', head_image: 'dddddddddddddddddddddddd' })
  t.equal(status, 503)
  t.same(body, { message: '服务暂不可用，请稍后再试', code: 'KIT_DEPENDENCY_UNAVAILABLE' })
  t.equal(await service.stored(), null)
  t.equal((await service.call('opt', { real_name: '张三' })).body.message, 'success',
    'without an image the call needs no media')
})
