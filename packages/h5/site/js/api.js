/*
 * The /wx API as the seed's pages call it: `$.post(url, args)` and `JSON.parse` of the answer,
 * which is JSON text (text/plain unless the request asks for JSON). A refusal is the envelope's
 * Chinese `message`; a 401 sends the browser to the WeChat login, which brings it back here.
 */
(function (window, $) {
  'use strict'

  var NETWORK_FAILURE = '网络异常，请稍后再试'

  function loginUrl () {
    return '/wx/auth/login?redirect=' + encodeURIComponent(window.location.pathname + window.location.search)
  }

  function envelopeOf (text) {
    try {
      var json = JSON.parse(text)
      return json && typeof json.message === 'string' ? json : { message: NETWORK_FAILURE }
    } catch {
      return { message: NETWORK_FAILURE }
    }
  }

  /** Resolves with the answer when its message is "success", rejects with an Error carrying the reason. */
  function settle (request) {
    return new Promise(function (resolve, reject) {
      request.done(function (resp) {
        var json = envelopeOf(resp)
        if (json.message === 'success') resolve(json)
        else reject(Object.assign(new Error(json.message), { code: json.code }))
      }).fail(function (xhr) {
        // The page is leaving for the login: nothing settles.
        if (xhr.status === 401) {
          window.location.href = loginUrl()
          return
        }
        var json = envelopeOf(xhr.responseText)
        reject(Object.assign(new Error(json.message), { code: json.code }))
      })
    })
  }

  /** A form post, as jQuery encodes it (`a[]=1&a[]=2`, `a[0][]=x`). */
  function post (url, args) {
    return settle($.ajax({ type: 'POST', url: url, data: args || {}, dataType: 'text' }))
  }

  /** A multipart post of one file (the direct photo upload). */
  function upload (url, file) {
    var body = new FormData()
    body.append('file', file)
    var request = { type: 'POST', url: url, data: body, processData: false, contentType: false, dataType: 'text' }
    return settle($.ajax(request))
  }

  /** Shows a refusal (or a success) in the page's message box, next to the form. */
  function say ($box, text, ok) {
    $box.text(text).toggleClass('msg_ok', !!ok).toggleClass('msg_error', !ok).prop('hidden', false)
  }

  /** The profile: the resume id goes into the page's hidden `#resume_id`, as the seed's pages hold it. */
  function selfInfo () {
    return post('/wx/self_info/view').then(function (json) {
      $('#resume_id').text(json.data.resume_id || '')
      return json.data
    })
  }

  /** The resume, or null before the driver has saved one. */
  function resume () {
    return post('/wx/resume/view').then(function (json) {
      return json.data
    }, function (error) {
      if (error.code === 'RESUMES_NO_RESUME') return null
      throw error
    })
  }

  window.api = { post: post, upload: upload, say: say, selfInfo: selfInfo, resume: resume, loginUrl: loginUrl }
})(window, window.jQuery)
