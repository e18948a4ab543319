/* Web Worker stand-in for file:// (Chromium refuses `new Worker()` there, so search would never
   answer): the worker script runs in a hidden same-origin iframe; its postMessage() comes back to
   this object and messages to the "worker" arrive on the iframe's window. importScripts() loads in
   order and returns a Promise. Loaded as `extra.polyfills`, before the theme; its name also keeps
   the offline plugin from adding a shim from a CDN. */
/* Runs before the theme's bundle, so also the place to drop a hash with a malformed escape
   (#path=%E0): the theme decodes the hash and would throw, at load and on each change. */
(function () {
  "use strict";
  function saneHash() {
    try { decodeURIComponent(location.hash); return; } catch (e) { /* malformed */ }
    try { history.replaceState(history.state, "", location.href.replace(/#.*$/, "")); } catch (e) { /* kept */ }
  }
  saneHash();
  window.addEventListener("hashchange", saneHash, true);
  window.addEventListener("popstate", saneHash, true);
})();
(function () {
  "use strict";
  if (location.protocol !== "file:" || window.PB_WORKER_SHIM) return;
  window.PB_WORKER_SHIM = true;

  function clone(data) {
    try { return structuredClone(data); } catch (e) { return JSON.parse(JSON.stringify(data)); }
  }

  function later(fn) { setTimeout(fn, 0); }

  class FrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.onmessage = null;
      this.onerror = null;
      this.onmessageerror = null;
      this.pending = [];
      this.ready = false;
      this.frame = document.createElement("iframe");
      this.frame.hidden = true;
      this.frame.tabIndex = -1;
      this.frame.title = "Search worker";
      this.frame.setAttribute("aria-hidden", "true");
      (document.body || document.documentElement).appendChild(this.frame);
      this.setUp(new URL(String(url), location.href).href);
    }

    setUp(src) {
      var self = this;
      var win = this.frame.contentWindow;
      win.postMessage = function (data) {
        var copy = clone(data);
        later(function () { self.emit(new MessageEvent("message", { data: copy })); });
      };
      win.importScripts = function () {
        var urls = Array.prototype.slice.call(arguments);
        return urls.reduce(function (chain, u) {
          return chain.then(function () { return self.load(new URL(u, src).href); });
        }, Promise.resolve());
      };
      win.close = function () { self.terminate(); };
      win.addEventListener("error", function (event) {
        self.emit(new ErrorEvent("error", { message: event.message, error: event.error }));
      });
      this.load(src).then(function () {
        self.ready = true;
        self.pending.splice(0).forEach(function (data) { self.deliver(data); });
      }, function () {
        self.emit(new ErrorEvent("error", { message: "Could not load worker script " + src }));
      });
    }

    load(src) {
      var doc = this.frame.contentDocument;
      return new Promise(function (resolve, reject) {
        var script = doc.createElement("script");
        script.charset = "utf-8"; /* the frame is about:blank: without it, non-ASCII in a script
          (the Japanese search's word tables) would be read in the frame's default encoding */
        script.src = src;
        script.onload = function () { resolve(); };
        script.onerror = function () { reject(new Error(src)); };
        (doc.head || doc.documentElement).appendChild(script);
      });
    }

    deliver(data) {
      var frame = this.frame;
      later(function () {
        var win = frame && frame.contentWindow;
        if (win) win.dispatchEvent(new win.MessageEvent("message", { data: data }));
      });
    }

    emit(event) {
      var handler = this["on" + event.type];
      if (typeof handler === "function") handler.call(this, event);
      this.dispatchEvent(event);
    }

    postMessage(data) {
      if (!this.frame) return;
      var copy = clone(data);
      if (this.ready) this.deliver(copy); else this.pending.push(copy);
    }

    terminate() {
      if (this.frame && this.frame.parentNode) this.frame.parentNode.removeChild(this.frame);
      this.frame = null;
      this.pending = [];
    }
  }

  window.Worker = FrameWorker;
})();
