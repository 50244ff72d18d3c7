import t from 'tap'
import Fastify, { type FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { InProcessBroker, type Bus } from '@driver/bus'
import { describeFailure } from '@driver/kit'
import { pino } from 'pino'
import { imageCheck } from '../../../src/plugins/app/image-check.js'
import { startFakeMedia, type FakeMedia } from '../../fixtures/fake-media.js'
import { OTHER_USER_ID, USER_ID } from '../../helper.js'

type Tap = { teardown: (fn: () => unknown) => void }

/** The plugin alone, on a bus of the test's broker, beside a fake media service (or none). */
async function startImageCheck (
  t: Tap, { media = true, requestTimeout = 5_000 } = {}
): Promise<{ app: FastifyInstance, media: FakeMedia | undefined }> {
  const broker = new InProcessBroker()
  const bus: Bus = broker.connect('resumes', { logger: pino({ level: 'silent' }), requestTimeout })
  const app = Fastify()
  t.teardown(async () => { await app.close(); await bus.close() })
  await app.register(fp(async (scope) => { scope.decorate('bus', bus) }, { name: 'bus' }))
  await app.register(imageCheck)
  await app.ready()
  return { app, media: media ? await startFakeMedia(t, broker) : undefined }
}

t.test('an image of the caller, uploaded for the slot, gives its id and media\'s url', async (t) => {
  const { app, media } = await startImageCheck(t)
  const id = media!.add({ owner: USER_ID, table: 'id_image', field: 'id_image_back' })
  t.same(await app.imageCheck.verify(USER_ID, id, { table: 'id_image', field: 'id_image_back' }), {
    id, url: `/wx/images/${id}`
  })
  t.same(media!.asked, [id], 'media was asked once')
})

t.test('unknown images, another user\'s and another slot\'s are refused with their own codes', async (t) => {
  const { app, media } = await startImageCheck(t)
  const slot = { table: 'head_image', field: 'head_image' } as const
  await t.rejects(app.imageCheck.verify(USER_ID, 'aaaaaaaaaaaaaaaaaaaaaaaa', slot), {
    code: 'RESUMES_IMAGE_NOT_FOUND', statusCode: 400
  })
  const theirs = media!.add({ owner: OTHER_USER_ID, table: 'head_image', field: 'head_image' })
  await t.rejects(app.imageCheck.verify(USER_ID, theirs, slot), { code: 'RESUMES_IMAGE_NOT_YOURS' })
  const licence = media!.add({ owner: USER_ID, table: 'driving_license_image', field: 'dl_image' })
  await t.rejects(app.imageCheck.verify(USER_ID, licence, slot), {
    code: 'RESUMES_IMAGE_WRONG_KIND', message: /head_image\/head_image/
  })
  const back = media!.add({ owner: USER_ID, table: 'id_image', field: 'id_image_back' })
  await t.rejects(app.imageCheck.verify(USER_ID, back, { table: 'id_image', field: 'id_image_face' }), {
    code: 'RESUMES_IMAGE_WRONG_KIND'
  }, 'the right table but the other side of the card')
})

t.test('with media out of reach the check fails as an outage (503), not as a refusal', async (t) => {
  const { app } = await startImageCheck(t, { media: false, requestTimeout: 200 })
  const failure = await app.imageCheck
    .verify(USER_ID, 'aaaaaaaaaaaaaaaaaaaaaaaa', { table: 'head_image', field: 'head_image' })
    .catch(describeFailure)
  t.match(failure, { status: 503, code: 'KIT_DEPENDENCY_UNAVAILABLE', refusal: false })
})
