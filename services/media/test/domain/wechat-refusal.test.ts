import t from 'tap'
import { describeFailure } from '@driver/kit'
import { WechatTransportErrcode } from '@driver/wechat'
import { needsOperator, wechatRefusal } from '../../src/domain/wechat-refusal.js'

t.test('each WeChat error reads as a Chinese refusal with a code, never a fault', async (t) => {
  t.match(describeFailure(wechatRefusal(40007)), {
    status: 400, code: 'MEDIA_WECHAT_MEDIA_INVALID', message: '微信中的图片已过期或不存在，请重新选择图片', refusal: true
  })
  for (const busy of [-1, 45009, 45011]) {
    t.match(describeFailure(wechatRefusal(busy)), {
      status: 400, code: 'MEDIA_WECHAT_BUSY', message: '微信服务繁忙，请稍后再试', refusal: true
    }, String(busy))
  }
  t.match(describeFailure(wechatRefusal(40164)), {
    status: 400, code: 'MEDIA_WECHAT_REFUSED', message: '微信服务返回错误（40164），请稍后再试', refusal: true
  })
})

t.test('WeChat out of reach (unreachable, timed out, garbage) is a 503 the user may read', async (t) => {
  for (const errcode of Object.values(WechatTransportErrcode)) {
    t.match(describeFailure(wechatRefusal(errcode)), {
      status: 503, code: 'MEDIA_WECHAT_UNAVAILABLE', message: '暂时无法连接微信服务，请稍后再试'
    }, String(errcode))
  }
})

t.test('an operator is called for account problems only', async (t) => {
  t.ok(needsOperator(40013), 'invalid app id')
  t.ok(needsOperator(40125), 'invalid secret')
  t.ok(needsOperator(40164), 'server IP not allowed')
  t.notOk(needsOperator(40007), 'a driver\'s expired media')
  t.notOk(needsOperator(45009), 'a rate limit')
  t.notOk(needsOperator(-1), 'WeChat busy')
  t.notOk(needsOperator(WechatTransportErrcode.unreachable), 'an outage is logged as such')
})
