// Torpedo SMS admin: small improvements over plain forms that work without it.
(function () {
  'use strict';
  // Live preview: as the merchant types the sender or the contact, ask the server for the preview again.
  var preview = document.getElementById('torpedo-preview');
  if (preview) {
    var sender = document.getElementById('torpedo-remetente');
    var contact = document.getElementById('torpedo-contato');
    var timer = null;
    var refresh = function () {
      var url = preview.getAttribute('data-preview-url') + '?remetente=' + encodeURIComponent(sender.value)
          + '&contato=' + encodeURIComponent(contact.value);
      fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) { if (html !== null) { preview.innerHTML = html; } })
        .catch(function () { /* the "Atualizar prévia" button still works */ });
    };
    [sender, contact].forEach(function (input) {
      if (input) {
        input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(refresh, 300); });
      }
    });
  }
  // An error summary takes the focus, so that keyboard and screen-reader users hear what to fix.
  var summary = document.querySelector('.torpedo-error-summary');
  if (summary) { summary.focus(); }
})();
