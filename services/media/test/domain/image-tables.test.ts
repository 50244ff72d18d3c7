import t from 'tap'
import {
  IMAGE_TABLES, TABLE_NAMES, UPLOAD_KINDS, fieldFor, isPersonal, mayView
} from '../../src/domain/image-tables.js'

t.test('the seven tables of the seed, each with its field names', async (t) => {
  t.same(IMAGE_TABLES, {
    head_image: ['head_image'],
    id_image: ['id_image_face', 'id_image_back'],
    honor_image: ['image_id'],
    vehicle_image: ['image_id'],
    driving_license_image: ['dl_image'],
    rtqc_image: ['rtqc_image'],
    business_license_image: ['business_license_image']
  })
  t.same(UPLOAD_KINDS, TABLE_NAMES, 'the direct upload takes all seven, the business licence included')
})

t.test('a field is the one named, or the only one of its table', async (t) => {
  for (const table of TABLE_NAMES) {
    for (const field of IMAGE_TABLES[table]) {
      t.equal(fieldFor(table, { table_name: table, field_name: field }), field, `${table}.${field}`)
    }
  }
  t.equal(fieldFor('head_image', {}), 'head_image')
  t.equal(fieldFor('honor_image', { field_name: '' }), 'image_id', 'an empty field_name is a missing one')
  t.throws(() => fieldFor('id_image', {}), {
    code: 'MEDIA_FIELD_REQUIRED', message: '请指定 field_name（id_image_face 或 id_image_back）'
  })
})

t.test('a table name that is not the path\'s, or a field of another table, is refused', async (t) => {
  t.throws(() => fieldFor('head_image', { table_name: 'id_image' }), { code: 'MEDIA_TABLE_MISMATCH' })
  t.throws(() => fieldFor('id_image', { field_name: 'dl_image' }), {
    code: 'MEDIA_UNKNOWN_FIELD', message: 'field_name 错误，只能是 id_image_face 或 id_image_back'
  })
  t.throws(() => fieldFor('vehicle_image', { field_name: 'image_url' }), { code: 'MEDIA_UNKNOWN_FIELD' })
  t.throws(() => fieldFor('head_image', { field_name: 'constructor' }), { code: 'MEDIA_UNKNOWN_FIELD' })
})

t.test('identity and licence photos are for their owner only; the others for any session', async (t) => {
  t.same(TABLE_NAMES.filter(isPersonal), ['id_image', 'driving_license_image', 'rtqc_image', 'business_license_image'])
  t.ok(mayView({ owner: 'a', table: 'id_image' }, 'a'))
  t.notOk(mayView({ owner: 'a', table: 'id_image' }, 'b'))
  t.ok(mayView({ owner: 'a', table: 'vehicle_image' }, 'b'))
})
