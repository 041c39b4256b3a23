// Replays a recorded terminal session (asciicast v2: a JSON header line, then [seconds, "o"|"i", data]
// lines) in xterm.js: play/pause, speed, seek. Only output ("o") is drawn, as a terminal would show
// it; typed input is in the recording for search and for the record, and echoes through the output.
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

    var events = [];   // [time, data] of output, in order
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
      if (t < position) { term.reset(); next = 0; }
      var chunk = '';
      while (next < events.length && events[next][0] <= t) chunk += events[next++][1];
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
        if (position >= duration) { term.reset(); next = 0; position = 0; }
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
        if (header.width && header.height) term.resize(header.width, header.height);
        for (var i = 1; i < lines.length; i++) {
          if (!lines[i]) continue;
          var e = JSON.parse(lines[i]);
          if (e[1] === 'o') events.push([e[0], e[2]]);
          duration = Math.max(duration, e[0]);
        }
        seek.max = String(duration);
        note.textContent = (header.title ? header.title + ' · ' : '') + events.length + ' output events, '
          + duration.toFixed(1) + ' s recorded' + (header.timestamp ? ' from ' + new Date(header.timestamp * 1000).toISOString() : '') + '.';
        box.setAttribute('data-loaded', 'true');
        show();
      })
      .catch(function (e) { note.textContent = 'Cannot load the recording: ' + e.message; });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
