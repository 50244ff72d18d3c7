import { Type } from 'typebox'

/** `/wx/jssdk/config?url=`: the page's `location.href.split('#')[0]`, URL-encoded once. */
export const JsSdkConfigSchema = Type.Object({
  url: Type.String({
    minLength: 1, maxLength: 2048, description: 'the page url as the page has it; a `#fragment` is dropped'
  })
})

/** What `wx.config` needs besides `jsApiList`. */
export const JsSdkConfigAnswerSchema = Type.Object({
  message: Type.Literal('success'),
  appId: Type.String(),
  timestamp: Type.Integer({ description: 'seconds since the epoch' }),
  nonceStr: Type.String(),
  signature: Type.String({ description: 'hex SHA-1' })
}, { description: 'success' })
