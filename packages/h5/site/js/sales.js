/*
 * A sales person's or agency's page: once approved, their QR code (drivers who follow the official
 * account through it are attributed to them) and the drivers attributed to them
 * (`/wx/sales/drivers`); before that, the state of their application and the way to apply.
 */
(function (window, $, api, labels) {
  'use strict'

  var PAGE_SIZE = 20
  var $message = $('#message')
  var shown = 0
  var pageNo = 0

  function showApplication (user) {
    var checked = user.checked || 0
    $('[data-field="checked_text"]').text(labels.text('checked', checked))
    var rejected = checked === -1 && !!user.reject_reason
    $('[data-field="reject_row"]').prop('hidden', !rejected)
    $('[data-field="reject_reason"]').text(rejected ? user.reject_reason : '')
    var link = checked === 1 ? '查看申请资料' : checked === -1 ? '修改资料并重新申请' : '填写资料并申请'
    $('[data-field="apply_link"]').text(link)
    $('#application').prop('hidden', false)
  }

  /** One driver as a cell: built with text(), never HTML from the answer. */
  function driverCell (driver) {
    var $cell = $('<div class="weui-cell driver"></div>')
    var $body = $('<div class="weui-cell__bd"></div>')
    $body.append($('<p class="driver__name"></p>').text(driver.real_name || driver.nick_name || '未填写姓名'))
    var years = labels.text('driving_experience', driver.driving_experience)
    var facts = [driver.phone, driver.dl_license_class, years && '驾龄' + years]
    if (driver.want_job !== undefined) facts.push(labels.text('want_job', driver.want_job))
    $body.append($('<p class="driver__facts"></p>').text(facts.filter(Boolean).join(' · ')))
    var $foot = $('<div class="weui-cell__ft driver__foot"></div>')
    $foot.append($('<span></span>').text(driver.subscribe === 1 ? '已关注' : '已取消关注'))
    $foot.append($('<span class="driver__time"></span>').text(driver.relate_time || ''))
    return $cell.append($body, $foot)
  }

  function loadDrivers () {
    $('#more').prop('disabled', true)
    return api.post('/wx/sales/drivers', { page_no: pageNo + 1, page_size: PAGE_SIZE }).then(function (json) {
      pageNo = json.page_no
      json.data.forEach(function (driver) { $('#drivers').append(driverCell(driver)) })
      shown += json.data.length
      $('[data-field="total"]').text('共 ' + json.total + ' 人')
      if (json.total === 0) {
        $('#drivers').append($('<div class="weui-cell derived"></div>').text('还没有司机通过您的二维码关注'))
      }
      $('#more').prop('hidden', shown >= json.total).prop('disabled', false)
    }, function (error) {
      api.say($message, error.message, false)
    })
  }

  function show (user) {
    if (user.checked !== 2 || !user.relate_image) return showApplication(user)
    $('#relate_image').attr('src', user.relate_image)
    $('[data-field="name"]').text(user.name || '')
    $('#approved').prop('hidden', false)
    return loadDrivers()
  }

  api.selfInfo().then(show, function (error) { api.say($message, error.message, false) })
  $('#more').on('click', loadDrivers)
})(window, window.jQuery, window.api, window.labels)
