// "Print the list" buttons: a static file, as the Content-Security-Policy forbids inline scripts.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
});
