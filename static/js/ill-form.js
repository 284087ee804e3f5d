// The interlibrary-loan request form switches between a loan and a copy in place. Without JavaScript the page
// works in two steps (choose the service, then fill in its fields); here the radios stay on the page and only the
// chosen service's groups are shown and sent: the other's are hidden and disabled. The shared fields stay as typed.
// A static file, as the Content-Security-Policy forbids inline scripts.
(function () {
  var form = document.querySelector("[data-ill-form]");
  if (!form) {
    return;
  }
  var choice = form.querySelector("[data-kind-choice]");

  function show(kind) {
    form.querySelectorAll("[data-kinds]").forEach(function (group) {
      var asked = group.getAttribute("data-kinds").split(" ").indexOf(kind) !== -1;
      group.hidden = !asked;
      if (group.tagName === "FIELDSET") {
        group.disabled = !asked;
      }
      var legend = group.querySelector("legend[data-legend-" + kind + "]");
      if (legend) {
        legend.textContent = legend.getAttribute("data-legend-" + kind);
      }
    });
    form.querySelectorAll("[data-step-one]").forEach(function (button) {
      button.hidden = true;
    });
    form.querySelectorAll("[data-step-two]").forEach(function (button) {
      button.hidden = false;
    });
  }

  // The radios say which service it is: the step-2 text, its hidden input and its "change" button go.
  form.querySelectorAll("[data-kind-chosen]").forEach(function (element) {
    element.remove();
  });
  choice.hidden = false;
  choice.querySelectorAll("input[type=radio]").forEach(function (radio) {
    radio.addEventListener("change", function () {
      show(radio.value);
    });
    if (radio.checked) {
      show(radio.value);
    }
  });
})();
