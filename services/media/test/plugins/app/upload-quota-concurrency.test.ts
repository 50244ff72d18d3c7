import t from 'tap'
import { build, openTestStore, type MediaTest, type Tap, type WxAnswer } from '../../helper.js'
import { JPEG } from '../../fixtures/images.js'

/** Two media services on one store, as two processes share one MongoDB. */
async function twoProcesses (t: Tap, env: Record<string, string>): Promise<[MediaTest, MediaTest]> {
  const store = await openTestStore(t)
  return [await build(t, { store, env }), await build(t, { store, env })]
}

/** `count` photos at once, alternating between the processes and between the two routes. */
function allAtOnce (processes: [MediaTest, MediaTest], count: number, round: string): Promise<WxAnswer[]> {
  return Promise.all(Array.from({ length: count }, async (_, i) => {
    const service = processes[i % 2] as MediaTest
    return i % 4 < 2
      ? await service.upload('vehicle_image', [{ name: 'file', filename: 'a.jpg', data: JPEG }])
      : await service.download('vehicle_image', { server_id: `sim-${round}-${i}` })
  }))
}

const tally = (answers: WxAnswer[]): Record<string, number> => {
  const counts: Record<string, number> = {}
  for (const { body } of answers) {
    const key = body.code ?? body.message
    counts[key] = (counts[key] ?? 0) + 1
  }
  return counts
}

t.test('concurrent photos at the edge of the day\'s count take exactly the places left, ' +
  'across two processes', async (t) => {
  const processes = await twoProcesses(t, { MEDIA_USER_IMAGES_PER_DAY: '5' })
  const [first] = processes
  t.same(tally(await allAtOnce(processes, 3, 'a')), { success: 3 })
  t.same(tally(await allAtOnce(processes, 8, 'b')), { success: 2, MEDIA_DAILY_IMAGE_LIMIT: 6 })
  t.same(await first.stored(), { records: 5, files: 10 }, 'the refused photos left no record and no blob')
})

t.test('concurrent first photos of a user take exactly the count in all', async (t) => {
  const processes = await twoProcesses(t, { MEDIA_USER_IMAGES_TOTAL: '4' })
  t.same(tally(await allAtOnce(processes, 10, 'a')), { success: 4, MEDIA_IMAGE_LIMIT: 6 })
  t.same(await processes[0].stored(), { records: 4, files: 8 })
})
