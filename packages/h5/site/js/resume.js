/* The whole resume, read only, each part with a link to its page. */
(function ($, api, labels) {
  'use strict'

  function fieldRows (fields, resume) {
    return fields.map(function (field) {
      var value = labels.text(field, resume[field])
      return $('<div class="field">')
        .append($('<dt>').text(labels.FIELDS[field]))
        .append($('<dd>').attr('data-field', field).text(value || '未填写').toggleClass('blank', !value))
    })
  }

  function itemRows (list, items) {
    if (!items || items.length === 0) return [$('<p class="empty">').text('暂无')]
    return items.map(function (item) {
      var summary = labels.summary(list, item)
      var $row = $('<div class="weui-cell item">').attr('data-id', item._id)
      if (item.image_url) $row.append($('<img class="item__image" alt="">').attr('src', item.image_url))
      return $row.append($('<div class="weui-cell__bd">')
        .append($('<p class="item__title">').text(summary[0]))
        .append($('<p class="weui-cell__desc">').text(summary[1])))
    })
  }

  Promise.all([api.selfInfo(), api.resume()]).then(function (answers) {
    var resume = answers[1]
    if (!resume) {
      $('#resume').prop('hidden', true)
      $('#no_resume').prop('hidden', false)
      return
    }
    $('[data-field="update_date"]').text(resume.update_date || '—')
    if (resume.head_image_url) $('#head_image_view').attr('src', resume.head_image_url)
    $('[data-photo]').each(function () {
      var url = resume[$(this).attr('data-photo')]
      if (url) $(this).attr('src', url).addClass('saved')
    })
    $('dl.fields').each(function () {
      $(this).append(fieldRows($(this).attr('data-fields').split(' '), resume))
    })
    $('[data-items]').each(function () {
      var list = $(this).attr('data-items')
      $(this).append(itemRows(list, resume[list]))
    })
  }, function (error) {
    api.say($('#message'), error.message, false)
  })
})(window.jQuery, window.api, window.labels)
