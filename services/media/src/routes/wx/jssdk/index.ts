import { wxRoute, wxUserId, type AppPlugin } from '@driver/kit'
import { jsSdkConfigAnswerExample, jsSdkConfigExample } from '../../../schemas/examples.js'
import { JsSdkConfigAnswerSchema, JsSdkConfigSchema } from '../../../schemas/jssdk.js'

/** `/wx/jssdk/config`: what a page passes to `wx.config` before `wx.chooseImage` and `wx.uploadImage`. */
export const jsSdkRoutes: AppPlugin = async (app) => {
  wxRoute(app, '/config', {
    summary: 'The JS-SDK configuration (appId, timestamp, nonceStr, signature) for a page',
    description: 'Signed over the url exactly as given, less any #fragment; ' +
      'only pages whose host is listed in WECHAT_JS_DOMAINS.',
    params: JsSdkConfigSchema,
    response: JsSdkConfigAnswerSchema,
    example: {
      params: jsSdkConfigExample,
      response: jsSdkConfigAnswerExample,
      refusal: { message: '该页面的域名不能使用微信 JS 接口', code: 'MEDIA_JSSDK_URL_NOT_ALLOWED' }
    }
  }, async ({ url }, request) => {
    wxUserId(request)
    return { message: 'success' as const, ...await app.jsSdk.configFor(url) }
  })
}
