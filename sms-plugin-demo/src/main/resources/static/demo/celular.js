// The phone refreshes its conversation every few seconds, as a phone shows a new SMS without being asked.
(function () {
  var box = document.getElementById('conversa');
  if (!box || !/numero=./.test(box.getAttribute('data-refresh'))) {
    return;
  }
  function refresh() {
    fetch(box.getAttribute('data-refresh'), { headers: { 'Accept': 'text/html' }, credentials: 'same-origin' })
      .then(function (answer) { return answer.ok ? answer.text() : null; })
      .then(function (html) {
        if (html !== null && html !== box.innerHTML) {
          box.innerHTML = html;
        }
      })
      .catch(function () { /* offline for a moment: the next round tries again */ });
  }
  setInterval(refresh, 2000);
})();
