import t from 'tap'
import { USER_ID, build, type ResumesTest } from '../../../helper.js'

async function withResume (
  t: Parameters<typeof build>[0], { jitter = false } = {}
): Promise<ResumesTest & { resumeId: string }> {
  const service = await build(t, { users: true, now: new Date('2024-06-15T04:00:00Z'), jitter })
  const resumeId = (await service.call('opt', { real_name: '张三' })).body.resume_id as string
  return { ...service, resumeId }
}

t.test('work: add, update and delete keep the item, the list and the derived fields in step', async (t) => {
  const service = await withResume(t)
  const added = await service.call('extend', {
    resume_id: service.resumeId, opt: 'add_work', begin: '2010-12-1', end: '2015-12-1', enterprise_name: '顺丰速运',
    enterprise_class: '民营', industry: '物流', enterprise_scale: -1, dept_name: '干线', post_name: '驾驶员', team_size: 0,
    vehicle_type: '厢式货车',
    vehicle_load: 14, vehicle_length: 9.6, description: '上海—杭州\n夜班', achievement: '零事故'
  })
  t.match(added.body, { message: 'success', w_id: /^[0-9a-f]{24}$/ })
  const wId = added.body.w_id as string
  t.match(await service.stored(), {
    work_history: [wId],
    first_work_date: new Date('2010-11-30T16:00:00Z'),
    end_work_date: new Date('2015-11-30T16:00:00Z'),
    last_company: '顺丰速运',
    work_experience: 13
  })
  t.match(await service.items('work_history').findOne({ _id: wId }), {
    driver_id: service.resumeId, enterprise_scale: -1, vehicle_length: 9.6, create_date: Date
  })

  const updated = await service.call('extend', {
    resume_id: service.resumeId, opt: 'update_work', w_id: wId, begin: '2008-3-1', enterprise_name: '德邦物流'
  })
  t.equal(updated.body.message, 'success')
  t.match(await service.stored(), {
    first_work_date: new Date('2008-02-29T16:00:00Z'), last_company: '德邦物流', work_experience: 16
  })
  t.match(await service.items('work_history').findOne({ _id: wId }), {
    enterprise_name: '德邦物流', post_name: '驾驶员'
  }, 'fields not sent are kept')

  const second = (await service.call('extend', {
    resume_id: service.resumeId, opt: 'add_work', begin: '2016-1-1', end: '2020-1-1', enterprise_name: '中通快递'
  })).body.w_id as string
  t.match(await service.stored(), {
    work_history: [wId, second], end_work_date: new Date('2019-12-31T16:00:00Z'), last_company: '中通快递'
  })

  t.same((await service.call('extend', { resume_id: service.resumeId, opt: 'delete_work', w_id: second })).body, {
    message: 'success'
  })
  t.match(await service.stored(), {
    work_history: [wId], end_work_date: new Date('2015-11-30T16:00:00Z'), last_company: '德邦物流'
  })
  t.equal(await service.items('work_history').countDocuments({ _id: second }), 0, 'the item is gone')
})

t.test('clearing all work history removes end_work_date and the other work-derived fields', async (t) => {
  const service = await withResume(t)
  const wId = (await service.call('extend', {
    resume_id: service.resumeId, opt: 'add_work', begin: '2010-12-1', end: '2015-12-1', enterprise_name: '顺丰速运'
  })).body.w_id
  await service.call('extend', { resume_id: service.resumeId, opt: 'delete_work', w_id: wId })
  const stored = await service.stored()
  t.same(stored?.work_history, [])
  for (const field of ['end_work_date', 'first_work_date', 'last_company', 'work_experience'] as const) {
    t.notOk(field in stored!, `${field} removed`)
  }
  const view = (await service.call('view')).body.data as Record<string, unknown>
  t.notOk('end_work_date' in view)
})

t.test('education, honours and vehicles: add, update, delete', async (t) => {
  const service = await withResume(t)
  const honorImage = service.media.add({ owner: USER_ID, table: 'honor_image', field: 'image_id' })
  const vehicleImage = service.media.add({ owner: USER_ID, table: 'vehicle_image', field: 'image_id' })
  const kinds = [
    {
      kind: 'education', list: 'education_history', id: 'e_id',
      add: { begin: '2000-9-1', end: '2003-7-1', school_name: 'xx技校', level: '高中', major: '汽修' },
      update: { major: '驾驶' }, stored: { major: '驾驶', school_name: 'xx技校', begin: new Date('2000-08-31T16:00:00Z') }
    },
    {
      kind: 'honor', list: 'honor', id: 'h_id',
      add: { time: '2019-1-1', title: '先进工作者', info: '年度', image_id: honorImage, image_url: 'http://evil.example' },
      update: { title: '安全标兵' },
      stored: { title: '安全标兵', image_id: honorImage, image_url: `/wx/images/${honorImage}` }
    },
    {
      kind: 'vehicle', list: 'vehicle', id: 'v_id',
      add: {
        vehicle_model: '一汽解放J6', plate_number: '沪a12345', vehicle_load: 14, image_id: vehicleImage,
        register_date: '2019-3-1', issued_date: '2019-3-2', vin_id: '123456', engine_id: 'E1', owner_name: '张三',
        address: '上海', vehicle_type: '厢式货车', vehicle_length: 9.6
      },
      update: { plate_number: '苏b54321' },
      stored: { plate_number: '苏B54321', vehicle_model: '一汽解放J6', image_url: `/wx/images/${vehicleImage}` }
    }
  ] as const
  for (const { kind, list, id, add, update, stored } of kinds) {
    const added = await service.call('extend', { resume_id: service.resumeId, opt: `add_${kind}`, ...add })
    t.match(added.body, { message: 'success', [id]: /^[0-9a-f]{24}$/ }, `add_${kind}`)
    const itemId = added.body[id] as string
    t.same((await service.stored())?.[list], [itemId])
    const updated = await service.call('extend', {
      resume_id: service.resumeId, opt: `update_${kind}`, [id]: itemId, ...update
    })
    t.same(updated.body, { message: 'success' }, `update_${kind}`)
    t.match(await service.items(list).findOne({ _id: itemId }), { ...stored, driver_id: service.resumeId })
    t.same((await service.call('extend', { resume_id: service.resumeId, opt: `delete_${kind}`, [id]: itemId })).body, {
      message: 'success'
    }, `delete_${kind}`)
    t.same((await service.stored())?.[list], [])
    t.equal(await service.items(list).countDocuments({}), 0)
  }
})

t.test('every change moves the resume\'s update_date', async (t) => {
  const service = await withResume(t)
  const before = (await service.stored())!.update_date
  service.clock.now = new Date(service.clock.now.getTime() + 1000)
  await service.call('extend', { resume_id: service.resumeId, opt: 'add_education', school_name: 'x' })
  t.equal((await service.stored())!.update_date.getTime() - before.getTime(), 1000)
})

t.test('resume_id may be left out: the caller has one resume', async (t) => {
  const service = await withResume(t)
  t.match((await service.call('extend', { opt: 'add_honor', title: '先进' })).body, { message: 'success' })
  t.equal((await service.stored())?.honor.length, 1)
})

t.test('an unknown opt is named in the refusal; a missing item id too', async (t) => {
  const service = await withResume(t)
  t.same((await service.call('extend', { resume_id: service.resumeId, opt: 'add_hobor', title: 'x' })).body, {
    message: '未知的操作: add_hobor', code: 'RESUMES_UNKNOWN_OPT'
  })
  t.same((await service.call('extend', { resume_id: service.resumeId, opt: 'delete_work' })).body, {
    message: '缺少参数: w_id', code: 'RESUMES_ITEM_ID_REQUIRED'
  })
  const otherKindsId = await service.call('extend', {
    resume_id: service.resumeId, opt: 'update_vehicle', w_id: 'aaaaaaaaaaaaaaaaaaaaaaaa'
  })
  t.same(otherKindsId.body.code, 'RESUMES_ITEM_ID_REQUIRED', 'another kind\'s id does not do')
})

t.test('a job may not end before it begins, also after an update', async (t) => {
  const service = await withResume(t)
  const extend = (params: Record<string, unknown>) => service.call('extend', { resume_id: service.resumeId, ...params })
  t.equal((await extend({ opt: 'add_work', begin: '2015-1-1', end: '2010-1-1' })).body.code, 'RESUMES_DATES_REVERSED')
  const wId = (await extend({ opt: 'add_work', begin: '2010-1-1', end: '2015-1-1' })).body.w_id
  t.equal((await extend({ opt: 'update_work', w_id: wId, begin: '2016-1-1' })).body.code, 'RESUMES_DATES_REVERSED')
  t.equal(await service.items('work_history').countDocuments({}), 1)
})

t.test('without a resume there is nothing to extend', async (t) => {
  const service = await build(t, { users: true })
  t.same((await service.call('extend', { opt: 'add_work', enterprise_name: 'x' })).body, {
    message: '请先填写简历基本信息', code: 'RESUMES_NO_RESUME'
  })
  t.equal(await service.items('work_history').countDocuments({}), 0)
})

t.test('20 parallel add_work calls leave 20 jobs, 20 ids in the list and derived fields that match them', async (t) => {
  // A store with a network's uneven latency, so the calls interleave differently each run.
  const service = await withResume(t, { jitter: true })
  const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => service.call('extend', {
    resume_id: service.resumeId,
    opt: 'add_work',
    begin: `${2000 + i}-1-1`,
    end: `${2001 + i}-6-30`,
    enterprise_name: `公司${i}`
  })))
  t.ok(answers.every(({ body }) => body.message === 'success'), 'all succeeded')
  const stored = await service.stored()
  const jobs = await service.items('work_history').find({ driver_id: service.resumeId })
  t.equal(jobs.length, 20)
  t.equal(stored?.work_history.length, 20)
  t.same(stored?.work_history.toSorted(), answers.map(({ body }) => body.w_id as string).toSorted(),
    'every new id is listed once')
  t.match(stored, {
    first_work_date: new Date('1999-12-31T16:00:00Z'),
    end_work_date: new Date('2020-06-29T16:00:00Z'),
    last_company: '公司19',
    work_experience: 24
  })

  // And as many parallel deletes, of every other job.
  const doomed = stored!.work_history.filter((_, i) => i % 2 === 0)
  await Promise.all(doomed.map((wId) => service.call('extend', {
    resume_id: service.resumeId, opt: 'delete_work', w_id: wId
  })))
  const after = await service.stored()
  const left = await service.items('work_history').find({ driver_id: service.resumeId })
  t.same(after?.work_history.toSorted(), left.map(({ _id }) => _id).toSorted(), 'the list names exactly the jobs left')
  const latest = left.toSorted((a, b) => a.end!.getTime() - b.end!.getTime()).at(-1)
  t.equal(after?.last_company, latest?.enterprise_name)
  t.same(after?.end_work_date, latest?.end)
  t.same(after?.first_work_date, new Date(Math.min(...left.map((job) => job.begin!.getTime()))))
})

t.test('round after round of parallel changes, the work-derived fields match the jobs listed', async (t) => {
  const service = await withResume(t, { jitter: true })
  for (let round = 0; round < 25; round++) {
    // Each round's jobs end after every earlier one, so each round moves end_work_date and last_company.
    await Promise.all([0, 1, 2, 3].map((i) => service.call('extend', {
      resume_id: service.resumeId,
      opt: 'add_work',
      begin: `${2000 + round}-${i + 1}-1`,
      end: `${2000 + round}-${i + 7}-1`,
      enterprise_name: `公司${round}-${i}`
    })))
    const stored = await service.stored()
    const jobs = await service.items('work_history').find({ driver_id: service.resumeId })
    const latest = jobs.toSorted((a, b) => a.end!.getTime() - b.end!.getTime()).at(-1)
    t.same(
      { listed: stored?.work_history.length, last_company: stored?.last_company, end_work_date: stored?.end_work_date },
      { listed: jobs.length, last_company: latest?.enterprise_name, end_work_date: latest?.end },
      `round ${round}`
    )
  }
})

t.test('an honour as the seed\'s example posts it: `begin` is its time when `time` is absent, `end` is ignored',
  async (t) => {
    const service = await withResume(t)
    const added = await service.call('extend', {
      resume_id: service.resumeId, opt: 'add_honor', begin: '2010-12-1', end: '2015-12-1', title: '先进工作者'
    })
    t.match(added.body, { message: 'success', h_id: /^[0-9a-f]{24}$/ })
    const hId = added.body.h_id as string
    const honour = await service.items('honor').findOne({ _id: hId })
    t.match(honour, { time: new Date('2010-11-30T16:00:00Z'), title: '先进工作者' })
    t.notOk(honour && ('begin' in honour || 'end' in honour), 'an honour keeps no period')
    const viewed = await service.call('view')
    t.match(viewed.body, { data: { honor: [{ _id: hId, time: '2010-12-01', title: '先进工作者' }] } })

    t.equal((await service.call('extend', {
      resume_id: service.resumeId, opt: 'update_honor', h_id: hId, begin: '2012-5-4', end: '2011-1-1'
    })).body.message, 'success', 'an end before the begin does not matter: an honour has no period')
    t.match(await service.items('honor').findOne({ _id: hId }), { time: new Date('2012-05-03T16:00:00Z') })

    await service.call('extend', {
      resume_id: service.resumeId, opt: 'update_honor', h_id: hId, time: '2013-1-1', begin: '2014-1-1'
    })
    t.match(await service.items('honor').findOne({ _id: hId }), { time: new Date('2012-12-31T16:00:00Z') },
      '`time`, when sent, wins')
    await service.call('extend', { resume_id: service.resumeId, opt: 'update_honor', h_id: hId, begin: '' })
    t.notOk((await service.items('honor').findOne({ _id: hId }))?.time,
      'a blank `begin` clears the time, as `time` does')
  })
