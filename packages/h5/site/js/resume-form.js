/*
 * A page that edits the resume's basic fields (`/wx/resume/opt`): its inputs are filled from the
 * resume, its photo slots show the saved photos, and #submit posts the inputs and the slots' ids
 * with `_id` from #resume_id. The refusal is shown beside the form; a success says so, then goes on.
 */
(function (window, $, api, forms, photos) {
  'use strict'

  function load ($form) {
    return Promise.all([api.selfInfo(), api.resume()]).then(function (answers) {
      var resume = answers[1] || { phone: answers[0].phone }
      if ($form.length) forms.fill($form, resume)
      forms.show($('.page'), resume)
      $('.p_mag .imgs').each(function () {
        photos.show($(this), resume[this.id], resume[this.id + '_url'])
      })
      return resume
    })
  }

  /** Binds the page: `next` is where a success goes (reload when absent), `argsOf` the post's args. */
  function resumeForm (options) {
    var $form = $('#form')
    var $message = $('#message')
    photos.bind(document)
    load($form).catch(function (error) { api.say($message, error.message, false) })
    $('#submit').on('click', function () {
      var $button = $(this).prop('disabled', true)
      photos.settled().then(function () {
        var args = forms.photoArgs($(document), $form.length ? forms.collect($form) : {})
        if (options.skipWhenEmpty && $.isEmptyObject(args)) return { skipped: true }
        var resumeId = $('#resume_id').text()
        if (resumeId) args._id = resumeId
        return api.post('/wx/resume/opt', args)
      }).then(function (json) {
        if (!json.skipped) api.say($message, options.done || '保存成功', true)
        if (json.resume_id) $('#resume_id').text(json.resume_id)
        window.setTimeout(function () {
          if (options.next) window.location.href = options.next
          else load($form)
        }, json.skipped ? 0 : 600)
      }).catch(function (error) {
        api.say($message, error.message, false)
      }).then(function () { $button.prop('disabled', false) })
    })
  }

  window.resumeForm = resumeForm
})(window, window.jQuery, window.api, window.forms, window.photos)
