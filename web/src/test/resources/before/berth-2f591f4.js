// Berth console: the little behaviour htmx does not cover. No inline scripts (CSP), no innerHTML
// with data: every log line is set with textContent.
(function () {
  'use strict';

  // ---- bulk selection ----
  document.addEventListener('change', function (e) {
    if (e.target && e.target.id === 'select-all') {
      document.querySelectorAll('input[name=ids][form=bulk]').forEach(function (box) {
        box.checked = e.target.checked;
      });
    }
  });

  // ---- log follow over SSE, batched and capped ----
  var follow = null;

  function logBox() { return document.getElementById('log'); }

  function maxLines() {
    var box = logBox();
    var n = box ? parseInt(box.getAttribute('data-max-lines'), 10) : 5000;
    return isNaN(n) ? 5000 : n;
  }

  function searchTerm() {
    var s = document.getElementById('log-search');
    return s ? s.value.toLowerCase() : '';
  }

  function lineElement(raw) {
    var div = document.createElement('div');
    div.className = raw.charAt(0) === 'e' ? 'ln err' : 'ln';
    div.textContent = raw.substring(1);
    return div;
  }

  function noteElement(text) {
    var div = document.createElement('div');
    div.className = 'ln note';
    div.textContent = text;
    return div;
  }

  function startFollow(button) {
    var url = button.getAttribute('data-url');
    var ts = document.getElementById('log-ts');
    if (ts && ts.checked) url += '?timestamps=on';
    var pending = [];
    var scheduled = false;
    var state = document.getElementById('follow-state');
    var source = new EventSource(url);

    function flush() {
      scheduled = false;
      var box = logBox();
      if (!box) return;
      var max = maxLines();
      // more than a page can keep: drop the oldest before touching the DOM at all
      if (pending.length > max) {
        var dropped = pending.length - max;
        pending = pending.slice(dropped);
        pending.unshift({ note: dropped + ' lines skipped (arriving faster than shown)' });
      }
      var batch = pending.splice(0, 2000);
      var term = searchTerm();
      var frag = document.createDocumentFragment();
      batch.forEach(function (item) {
        var el = item.note ? noteElement(item.note) : lineElement(item);
        if (term && el.textContent.toLowerCase().indexOf(term) < 0) el.classList.add('hide');
        frag.appendChild(el);
      });
      var atBottom = box.scrollTop + box.clientHeight >= box.scrollHeight - 40;
      box.appendChild(frag);
      var extra = box.childElementCount - max;
      while (extra-- > 0) box.removeChild(box.firstElementChild);
      if (atBottom) box.scrollTop = box.scrollHeight;
      if (pending.length) schedule();
    }

    function schedule() {
      if (!scheduled) {
        scheduled = true;
        window.requestAnimationFrame(flush);
      }
    }

    source.addEventListener('lines', function (e) {
      var msg = JSON.parse(e.data);
      if (msg.skipped > 0) pending.push({ note: msg.skipped + ' lines skipped (arriving faster than shown)' });
      for (var i = 0; i < msg.lines.length; i++) pending.push(msg.lines[i]);
      schedule();
    });
    source.addEventListener('following', function () {
      if (state) state.textContent = 'following';
      button.setAttribute('data-following', 'on');
    });
    source.addEventListener('refused', function (e) {
      if (state) state.textContent = e.data;
      stopFollow();
    });
    source.addEventListener('error', function () {
      if (source.readyState !== EventSource.CLOSED) return; // CONNECTING: the browser retries by itself
      stopFollow();
      explainRefusal(url, state);
    });
    follow = { source: source, button: button };
    button.textContent = 'Stop';
  }

  function stopFollow() {
    if (!follow) return;
    follow.source.close();
    follow.button.textContent = 'Follow';
    follow.button.removeAttribute('data-following');
    var state = document.getElementById('follow-state');
    if (state && state.textContent === 'following') state.textContent = '';
    follow = null;
  }

  document.addEventListener('click', function (e) {
    var t = e.target;
    if (t && t.id === 'log-follow') {
      e.preventDefault();
      if (follow) stopFollow(); else startFollow(t);
    }
  });
  window.addEventListener('pagehide', stopFollow);

  // ---- a refused live stream says why ----
  // EventSource cannot read an error answer's body. The same URL asked without the SSE Accept
  // header opens no stream and answers with the server's sentence when the login is at its
  // cap of live views (429); anything else (signed out, gone) is left to the usual handling.
  function explainRefusal(url, target) {
    if (!target || !window.fetch) return;
    window.fetch(url, { credentials: 'same-origin' }).then(function (r) {
      if (r.status !== 429) return;
      return r.text().then(function (text) {
        target.textContent = text;
        target.classList.add('refused');
      });
    }).catch(function () { /* offline: nothing more to say */ });
  }

  document.addEventListener('htmx:sseError', function (e) {
    var source = e.detail && e.detail.source;
    if (!source || source.readyState !== EventSource.CLOSED) return;
    explainRefusal(source.url, e.target.querySelector('#live, .status'));
  });
  document.addEventListener('htmx:sseOpen', function (e) {
    var note = e.target.querySelector('.refused');
    if (note) note.classList.remove('refused');
  });

  // ---- search within the lines in the page ----
  function applySearch() {
    var term = searchTerm();
    var box = logBox();
    if (!box) return;
    box.querySelectorAll('.ln').forEach(function (ln) {
      var hit = !term || ln.textContent.toLowerCase().indexOf(term) >= 0;
      ln.classList.toggle('hide', !hit);
    });
  }

  // ---- download link follows the logs form ----
  function updateDownload() {
    var a = document.getElementById('log-download');
    if (!a) return;
    var q = new URLSearchParams();
    var tail = document.getElementById('log-tail');
    var since = document.getElementById('log-since');
    var ts = document.getElementById('log-ts');
    if (tail && tail.value) q.set('tail', tail.value);
    if (since && since.value) q.set('since', since.value);
    if (ts && ts.checked) q.set('timestamps', 'on');
    a.setAttribute('href', a.getAttribute('data-base') + '?' + q.toString());
  }

  document.addEventListener('input', function (e) {
    if (!e.target) return;
    if (e.target.id === 'log-search') applySearch();
    if (e.target.id === 'log-tail' || e.target.id === 'log-since' || e.target.id === 'log-ts') updateDownload();
  });
  document.addEventListener('change', function (e) {
    if (e.target && e.target.id === 'log-ts') updateDownload();
  });

  document.addEventListener('htmx:afterSwap', function (e) {
    if (e.target && e.target.id === 'log') {
      applySearch();
      e.target.scrollTop = e.target.scrollHeight;
    }
  });

  // ---- keyboard: Escape cancels a dialog or hides command output; "/" focuses the command bar ----
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') {
      var cancel = document.getElementById('confirm-cancel');
      if (cancel) { cancel.click(); return; }
      var out = document.getElementById('cmd-out');
      if (out) out.textContent = '';
    }
    if (e.key === '/' && document.activeElement === document.body) {
      var cmd = document.getElementById('cmd-text');
      if (cmd) { e.preventDefault(); cmd.focus(); }
    }
  });
})();
