// modeltranslation's tabbed admin adds a language <select> beside the page heading (#modeltranslation-main-switch)
// with no accessible name (WCAG 4.1.2). It builds the control at jQuery's "ready", which jQuery 3 runs
// asynchronously, so a MutationObserver names each switch whenever it appears. The name is translated in the
// template that loads this file (data-switch-label), as the Content-Security-Policy forbids inline scripts.
(function () {
  var script = document.currentScript;
  var label = script && script.dataset.switchLabel;
  if (!label) {
    return;
  }
  function nameSwitches() {
    document.querySelectorAll("select.modeltranslation-switch:not([aria-label])").forEach(function (select) {
      select.setAttribute("aria-label", label);
    });
  }
  nameSwitches();
  new MutationObserver(nameSwitches).observe(document.documentElement, { childList: true, subtree: true });
})();
