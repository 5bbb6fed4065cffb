/*
 * cxmeter survey widget. Embed with
 *   <script src="https://API/widget/v1/widget.js" data-survey="PUBLIC_KEY" async></script>
 * Optional: data-locale="lt-LT" (else the browser's language), data-customer="C-42",
 * data-target="#feedback" (a CSS selector; else the widget appears right after the script tag),
 * data-preview (the console's preview: always shown, nothing is recorded or sent).
 * Plain JavaScript in a Shadow DOM: no dependencies, no inline script or style, no eval, so it runs
 * under a strict Content-Security-Policy (script-src and connect-src must allow the API's origin).
 */
(function () {
  'use strict';
  var script = document.currentScript;
  var key = script && script.getAttribute('data-survey');
  if (!key) return;
  var api = new URL('../../public/v1/surveys/' + encodeURIComponent(key), script.src).href;
  var locale = script.getAttribute('data-locale') || navigator.language || 'en';
  var customer = script.getAttribute('data-customer');
  var preview = script.hasAttribute('data-preview');
  var askedKey = 'cxmeter:asked:' + key;

  var store = {
    get: function (k) { try { return localStorage.getItem(k); } catch (e) { return null; } },
    set: function (k, v) { try { localStorage.setItem(k, v); } catch (e) { /* storage off: ask anyway */ } }
  };
  var visitor = store.get('cxmeter:visitor');
  if (!visitor) {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    visitor = Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join('');
    store.set('cxmeter:visitor', visitor);
  }

  var impression = null;
  var query = '?locale=' + encodeURIComponent(locale) + '&visitorId=' + visitor
    + (customer ? '&customerId=' + encodeURIComponent(customer) : '');
  fetch(api + query, { credentials: 'omit' })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (config) {
      if (!config) return;
      if (preview) {
        render(config);
        return;
      }
      if (!config.ask) return;
      var last = Number(store.get(askedKey)) || 0;
      if (config.minDaysBetweenAsks && Date.now() - last < config.minDaysBetweenAsks * 864e5) return;
      store.set(askedKey, String(Date.now()));
      render(config);
      // Shown: the response rate counts the showing, and the answer given in it names it.
      send('POST', '/impressions', customer ? { locale: config.locale, visitorId: visitor, customerId: customer }
        : { locale: config.locale, visitorId: visitor })
        .then(function (receipt) { impression = receipt.id; }, function () { /* counted or not, the widget works */ });
    })
    .catch(function () { /* the survey is unavailable: show nothing */ });

  var CSS = ':host{all:initial;display:block;contain:content}'
    + '*{box-sizing:border-box}'
    + '.w{position:relative;font:15px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330;'
    + 'background:#fff;border:1px solid #d5d9e0;border-radius:12px;padding:16px 20px;max-width:560px;'
    + 'box-shadow:0 2px 12px rgba(0,0,0,.08)}'
    + 'fieldset{border:0;margin:0;padding:0;min-width:0}'
    + 'legend,.q{font-weight:600;margin:0 24px 12px 0;padding:0;display:block}'
    + '.s{display:flex;flex-wrap:wrap;gap:6px}'
    + '.o{position:relative;flex:1 0 36px}'
    + '.o input{position:absolute;opacity:0;width:100%;height:100%;margin:0;cursor:pointer}'
    + '.o span{display:block;text-align:center;padding:8px 0;border:1px solid #b9c0cc;border-radius:8px;background:#f6f7f9}'
    + '.o input:checked+span{background:#2156d9;border-color:#2156d9;color:#fff}'
    + '.o input:focus-visible+span,button:focus-visible,textarea:focus-visible{outline:3px solid #f0a500;outline-offset:2px}'
    + '.e{display:flex;justify-content:space-between;font-size:13px;color:#5b6473;margin-top:6px}'
    + 'textarea{width:100%;min-height:80px;font:inherit;padding:8px;border:1px solid #b9c0cc;border-radius:8px}'
    + '.a{display:flex;gap:8px;margin-top:12px}'
    + 'button{font:inherit;padding:8px 16px;border-radius:8px;border:1px solid #2156d9;background:#2156d9;color:#fff;cursor:pointer}'
    + 'button[disabled]{opacity:.5;cursor:default}'
    + '.k{background:#fff;color:#2156d9}'
    + '.x{position:absolute;top:8px;right:8px;padding:2px 8px;border:0;background:transparent;color:#5b6473;font-size:20px;line-height:1}'
    + '.r{color:#b00020;margin:8px 0 0}'
    + '.t{margin:0;font-weight:600}';

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value == null || value === false) return;
      if (name === 'text') node.textContent = value;
      else if (name.slice(0, 2) === 'on') node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? '' : value);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function send(method, path, body) {
    if (preview) return Promise.resolve({ id: 'preview', score: body.score });
    return fetch(api + path, {
      method: method, credentials: 'omit',
      headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
    }).then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.json();
    });
  }

  function render(config) {
    var words = config.words;
    var host = el('div', { 'data-cxmeter-survey': key });
    var target = script.getAttribute('data-target') && document.querySelector(script.getAttribute('data-target'));
    if (target) target.appendChild(host);
    else if (script.parentNode && script.parentNode !== document.head) script.parentNode.insertBefore(host, script.nextSibling);
    else document.body.appendChild(host);
    var root = host.attachShadow({ mode: 'open' });
    try {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } catch (e) {
      root.appendChild(el('style', { text: CSS }));
    }
    var box = el('div', { 'class': 'w', lang: config.locale, role: 'region', 'aria-labelledby': 'q' });
    root.appendChild(box);
    box.appendChild(el('button', { type: 'button', 'class': 'x', 'aria-label': words.close, text: '\u00d7',
      onclick: function () { host.remove(); } }));
    var step = el('div');
    box.appendChild(step);

    function show(nodes, focus) {
      step.replaceChildren.apply(step, nodes);
      if (focus) focus.focus();
    }

    function error(form, button) {
      var alert = form.querySelector('.r') || form.appendChild(el('p', { 'class': 'r', role: 'alert' }));
      alert.textContent = words.failed;
      button.disabled = false;
    }

    function thanks() {
      var done = el('p', { 'class': 't', role: 'status', tabindex: '-1', text: words.thanks });
      show([done], done);
    }

    function commentStep(answer) {
      var text = el('textarea', { id: 'c', name: 'comment', maxlength: '5000' });
      var submit = el('button', { type: 'submit', text: words.send });
      var form = el('form', { onsubmit: function (event) {
        event.preventDefault();
        if (!text.value.trim()) return thanks();
        submit.disabled = true;
        send('PATCH', '/responses/' + encodeURIComponent(answer.id), { comment: text.value })
          .then(thanks, function () { error(form, submit); });
      } }, [
        el('label', { 'for': 'c', 'class': 'q', id: 'q', text: config.followUpQuestion }), text,
        el('div', { 'class': 'a' }, [submit,
          el('button', { type: 'button', 'class': 'k', text: words.skip, onclick: thanks })])
      ]);
      show([form], text);
    }

    var radios = [];
    var submit = el('button', { type: 'submit', disabled: true, text: words.send });
    for (var score = config.scale.min; score <= config.scale.max; score++) {
      var input = el('input', { type: 'radio', name: 'score', value: String(score),
        'aria-describedby': score === config.scale.min ? 'lo' : score === config.scale.max ? 'hi' : null,
        onchange: function () { submit.disabled = false; } });
      radios.push(el('label', { 'class': 'o' }, [input, el('span', { text: String(score) })]));
    }
    var form = el('form', { onsubmit: function (event) {
      event.preventDefault();
      var chosen = form.querySelector('input:checked');
      if (!chosen) return;
      submit.disabled = true;
      var answer = { score: Number(chosen.value), locale: locale, visitorId: visitor };
      if (customer) answer.customerId = customer;
      if (impression) answer.impressionId = impression;
      send('POST', '/responses', answer).then(function (receipt) {
        if (config.followUpQuestion) commentStep(receipt);
        else thanks();
      }, function () { error(form, submit); });
    } }, [
      el('fieldset', {}, [
        el('legend', { id: 'q', text: config.question }),
        el('div', { 'class': 's', role: 'radiogroup', 'aria-labelledby': 'q' }, radios),
        el('div', { 'class': 'e' }, [el('span', { id: 'lo', text: config.low }), el('span', { id: 'hi', text: config.high })])
      ]),
      el('div', { 'class': 'a' }, [submit])
    ]);
    show([form]);
  }
})();
