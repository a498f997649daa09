// A copy button for a read-only field (issue 10 item 6). Progressive enhancement: without this
// script the button stays hidden and the address is selectable text.
(function () {
  "use strict";

  function zeg(knop, tekst) {
    const status = document.getElementById(knop.dataset.status);
    if (status) {
      status.textContent = tekst;
    }
  }

  function kopieer(knop) {
    const veld = document.getElementById(knop.dataset.kopieer);
    if (!veld) {
      return;
    }
    veld.select();
    const gelukt = function () { zeg(knop, knop.dataset.gekopieerd); };
    const mislukt = function () { zeg(knop, knop.dataset.mislukt); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(veld.value).then(gelukt, mislukt);
    } else {
      // Plain HTTP (development): the older API still copies the selection.
      try {
        (document.execCommand("copy") ? gelukt : mislukt)();
      } catch (fout) {
        mislukt();
      }
    }
  }

  document.querySelectorAll(".js-kopieer").forEach(function (knop) {
    knop.hidden = false;
    knop.addEventListener("click", function () { kopieer(knop); });
  });
})();
