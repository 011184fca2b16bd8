// "Cite this": reveal a copy button where the clipboard API exists (progressive enhancement).
(function () {
  var button = document.querySelector("[data-copy-target]");
  if (!button || !navigator.clipboard) return;
  button.parentNode.hidden = false;
  button.addEventListener("click", function () {
    var text = document.getElementById(button.dataset.copyTarget).innerText;
    var status = button.parentNode.querySelector(".cite__copied");
    navigator.clipboard.writeText(text).then(
      function () { status.textContent = "Citation copied."; },
      function () { status.textContent = "Could not copy: select the citation and copy it instead."; }
    );
  });
})();
