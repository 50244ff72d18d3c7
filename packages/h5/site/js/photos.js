/*
 * Photo slots: `.p_mag[data-table] > img.imgs#<field>`. Tapping a slot picks a photo and uploads it;
 * the answer's id and url are kept on the img as `data-id` / `data-url` (the seed's chose_and_upload),
 * for the page's #submit to save. Inside WeChat the JS-SDK picks and uploads the photo and our server
 * fetches it from WeChat (`/wx/auto_download/<table>`); elsewhere a file input posts it to
 * `/wx/resume_image/save/<table>`. Both answer the same id and url.
 */
(function (window, $) {
  'use strict'

  var JSSDK_URL = 'https://res.wx.qq.com/open/js/jweixin-1.6.0.js'
  var ua = window.navigator.userAgent
  var inWechat = /MicroMessenger/i.test(ua)
  // iOS's WKWebView does not render a localId in <img>; getLocalImgData gives its bytes instead.
  var localIdsDoNotRender = /iPhone|iPad|iPod/i.test(ua)
  var inFlight = []
  var ready

  function loadScript (src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement('script')
      script.src = src
      script.onload = resolve
      script.onerror = function () { reject(new Error('微信接口加载失败，请稍后再试')) }
      document.head.appendChild(script)
    })
  }

  /** The JS-SDK, configured for this page (once). */
  function wechat () {
    ready = ready || loadScript(JSSDK_URL).then(function () {
      return window.api.post('/wx/jssdk/config', { url: window.location.href.split('#')[0] })
    }).then(function (json) {
      return new Promise(function (resolve, reject) {
        window.wx.config({
          debug: false,
          appId: json.appId,
          timestamp: json.timestamp,
          nonceStr: json.nonceStr,
          signature: json.signature,
          jsApiList: ['chooseImage', 'uploadImage', 'getLocalImgData']
        })
        window.wx.ready(function () { resolve(window.wx) })
        window.wx.error(function (res) { reject(new Error('微信接口配置失败：' + (res && res.errMsg))) })
      })
    })
    ready.catch(function () { ready = undefined })
    return ready
  }

  function preview ($img, wx, localId) {
    if (!localIdsDoNotRender) {
      $img.attr('src', localId)
      return
    }
    wx.getLocalImgData({
      localId: localId,
      success: function (res) {
        var data = res.localData
        $img.attr('src', data.indexOf('data:') === 0 ? data : 'data:image/jpeg;base64,' + data)
      }
    })
  }

  /** chooseImage → uploadImage → our download of the serverId: the seed's chose_and_upload. */
  function viaWechat ($img, table) {
    return wechat().then(function (wx) {
      return new Promise(function (resolve, reject) {
        wx.chooseImage({
          count: 1,
          sizeType: ['original', 'compressed'],
          sourceType: ['album', 'camera'],
          cancel: function () { resolve(null) },
          fail: function (res) { reject(new Error('选择图片失败：' + (res && res.errMsg))) },
          success: function (res) {
            var localId = res.localIds[0]
            preview($img, wx, localId)
            wx.uploadImage({
              localId: localId,
              isShowProgressTips: 1,
              fail: function (res) { reject(new Error('上传到微信失败：' + (res && res.errMsg))) },
              success: function (res) {
                var field = $img.attr('id')
                var args = { server_id: res.serverId, table_name: table, field_name: field, db: 'mongo_db2' }
                window.api.post('/wx/auto_download/' + table, args).then(function (json) {
                  resolve({ id: json[field], url: json[field + '_url'] })
                }, reject)
              }
            })
          }
        })
      })
    })
  }

  /** A file input and a multipart post. */
  function viaFile ($img, table, file) {
    var previewUrl = window.URL.createObjectURL(file)
    $img.attr('src', previewUrl)
    var url = '/wx/resume_image/save/' + table + '?field_name=' + encodeURIComponent($img.attr('id'))
    return window.api.upload(url, file).then(function (json) {
      window.URL.revokeObjectURL(previewUrl)
      $img.attr('src', json.url)
      return { id: json.id, url: json.url }
    })
  }

  function track ($slot, $img, promise) {
    $slot.addClass('uploading')
    var done = promise.then(function (saved) {
      if (saved) $img.attr('data-id', saved.id).attr('data-url', saved.url)
    }, function (error) {
      window.api.say($('#message'), error.message, false)
    }).then(function () { $slot.removeClass('uploading') })
    inFlight.push(done)
  }

  /** Makes every `.p_mag` under `root` a photo slot. */
  function bind (root) {
    $(root).find('.p_mag').each(function () {
      var $slot = $(this)
      var $img = $slot.find('.imgs')
      var table = $slot.attr('data-table')
      if (inWechat) {
        $slot.on('click', function () { track($slot, $img, viaWechat($img, table)) })
        return
      }
      var $input = $('<input type="file" accept="image/*" hidden>').appendTo($slot)
      $input.on('click', function (event) { event.stopPropagation() })
      $input.on('change', function () {
        var file = this.files && this.files[0]
        this.value = ''
        if (file) track($slot, $img, viaFile($img, table, file))
      })
      $slot.on('click', function () { $input[0].click() })
    })
  }

  /** Shows a saved photo in its slot, with its id and url kept for the next save. */
  function show ($img, id, url) {
    if (!id) return
    $img.attr('data-id', id).attr('data-url', url).attr('src', url)
  }

  /** Resolves when every upload started so far has ended. */
  function settled () {
    return Promise.all(inFlight)
  }

  window.photos = { bind: bind, show: show, settled: settled, inWechat: inWechat }
})(window, window.jQuery)
