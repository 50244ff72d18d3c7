/*
 * The profile (`/wx/self_info/update`): contact details, the business licence photo, and the
 * application for review as a sales person or agency (`checked` = 1, with the contact fields).
 */
(function (window, $, api, forms, photos, labels) {
  'use strict'

  var $form = $('#form')
  var $message = $('#message')

  function show (user) {
    forms.fill($form, user)
    photos.show($('#business_license_image'), user.business_license_image, user.business_license_image_url)
    var state = labels.text('checked', user.checked || 0)
    if (user.checked === -1 && user.reject_reason) state += '：' + user.reject_reason
    $('[data-field="checked_text"]').text(state)
    $('#apply').prop('disabled', user.checked === 1 || user.checked === 2)
      .text(user.checked === 1 ? '审核中' : user.checked === 2 ? '已通过审核' : '申请成为销售或中介')
  }

  function save (extra, done) {
    return photos.settled().then(function () {
      return api.post('/wx/self_info/update', $.extend(forms.photoArgs($form, forms.collect($form)), extra))
    }).then(function (json) {
      show(json.data)
      api.say($message, done, true)
    }, function (error) {
      api.say($message, error.message, false)
    })
  }

  photos.bind(document)
  api.selfInfo().then(show, function (error) { api.say($message, error.message, false) })
  $('#submit').on('click', function () { save({}, '保存成功') })
  $('#apply').on('click', function () { save({ checked: 1 }, '申请已提交，请等待审核') })
})(window, window.jQuery, window.api, window.forms, window.photos, window.labels)
