// The service side of the benchmark, in its own process as in production.
import { createApp, wxUserId } from '@driver/kit'

const origin = createApp({ service: 'resumes', logLevel: 'silent' })
origin.get('/users/x', async () => ({ result: 1, data: { user_name: '张师傅' } }))
origin.get('/wx/self_info/view', async (request) => ({
  message: 'success',
  data: { _id: wxUserId(request), nick_name: '张师傅', city: '杭州' }
}))
await origin.listen({ host: process.env.HOST, port: Number(process.env.PORT) })
process.on('SIGTERM', () => { void origin.close().then(() => process.exit(0)) })
