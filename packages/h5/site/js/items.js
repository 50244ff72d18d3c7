/*
 * A list page of the resume's items (`/wx/resume/extend`): the list, each item with `data-id`, an edit
 * link (`?id=<item id>`) and a `.delete` control; below it the form, which adds an item or, with
 * `?id=`, edits that one. `kind` is the seed's operation suffix (work → add_work, w_id).
 */
(function (window, $, api, forms, photos, labels) {
  'use strict'

  function itemsPage (options) {
    var page = window.location.pathname.split('/').pop()
    var editing = forms.query('id')
    var $form = $('#form')
    var $message = $('#message')
    var $items = $('#items')

    function extend (opt, args) {
      args.resume_id = $('#resume_id').text()
      args.opt = opt + '_' + options.kind
      return api.post('/wx/resume/extend', args)
    }

    function row (item) {
      var summary = labels.summary(options.list, item)
      var $row = $('<div class="weui-cell item">').attr('data-id', item._id)
      if (item.image_url) $row.append($('<img class="item__image" alt="">').attr('src', item.image_url))
      return $row
        .append($('<div class="weui-cell__bd">')
          .append($('<p class="item__title">').text(summary[0]))
          .append($('<p class="weui-cell__desc">').text(summary[1])))
        .append($('<div class="weui-cell__ft item__actions">')
          .append($('<a class="edit">').attr('href', page + '?id=' + encodeURIComponent(item._id)).text('编辑'))
          .append($('<button type="button" class="delete">').text('删除')))
    }

    function show (resume) {
      var items = (resume && resume[options.list]) || []
      $items.empty().append(items.map(row))
      $('#empty').prop('hidden', items.length > 0)
      if (!editing) return
      var item = items.filter(function (candidate) { return candidate._id === editing })[0]
      if (!item) {
        api.say($message, '该' + options.noun + '不存在或已删除', false)
        return
      }
      $('#form_title').text('编辑' + options.noun)
      $('#cancel_area').prop('hidden', false)
      forms.fill($form, item)
      photos.show($('#image_id'), item.image_id, item.image_url)
    }

    photos.bind(document)
    Promise.all([api.selfInfo(), api.resume()]).then(function (answers) {
      show(answers[1])
    }).catch(function (error) { api.say($message, error.message, false) })

    $('#submit').on('click', function () {
      var $button = $(this).prop('disabled', true)
      photos.settled().then(function () {
        var args = forms.photoArgs($form.parent(), forms.collect($form))
        if (editing) args[options.idName] = editing
        return extend(editing ? 'update' : 'add', args)
      }).then(function () {
        api.say($message, '保存成功', true)
        window.setTimeout(function () { window.location.href = page }, 600)
      }).catch(function (error) {
        api.say($message, error.message, false)
      }).then(function () { $button.prop('disabled', false) })
    })

    $items.on('click', '.delete', function () {
      var $row = $(this).closest('[data-id]')
      if (!window.confirm('确定删除这条' + options.noun + '吗？')) return
      var args = {}
      args[options.idName] = $row.attr('data-id')
      extend('delete', args).then(function () {
        $row.remove()
        $('#empty').prop('hidden', $items.children().length > 0)
        api.say($message, '已删除', true)
      }, function (error) { api.say($message, error.message, false) })
    })
  }

  window.itemsPage = itemsPage
})(window, window.jQuery, window.api, window.forms, window.photos, window.labels)
