/* The home page: who the driver is, whether the phone is verified, how complete the resume is. */
(function ($, api, forms) {
  'use strict'

  // What a recruiter looks for first; each counts the same.
  var PARTS = [
    ['real_name', '姓名'], ['phone', '手机'], ['id_num', '身份证号'], ['head_image', '头像'],
    ['id_image_face', '身份证照片'], ['dl_image', '驾驶证'], ['rtqc_image', '从业资格证'], ['education', '学历'],
    ['expected_salary', '期望月薪'], ['work_history', '工作经历'], ['self_evaluation', '自我评价']
  ]

  function filled (value) {
    return value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0)
  }

  function showCompleteness (resume) {
    var missing = PARTS.filter(function (part) { return !resume || !filled(resume[part[0]]) })
    var percent = Math.round(100 * (PARTS.length - missing.length) / PARTS.length)
    $('#completeness').text(percent)
    $('#completeness_bar').css('width', percent + '%')
    $('#missing').text(missing.length ? '待完善：' + missing.map(function (part) { return part[1] }).join('、') : '简历已完整')
    $('[data-count]').each(function () {
      var list = resume ? resume[$(this).attr('data-count')] : []
      $(this).text(list && list.length ? list.length + ' 条' : '')
    })
  }

  Promise.all([api.selfInfo(), api.resume()]).then(function (answers) {
    var user = answers[0]
    forms.show($('.page'), { nick_name: user.nick_name || '微信用户', phone: user.phone || '未验证' })
    $('#phone_state').text(user.phone ? '手机 ' + user.phone + ' 已验证' : '手机未验证')
      .toggleClass('verified', !!user.phone)
    if (answers[1] && answers[1].head_image_url) $('#avatar').attr('src', answers[1].head_image_url)
    else if (user.head_img_url) $('#avatar').attr('src', user.head_img_url)
    showCompleteness(answers[1])
  }, function (error) {
    api.say($('#message'), error.message, false)
  })
})(window.jQuery, window.api, window.forms)
