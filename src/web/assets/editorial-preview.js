// Live preview for the post form: shows the text as readers will see it while it is typed.
// The form works without this script (its Preview button renders the same preview on the
// server). The HTML comes from the server's own sanitiser, the same one published posts use.
(() => {
  const source = document.querySelector('textarea[data-preview-source]');
  const target = document.querySelector('[data-preview-target]');
  const form = source ? source.form : null;
  if (!source || !target || !form) return;
  const token = form.querySelector('input[name="_csrf"]');
  let timer;
  let controller;
  async function update() {
    if (controller) controller.abort();
    controller = new AbortController();
    const body = new URLSearchParams({ _csrf: token ? token.value : '', body: source.value });
    try {
      const response = await fetch('/editorial/preview', { method: 'POST', body, signal: controller.signal, credentials: 'same-origin' });
      if (response.ok) target.innerHTML = await response.text();
    } catch {
      // Offline or superseded: the last preview stays.
    }
  }
  source.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(update, 400);
  });
})();
