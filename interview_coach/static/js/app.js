// Interview Coach front-end glue. No inline scripts (the CSP forbids them).
// Sends the CSRF token with every htmx request, so htmx posts pass Flask-WTF's check.
document.addEventListener("htmx:configRequest", function (event) {
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (meta) { event.detail.headers["X-CSRFToken"] = meta.getAttribute("content"); }
});
// htmx does not swap 4xx responses by default; our 409 and 422 responses carry the form with its
// errors and the text the user typed, so they are swapped in like a success.
document.addEventListener("htmx:beforeSwap", function (event) {
  var status = event.detail.xhr.status;
  if (status === 409 || status === 422) { event.detail.shouldSwap = true; event.detail.isError = false; }
});
