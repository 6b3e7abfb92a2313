// A page restored from the back/forward cache may show the previous person's answers.
// Reload it from the server instead, which knows nothing about them after a wipe.
window.addEventListener("pageshow", function (event) {
  if (event.persisted) { window.location.reload(); }
});
