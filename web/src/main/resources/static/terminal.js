// The container page's Terminal tab: xterm.js over the terminal WebSocket.
// Framing (docs/web-console.md, "Console terminal"): binary frames carry terminal bytes both ways;
// text frames carry JSON control messages (browser: open, resize; server: confirm, opened, refused, exit).
(function () {
  'use strict';

  function tabs() {
    var buttons = document.querySelectorAll('.tabs .tab');
    buttons.forEach(function (b) {
      b.addEventListener('click', function () {
        buttons.forEach(function (x) { x.classList.toggle('active', x === b); });
        document.querySelectorAll('[data-tab-panel]').forEach(function (p) {
          p.hidden = p.getAttribute('data-tab-panel') !== b.getAttribute('data-tab');
        });
        if (b.getAttribute('data-tab') === 'terminal') window.dispatchEvent(new Event('berth:terminal-shown'));
      });
    });
  }

  function setup(panel) {
    var host = document.getElementById('term');
    var state = document.getElementById('term-state');
    var connect = document.getElementById('term-connect');
    var disconnect = document.getElementById('term-disconnect');
    var confirmBox = document.getElementById('term-confirm');
    var term = new Terminal({ cursorBlink: true, scrollback: 5000, fontSize: 14 });
    var fit = new FitAddon.FitAddon();
    term.loadAddon(fit);
    // opened when first shown: xterm measures its character cell when it opens, and a hidden panel has none
    var opened = false;
    function openOnce() {
      if (opened || panel.hidden) return;
      term.open(host);
      opened = true;
    }
    openOnce();
    var ws = null;
    var encoder = new TextEncoder();
    var pending = null; // the open message waiting for a confirmation
    var told = false; // a refusal or the exit already says why the socket closes

    function say(text) { state.textContent = text; }
    function fitNow() {
      openOnce();
      if (panel.hidden) return;
      try { fit.fit(); } catch (e) { /* not laid out yet */ }
    }
    function sendResize() {
      if (ws && ws.readyState === WebSocket.OPEN) {
        ws.send(JSON.stringify({ type: 'resize', cols: term.cols, rows: term.rows }));
      }
    }
    window.addEventListener('resize', fitNow);
    window.addEventListener('berth:terminal-shown', function () { fitNow(); term.focus(); });
    term.onResize(sendResize);
    term.onData(function (d) {
      if (ws && ws.readyState === WebSocket.OPEN) ws.send(encoder.encode(d));
    });
    // Ctrl+Shift+C copies the selection; Ctrl+Shift+V is left to the browser, whose paste event xterm reads
    term.attachCustomKeyEventHandler(function (e) {
      if (e.type === 'keydown' && e.ctrlKey && e.shiftKey && (e.code === 'KeyC' || e.code === 'KeyV')) {
        if (e.code === 'KeyC' && term.hasSelection() && navigator.clipboard) navigator.clipboard.writeText(term.getSelection());
        return false;
      }
      return true;
    });

    function connected(on) {
      connect.disabled = on;
      disconnect.disabled = !on;
    }

    function open(e) {
      if (e) e.preventDefault();
      if (ws) return;
      fitNow();
      var url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + panel.getAttribute('data-ws');
      ws = new WebSocket(url);
      ws.binaryType = 'arraybuffer';
      told = false;
      connected(true);
      say('Connecting…');
      pending = {
        type: 'open', shell: document.getElementById('term-shell').value,
        user: document.getElementById('term-user').value, cols: term.cols, rows: term.rows
      };
      ws.onopen = function () { ws.send(JSON.stringify(pending)); };
      ws.onmessage = function (m) {
        if (typeof m.data !== 'string') { term.write(new Uint8Array(m.data)); return; }
        var msg = JSON.parse(m.data);
        if (msg.type === 'confirm') {
          document.getElementById('term-confirm-text').textContent = msg.prompt;
          pending.confirm = msg.token;
          confirmBox.hidden = false;
          say('Needs confirmation.');
        } else if (msg.type === 'opened') {
          say('Connected (session ' + msg.session + ').');
          panel.setAttribute('data-session', msg.session);
          sendResize();
          term.focus();
        } else if (msg.type === 'refused') {
          told = true;
          say(msg.title + ': ' + msg.text);
        } else if (msg.type === 'exit') {
          told = true;
          say('The shell exited with code ' + msg.code + '.');
        }
      };
      ws.onclose = function (c) {
        ws = null;
        connected(false);
        confirmBox.hidden = true;
        if (!told) say(c.reason || 'Disconnected.');
      };
    }

    document.getElementById('term-form').addEventListener('submit', open);
    disconnect.addEventListener('click', function () { if (ws) ws.close(1000, 'closed by the user'); });
    document.getElementById('term-confirm-yes').addEventListener('click', function () {
      confirmBox.hidden = true;
      if (ws && ws.readyState === WebSocket.OPEN) { say('Opening…'); ws.send(JSON.stringify(pending)); }
    });
    document.getElementById('term-confirm-no').addEventListener('click', function () {
      confirmBox.hidden = true;
      told = true;
      if (ws) ws.close(1000, 'cancelled');
      say('Cancelled.');
    });
    // leaving the page closes the socket, which ends the exec on the server
    window.addEventListener('pagehide', function () { if (ws) ws.close(1000, 'page closed'); });
    window.berthTerminal = term; // for tests: the emulator's buffer is the screen's truth
  }

  function start() {
    var panel = document.getElementById('terminal-panel');
    if (!panel || typeof Terminal === 'undefined') return;
    tabs();
    setup(panel);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
