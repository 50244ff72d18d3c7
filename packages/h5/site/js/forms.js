/*
 * Forms whose inputs are named as the model's fields: filling them from an answer and reading them
 * into the args of a post. Text is sent as typed (blank clears it); a blank select, number or date
 * is sent blank too, which the API reads as "not given" (a date: removed). A field with
 * `data-list="numbers"` (expected_salary) is its inputs' values as a list; `data-list="routes"` is
 * one route a line, its cities split at spaces or commas.
 */
(function (window, $) {
  'use strict'

  function routesToText (routes) {
    return (routes || []).map(function (route) { return route.join(' ') }).join('\n')
  }

  function textToRoutes (text) {
    return text.split('\n').map(function (line) {
      return line.split(/[\s,，、]+/).filter(Boolean)
    }).filter(function (route) { return route.length > 0 })
  }

  /** Puts the record's values into the inputs of the same name. */
  function fill ($form, record) {
    $form.find('[name]').each(function () {
      var $input = $(this)
      var name = $input.attr('name')
      var value = record[name]
      if ($input.attr('data-list') === 'numbers') {
        var index = $form.find('[name="' + name + '"]').index(this)
        $input.val(value && value[index] !== undefined ? String(value[index]) : '')
      } else if ($input.attr('data-list') === 'routes') {
        $input.val(routesToText(value))
      } else {
        $input.val(value === undefined || value === null ? '' : String(value))
      }
    })
  }

  /** The inputs' values as the args of a post. */
  function collect ($form) {
    var args = {}
    $form.find('[name]').each(function () {
      var $input = $(this)
      var name = $input.attr('name')
      var value = $.trim(String($input.val() || ''))
      if ($input.attr('data-list') === 'numbers') {
        args[name] = args[name] || []
        if (value !== '') args[name].push(value)
      } else if ($input.attr('data-list') === 'routes') {
        var routes = textToRoutes(value)
        if (routes.length > 0) args[name] = routes
      } else {
        args[name] = value
      }
    })
    // jQuery leaves an empty list out of the body: "not given".
    return args
  }

  /** The photo slots' kept ids (`data-id`) as args. */
  function photoArgs ($root, args) {
    $root.find('.p_mag .imgs').each(function () {
      var id = $(this).attr('data-id')
      if (id) args[this.id] = id
    })
    return args
  }

  /** Shows derived values (never edited) in the `[data-field]` elements. */
  function show ($root, record) {
    $root.find('[data-field]').each(function () {
      var field = $(this).attr('data-field')
      var value = record[field]
      $(this).text(window.labels ? window.labels.text(field, value) : (value === undefined ? '' : String(value)))
    })
  }

  /** Reads a query parameter of this page's address. */
  function query (name) {
    return new window.URLSearchParams(window.location.search).get(name)
  }

  window.forms = { fill: fill, show: show, collect: collect, photoArgs: photoArgs, query: query }
})(window, window.jQuery)
