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

  // ---- log follow over SSE, batched per animation frame and capped ----
  // A burst (100,000 lines at once) must never stall the page: the server already sends at most
  // logLinesKept lines per 100 ms; here each animation frame adds at most FRAME_LINES lines and
  // stops early once FRAME_BUDGET_MS are spent, so one frame's work is small whatever arrives.
  // Followed lines go into chunks of CHUNK_LINES: the oldest are trimmed a whole chunk at a time,
  // and off-screen chunks skip layout and paint (content-visibility in berth.css).
  var FRAME_LINES = 200;
  var FRAME_BUDGET_MS = 4;
  var CHUNK_LINES = 200;
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

  // text only, never markup: a container's output is set with textContent
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

  function skippedNote(n) { return { note: n + ' lines skipped (arriving faster than shown)', skipped: n }; }

  // Lines in the view: loaded ones are direct children of #log, followed ones sit in chunks.
  function linesIn(el) { return el.classList.contains('chunk') ? el.childElementCount : 1; }

  function countLines(box) {
    var n = 0;
    for (var el = box.firstElementChild; el; el = el.nextElementSibling) n += linesIn(el);
    return n;
  }

  // Drops the oldest lines beyond max: whole chunks while they fit, then single lines.
  function trim(box, shown, max) {
    while (shown > max && box.firstElementChild) {
      var first = box.firstElementChild;
      var n = linesIn(first);
      if (n <= shown - max || n === 0) {
        box.removeChild(first);
        shown -= n;
      } else if (first.classList.contains('chunk')) {
        while (shown > max && first.firstElementChild) {
          first.removeChild(first.firstElementChild);
          shown--;
        }
      }
    }
    return shown;
  }

  function startFollow(button) {
    var url = button.getAttribute('data-url');
    var ts = document.getElementById('log-ts');
    if (ts && ts.checked) url += (url.indexOf('?') < 0 ? '?' : '&') + 'timestamps=on'; // the URL may carry ?context=
    var pending = [];
    var scheduled = false;
    var box = logBox();
    var shown = box ? countLines(box) : 0;
    var atBottom = true;
    var state = document.getElementById('follow-state');
    var source = new EventSource(url);

    // Where the reader is, learnt when they scroll (layout is fresh then), so appending never
    // has to read the box's geometry before writing it.
    function onScroll() {
      var b = logBox();
      if (b) atBottom = b.scrollTop + b.clientHeight >= b.scrollHeight - 40;
    }
    if (box) box.addEventListener('scroll', onScroll, { passive: true });

    // Keeps what waits for a frame within what the view can keep (a hidden tab gets no frames):
    // the oldest go, and one marker in their place says how many, earlier markers included.
    function capPending() {
      var max = maxLines();
      if (pending.length <= max) return;
      var cut = pending.length - (max - 1);
      var dropped = 0;
      for (var i = 0; i < cut; i++) dropped += pending[i].note ? pending[i].skipped : 1;
      pending = pending.slice(cut);
      pending.unshift(skippedNote(dropped));
    }

    function lastChunk(b) {
      var c = b.lastElementChild;
      if (c && c.classList.contains('chunk') && c.childElementCount < CHUNK_LINES) return c;
      c = document.createElement('div');
      c.className = 'chunk';
      return c;
    }

    function flush() {
      scheduled = false;
      var b = logBox();
      if (!b) return;
      if (b !== box) { // the log was reloaded meanwhile
        if (box) box.removeEventListener('scroll', onScroll);
        box = b;
        box.addEventListener('scroll', onScroll, { passive: true });
        shown = countLines(box);
      }
      var t0 = window.performance.now();
      var term = searchTerm();
      var chunk = lastChunk(box);
      var fresh = chunk.parentNode !== box ? chunk : null;
      var n = 0;
      while (n < FRAME_LINES && n < pending.length) {
        var item = pending[n];
        var el = item.note ? noteElement(item.note) : lineElement(item);
        if (term && el.textContent.toLowerCase().indexOf(term) < 0) el.classList.add('hide');
        if (chunk.childElementCount >= CHUNK_LINES) {
          if (fresh) box.appendChild(fresh);
          chunk = fresh = document.createElement('div');
          chunk.className = 'chunk';
        }
        chunk.appendChild(el);
        n++;
        if ((n & 63) === 0 && window.performance.now() - t0 > FRAME_BUDGET_MS) break;
      }
      pending = pending.slice(n);
      if (fresh && fresh.firstChild) box.appendChild(fresh);
      shown = trim(box, shown + n, maxLines());
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
      if (msg.skipped > 0) pending.push(skippedNote(msg.skipped));
      for (var i = 0; i < msg.lines.length; i++) pending.push(msg.lines[i]);
      capPending();
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
    follow = {
      source: source,
      button: button,
      recount: function () { if (box) shown = countLines(box); }, // the log was loaded again
      unlisten: function () { if (box) box.removeEventListener('scroll', onScroll); }
    };
    button.textContent = 'Stop';
  }

  function stopFollow() {
    if (!follow) return;
    follow.source.close();
    follow.unlisten();
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
    var base = a.getAttribute('data-base'); // may carry ?context=
    a.setAttribute('href', base + (base.indexOf('?') < 0 ? '?' : '&') + q.toString());
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
      if (follow) follow.recount();
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
