/* Phone verification: a code by SMS (`/wx/sms/get`, then a 60 s wait), checked by `/wx/sms/check`. */
(function (window, $, api, forms) {
  'use strict'

  var WAIT_SECONDS = 60
  var $message = $('#message')
  var $send = $('#send_code')

  function showPhone (user) {
    $('[data-field="phone"]').text(user.phone || '未验证')
    return user
  }

  function countDown (seconds) {
    if (seconds <= 0) {
      $send.prop('disabled', false).text('获取验证码')
      return
    }
    $send.prop('disabled', true).text(seconds + '秒后重新获取')
    window.setTimeout(function () { countDown(seconds - 1) }, 1000)
  }

  // The phone is bound to the profile by a message after the check; the home page shows it once bound.
  function bound (phone, tries) {
    return api.selfInfo().then(function (user) {
      if (user.phone === phone || tries <= 0) return showPhone(user)
      return new Promise(function (resolve) { window.setTimeout(resolve, 300) }).then(function () {
        return bound(phone, tries - 1)
      })
    })
  }

  api.selfInfo().then(showPhone, function (error) { api.say($message, error.message, false) })

  $send.on('click', function () {
    var phone = $.trim($('[name="phone"]').val())
    $send.prop('disabled', true)
    api.post('/wx/sms/get', { phone: phone }).then(function () {
      api.say($message, '验证码已发送，请查收短信', true)
      countDown(WAIT_SECONDS)
    }, function (error) {
      api.say($message, error.message, false)
      $send.prop('disabled', false)
    })
  })

  $('#submit').on('click', function () {
    var args = forms.collect($('#form'))
    var $button = $(this).prop('disabled', true)
    api.post('/wx/sms/check', args).then(function () {
      api.say($message, '手机验证成功', true)
      return bound(args.phone, 10).then(function () { window.location.href = 'index.html' })
    }).catch(function (error) {
      api.say($message, error.message, false)
    }).then(function () { $button.prop('disabled', false) })
  })
})(window, window.jQuery, window.api, window.forms)
