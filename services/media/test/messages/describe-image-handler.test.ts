import t from 'tap'
import Value from 'typebox/value'
import { MediaDescribe } from '@driver/contracts'
import { build, USER_ID } from '../helper.js'
import { PNG } from '../fixtures/images.js'

t.test('media.describe tells another service whose image an id is, ' +
  'of which table and field, and its url', async (t) => {
  const service = await build(t)
  const { body } = await service.upload('id_image', [{ name: 'file', filename: 'x', data: PNG }], {
    query: '?field_name=id_image_back'
  })
  const id = String(body.id)
  t.same(await service.peer.request('media.describe', { id }), {
    found: true,
    id,
    owner: USER_ID,
    table: 'id_image',
    field: 'id_image_back',
    contentType: 'image/png',
    length: PNG.length,
    url: `/wx/images/${id}`
  })
})

t.test('an unknown id, or a string that is not an id, is simply not found', async (t) => {
  const service = await build(t)
  for (const id of ['0123456789abcdef01234567', 'not an id', '', '{"$ne":null}']) {
    t.same(await service.peer.request('media.describe', { id }), { found: false }, JSON.stringify(id))
  }
})

t.test('the contract: a found image names all it knows; a url is always the serving route', async (t) => {
  const found = {
    found: true, id: '0123456789abcdef01234567', owner: '0123456789abcdef01234568', table: 'head_image',
    field: 'head_image', contentType: 'image/jpeg', length: 1, url: '/wx/images/0123456789abcdef01234567'
  }
  t.ok(Value.Check(MediaDescribe.reply, found))
  t.ok(Value.Check(MediaDescribe.reply, { found: false }))
  t.notOk(Value.Check(MediaDescribe.reply, { ...found, url: 'https://elsewhere.example.com/x.jpg' }))
  t.notOk(Value.Check(MediaDescribe.reply, { ...found, table: 'resume' }))
  t.notOk(Value.Check(MediaDescribe.reply, { ...found, contentType: 'image/svg+xml' }))
  t.notOk(Value.Check(MediaDescribe.payload, { id: 'x'.repeat(65) }))
})
