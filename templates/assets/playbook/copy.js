/* Copy buttons beside a chat command or phone number (`<button class="pb-copy" data-copy="...">`;
   loaded by playbook.js on the pages that have one). */
(function () {
  "use strict";

  var PB = window.PB;

  PB.ready(function () {
    var buttons = document.querySelectorAll("button[data-copy]:not(.pb-ready)");
    Array.prototype.forEach.call(buttons, function (b) {
      b.classList.add("pb-ready");
      var out = PB.el("span", "pb-copy-output");
      out.hidden = true;
      b.parentNode.insertBefore(out, b.nextSibling);
      b.addEventListener("click", function () { PB.copyOut(out, b.getAttribute("data-copy"), PB._("Text to copy")); });
    });
  });
})();
