// modeltranslation's tabbed admin, made accessible (WCAG 4.1.2):
// - it adds a language <select> beside the page heading (#modeltranslation-main-switch) with no accessible name;
//   the name is translated in the template that loads this file (data-switch-label), as the
//   Content-Security-Policy forbids inline scripts;
// - its jQuery UI tabs put a link inside each role="tab" item, an interactive control inside another. The tabs
//   find their panels by aria-controls and take clicks and keys on the item, so the links lose their href (and
//   with it their focus) once the tabs are built.
// The tabs are built at jQuery's "ready", which jQuery 3 runs asynchronously, so a MutationObserver fixes each
// control whenever it appears.
(function () {
  var script = document.currentScript;
  var label = script && script.dataset.switchLabel;
  function fix() {
    if (label) {
      document.querySelectorAll("select.modeltranslation-switch:not([aria-label])").forEach(function (select) {
        select.setAttribute("aria-label", label);
      });
    }
    document.querySelectorAll('[role="tab"] > a.ui-tabs-anchor[href]').forEach(function (anchor) {
      anchor.removeAttribute("href");
    });
  }
  fix();
  new MutationObserver(fix).observe(document.documentElement, { childList: true, subtree: true });
})();
