// Replays a recorded terminal session (asciicast v2: a JSON header line, then [seconds, "o"|"i", data]
// lines) in xterm.js: play/pause, speed, seek. Output ("o") is drawn and resizes ("r", COLSxROWS) resize
// the emulator, as the live terminal did; typed input ("i") is in the recording for search and for the
// record, and shows through the process's echo.
(function () {
  'use strict';

  function start() {
    var box = document.getElementById('replay');
    if (!box || typeof Terminal === 'undefined') return;
    var play = document.getElementById('replay-play');
    var speedSel = document.getElementById('replay-speed');
    var seek = document.getElementById('replay-seek');
    var clock = document.getElementById('replay-time');
    var note = document.getElementById('replay-note');
    var term = new Terminal({ scrollback: 5000, fontSize: 14, disableStdin: true });
    var fit = new FitAddon.FitAddon();
    term.loadAddon(fit);
    term.open(document.getElementById('term'));
    window.berthTerminal = term;

    var events = [];   // [time, "o"|"r", data] in order
    var width = 80, height = 24; // the header's size, where a replay starts
    var duration = 0;
    var next = 0;      // index of the next event to draw
    var position = 0;  // seconds into the recording
    var playing = false;
    var lastTick = 0;
    var speed = 1;

    function show() {
      seek.value = String(position);
      clock.textContent = position.toFixed(1) + ' / ' + duration.toFixed(1) + ' s';
      box.setAttribute('data-position', position.toFixed(2));
      box.setAttribute('data-state', playing ? 'playing' : (next >= events.length ? 'ended' : 'paused'));
    }

    // draws everything up to `t` (seconds); going back starts the screen over
    function drawTo(t) {
      if (t < position) { term.reset(); term.resize(width, height); next = 0; }
      var chunk = '';
      while (next < events.length && events[next][0] <= t) {
        var e = events[next++];
        if (e[1] === 'o') { chunk += e[2]; continue; }
        if (chunk) { term.write(chunk); chunk = ''; }
        var size = /^(\d+)x(\d+)$/.exec(e[2]);
        if (size) term.resize(parseInt(size[1], 10), parseInt(size[2], 10));
      }
      if (chunk) term.write(chunk);
      position = t;
    }

    function tick(now) {
      if (!playing) return;
      var t = Math.min(duration, position + (now - lastTick) / 1000 * speed);
      lastTick = now;
      drawTo(t);
      if (t >= duration) { playing = false; play.textContent = 'Play'; }
      show();
      if (playing) requestAnimationFrame(tick);
    }

    play.addEventListener('click', function () {
      playing = !playing;
      play.textContent = playing ? 'Pause' : 'Play';
      if (playing) {
        if (position >= duration) { term.reset(); term.resize(width, height); next = 0; position = 0; }
        lastTick = performance.now();
        requestAnimationFrame(tick);
      }
      show();
    });
    speedSel.addEventListener('change', function () { speed = parseFloat(speedSel.value) || 1; });
    seek.addEventListener('input', function () { drawTo(parseFloat(seek.value) || 0); show(); });

    fetch(box.getAttribute('data-cast'), { credentials: 'same-origin' })
      .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.text(); })
      .then(function (text) {
        var lines = text.split('\n');
        var header = JSON.parse(lines[0]);
        if (header.width && header.height) { width = header.width; height = header.height; }
        term.resize(width, height);
        for (var i = 1; i < lines.length; i++) {
          if (!lines[i]) continue;
          var e = JSON.parse(lines[i]);
          if (e[1] === 'o' || e[1] === 'r') events.push(e);
          duration = Math.max(duration, e[0]);
        }
        seek.max = String(duration);
        note.textContent = (header.title ? header.title + ' · ' : '') + events.length + ' events, '
          + duration.toFixed(1) + ' s recorded' + (header.timestamp ? ' from ' + new Date(header.timestamp * 1000).toISOString() : '') + '.';
        box.setAttribute('data-loaded', 'true');
        show();
      })
      .catch(function (e) { note.textContent = 'Cannot load the recording: ' + e.message; });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
