import { describeFailure, documentedAs, withPropertyExamples, type AppPlugin } from '@driver/kit'
import { PushQuerySchema, pushMessageExample, pushQueryExample } from '../../../schemas/wechat-push.js'

/** WeChat's messages are small (an event is under 1 KB); anything near this is not one. */
const PUSH_BODY_LIMIT = 64 * 1024
const TEXT = 'text/plain; charset=utf-8'

/** As WeChat sends and reads them: a signed query string, XML in, plain text out. */
const verifyUrl = {
  summary: 'WeChat checks the server address',
  description: 'Answers `echostr` when `signature` is the SHA-1 of the sorted token, timestamp and nonce.',
  querystring: PushQuerySchema
}
const push = {
  summary: 'WeChat pushes a message or event',
  description: 'Plain, compatible or safe mode (`encrypt_type=aes`). Follow, unfollow and QR scan events ' +
    'update the follower and relate a driver to the approved sales person or agency of the QR code; every ' +
    'other message is acknowledged. Answers `success`; a retried message changes nothing twice.',
  querystring: PushQuerySchema
}
const documented = { querystring: withPropertyExamples(PushQuerySchema, pushQueryExample), produces: ['text/plain'] }
/** The address WeChat is given (Fastify also answers it with a trailing slash). */
const PORTAL = '/wx/portal'
const textAnswer = (description: string, example: string) => ({ type: 'string', description, examples: [example] })

/**
 * `/wx/portal`: the server address of the official account, where WeChat
 * checks the URL (GET) and pushes messages (POST). WeChat reads plain text,
 * no envelope: `success`, or a 4xx whose body is the refusal's code.
 */
export const portalRoutes: AppPlugin = async (app) => {
  app.setErrorHandler((error, request, reply) => {
    const failure = describeFailure(error)
    if (!failure.refusal) request.log.error({ err: error }, 'WeChat push failed')
    return reply.code(failure.status).type(TEXT).send(failure.code)
  })
  // WeChat sends text/xml; whatever it is labelled, the body is read as text and parsed only once verified.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: PUSH_BODY_LIMIT }, (_request, body, done) => {
    done(null, body)
  })

  app.get('/', {
    exposeHeadRoute: false,
    schema: verifyUrl,
    config: {
      swaggerTransform: documentedAs({
        ...verifyUrl, ...documented, response: { 200: textAnswer('the echostr', pushQueryExample.echostr) }
      }, PORTAL)
    }
  }, async (request, reply) => reply.type(TEXT).send(app.wechatPush.verifyUrl(request.query)))

  app.post('/', {
    bodyLimit: PUSH_BODY_LIMIT,
    schema: push,
    config: {
      swaggerTransform: documentedAs({
        ...push,
        ...documented,
        consumes: ['text/xml'],
        body: textAnswer('WeChat\'s XML message', pushMessageExample),
        response: { 200: textAnswer('acknowledged', 'success') }
      }, PORTAL)
    }
  }, async (request, reply) => {
    const fields = app.wechatPush.open(request.query, typeof request.body === 'string' ? request.body : '')
    await app.wechatPush.handle(fields)
    return reply.type(TEXT).send('success')
  })
}
