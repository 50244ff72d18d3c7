import { wxRoute, wxUserId, type AppPlugin } from '@driver/kit'
import { Type } from 'typebox'
import {
  resumeExtendAnswerExample, resumeExtendExample, resumeOptAnswerExample, resumeOptExample, resumeViewAnswerExample
} from '../../../schemas/examples.js'
import { ResumeExtendAnswerSchema, ResumeExtendSchema } from '../../../schemas/resume-extend.js'
import { ResumeOptAnswerSchema, ResumeOptSchema, ResumeViewAnswerSchema } from '../../../schemas/resume.js'

/** `/wx/resume/opt`, `/extend` and `/view`: the session user's resume (seed 000, DESIGN §3). */
export const resumeRoutes: AppPlugin = async (app) => {
  wxRoute(app, '/opt', {
    summary: 'Create or change the basic fields of the user\'s resume',
    description: 'The first call creates the resume and links it from the user\'s wx_user. `app_id`, `wx_id`, the ' +
      'derived fields (birth_date, age, gender, *_experience, first/end_work_date, last_company) and the *_url ' +
      'fields are ignored: the server computes them, and takes image urls from the media service. An invalid ID ' +
      'number is refused.',
    params: ResumeOptSchema,
    response: ResumeOptAnswerSchema,
    example: {
      params: resumeOptExample,
      response: resumeOptAnswerExample,
      refusal: { message: '身份证号码无效', code: 'RESUMES_ID_NUMBER_INVALID' }
    }
  }, async (params, request) => {
    const resumeId = await app.resumeFields.save(wxUserId(request), params, request.id)
    return { message: 'success' as const, resume_id: resumeId }
  })

  wxRoute(app, '/extend', {
    summary: 'Add, change or remove a job, an education entry, an award or a vehicle of the user\'s resume',
    description: '`opt` is one of add_/update_/delete_ + work, education, honor, vehicle; update and delete name the ' +
      'item by w_id, e_id, h_id or v_id. Only the item kind\'s own fields are read. The resume\'s lists and its ' +
      'work-derived fields follow.',
    params: ResumeExtendSchema,
    response: ResumeExtendAnswerSchema,
    example: {
      params: resumeExtendExample,
      response: resumeExtendAnswerExample,
      refusal: { message: '请先填写简历基本信息', code: 'RESUMES_NO_RESUME' }
    }
  }, async (params, request) => {
    const added = await app.resumeItemOperations.apply(wxUserId(request), params, request.id)
    return { message: 'success' as const, ...added }
  })

  wxRoute(app, '/view', {
    summary: 'The user\'s resume with its four lists expanded',
    description: 'Ages and experience years are counted to today in TIME_ZONE. Without a resume: RESUMES_NO_RESUME.',
    params: Type.Object({}),
    response: ResumeViewAnswerSchema,
    example: {
      params: {}, response: resumeViewAnswerExample, refusal: { message: '请先填写简历基本信息', code: 'RESUMES_NO_RESUME' }
    }
  }, async (_params, request) => ({
    message: 'success' as const, data: await app.resumeReader.view(wxUserId(request))
  }))
}
