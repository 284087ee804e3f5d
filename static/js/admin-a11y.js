// The admin's JavaScript widgets, made accessible (WCAG 4.1.2). Each is built at jQuery's "ready", which
// jQuery 3 runs asynchronously, so a MutationObserver fixes each control whenever it appears:
// - modeltranslation adds a language <select> beside the page heading (#modeltranslation-main-switch) with no
//   accessible name; the name is translated in the template that loads this file (data-switch-label), as the
//   Content-Security-Policy forbids inline scripts;
// - modeltranslation's jQuery UI tabs put a link inside each role="tab" item, an interactive control inside
//   another. The tabs find their panels by aria-controls and take clicks and keys on the item, so the links lose
//   their href (and with it their focus) once the tabs are built. jQuery UI then takes a tab whose link has no
//   href for a remote one, and on a click loaded the whole page into its panel (every input of the form twice,
//   the typed text lost): its "beforeLoad" is cancelled, as every panel is in the page already;
// - the autocomplete (select2) of a patron picker names its combobox by its selection, which is empty at first:
//   it is named by the label of the <select> it replaces;
// - a date-and-time field (AdminSplitDateTime) shows "Date:" and "Time:" as plain text before its two inputs,
//   and its field label points at neither: each input is named by the field's label and its own word.
(function () {
  var script = document.currentScript;
  var label = script && script.dataset.switchLabel;
  var cancelled = [];
  function keepTabsLocal() {
    [window.jQuery, window.django && window.django.jQuery].forEach(function (jq) {
      if (jq && cancelled.indexOf(jq) < 0) {
        cancelled.push(jq);
        jq(document).on("tabsbeforeload", function (event) {
          event.preventDefault();
        });
      }
    });
  }
  function fix() {
    keepTabsLocal();
    if (label) {
      document.querySelectorAll("select.modeltranslation-switch:not([aria-label])").forEach(function (select) {
        select.setAttribute("aria-label", label);
      });
    }
    document.querySelectorAll('[role="tab"] > a.ui-tabs-anchor[href]').forEach(function (anchor) {
      anchor.removeAttribute("href");
    });
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var name = document.querySelector('label[for="' + select.id + '"]');
      var container = select.nextElementSibling;
      if (!name || !container || !container.classList.contains("select2")) {
        return;
      }
      container.querySelectorAll(".select2-selection, .select2-selection__rendered").forEach(function (part) {
        if (!part.hasAttribute("aria-label")) {
          part.setAttribute("aria-label", name.textContent.replace(/:\s*$/, "").trim());
        }
      });
    });
    document.querySelectorAll("p.datetime input:not([aria-label])").forEach(function (input) {
      var row = input.closest(".form-row, .fieldBox");
      var field = row && row.querySelector("label");
      var word = input.previousSibling;
      while (word && word.nodeType !== Node.TEXT_NODE) {
        word = word.previousSibling;
      }
      var parts = [field ? field.textContent.replace(/:\s*$/, "").trim() : "", word ? word.textContent.trim() : ""];
      input.setAttribute("aria-label", parts.filter(Boolean).join(" – ").replace(/:$/, ""));
    });
  }
  fix();
  new MutationObserver(fix).observe(document.documentElement, { childList: true, subtree: true });
})();
