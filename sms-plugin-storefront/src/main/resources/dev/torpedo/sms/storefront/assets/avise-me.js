// Torpedo "Avise-me": a phone mask and an in-place answer; the form works without it.
(function () {
  'use strict';
  var mask = function (value) {
    var digits = value.replace(/\D/g, '');
    if (digits.indexOf('55') === 0 && digits.length > 11) { digits = digits.substring(2); }
    digits = digits.substring(0, 11);
    if (digits.length <= 2) { return digits.length ? '(' + digits : ''; }
    var ddd = '(' + digits.substring(0, 2) + ') ';
    var rest = digits.substring(2);
    if (rest.length <= 4) { return ddd + rest; }
    var split = rest.length > 8 ? 5 : 4;
    return ddd + rest.substring(0, split) + '-' + rest.substring(split);
  };
  document.querySelectorAll('[data-torpedo-phone-mask]').forEach(function (input) {
    input.addEventListener('input', function () { input.value = mask(input.value); });
  });
  document.querySelectorAll('form[data-torpedo-alert]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var body = new URLSearchParams(new FormData(form));
      body.set('formato', 'json');
      var section = form.closest('.torpedo-alert');
      var result = section.querySelector('.torpedo-alert-result');
      fetch(form.action, { method: 'POST', body: body, credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
        .then(function (response) { return response.json(); })
        .then(function (answer) {
          ['celular', 'consentimento'].forEach(function (name) {
            var field = form.querySelector('#torpedo-alert-' + name);
            var error = form.querySelector('#torpedo-alert-' + name + '-error');
            var key = name === 'celular' ? 'phone' : 'consent';
            var message = answer.errors && answer.errors[key];
            error.hidden = !message;
            error.textContent = message || '';
            if (message) { field.setAttribute('aria-invalid', 'true'); } else { field.removeAttribute('aria-invalid'); }
            field.closest('.torpedo-alert-field').classList.toggle('torpedo-alert-field--error', !!message);
          });
          if (answer.status === 'INVALID') {
            var first = form.querySelector('[aria-invalid=true]');
            if (first) { first.focus(); }
            return;
          }
          result.textContent = answer.message;
          if (answer.status !== 'INVALID') { form.remove(); section.querySelector('p') && section.querySelector('p').remove(); }
        })
        .catch(function () { form.submit(); });
    });
  });
})();
