// Comfort for reporter pages; every page works without it (Tor Browser "Safest" runs no script).
// - Quick exit: leaves at once and replaces this page in the history, so Back does not return.
// - Conditional questions: hides (and leaves unsent) what does not apply to earlier answers.
// - Receipt form: solves the small proof of work, so the form can be sent without waiting.

function quickExit() {
  for (const link of document.querySelectorAll('[data-quick-exit]')) {
    link.addEventListener('click', (event) => {
      event.preventDefault();
      try {
        history.replaceState(null, '', '/');
      } catch {
        // Some browsers refuse history changes in private modes; leaving still works.
      }
      location.replace(link.href);
    });
  }
}

function currentValues(form, name) {
  const values = [];
  for (const input of form.querySelectorAll(`[name="${CSS.escape(name)}"]`)) {
    if ((input.type === 'radio' || input.type === 'checkbox') && !input.checked) continue;
    if (!input.disabled && input.value !== '') values.push(input.value);
  }
  return values;
}

function conditionalQuestions() {
  for (const form of document.querySelectorAll('form')) {
    const conditional = [...form.querySelectorAll('[data-show-if]')];
    if (conditional.length === 0) continue;
    const update = () => {
      for (const element of conditional) {
        const wanted = (element.getAttribute('data-show-values') || '').split(' ');
        const shown = currentValues(form, element.getAttribute('data-show-if')).some((value) => wanted.includes(value));
        element.hidden = !shown;
        for (const input of element.querySelectorAll('input, textarea, select')) input.disabled = !shown;
      }
    };
    form.addEventListener('change', update);
    update();
  }
}

function leadingZeroBits(bytes) {
  let bits = 0;
  for (const byte of bytes) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

async function solve(token, difficulty) {
  const encoder = new TextEncoder();
  const batch = 512;
  for (let start = 0; start < 2 ** 32; start += batch) {
    const nonces = Array.from({ length: batch }, (_, index) => String(start + index));
    const digests = await Promise.all(nonces.map((nonce) => crypto.subtle.digest('SHA-256', encoder.encode(`redress-pow:${token}:${nonce}`))));
    const found = digests.findIndex((digest) => leadingZeroBits(new Uint8Array(digest)) >= difficulty);
    if (found >= 0) return nonces[found];
  }
  return '';
}

function proofOfWork() {
  const form = document.querySelector('form[data-pow-challenge]');
  if (!form || !window.crypto || !crypto.subtle) return;
  const status = form.querySelector('[data-pow-status]');
  const field = form.querySelector('input[name="pow"]');
  let ready = false;
  let sendWhenReady = false;
  if (status) status.textContent = form.getAttribute('data-pow-working') || status.textContent;
  form.addEventListener('submit', (event) => {
    if (ready) return;
    event.preventDefault();
    sendWhenReady = true;
  });
  solve(form.getAttribute('data-pow-challenge'), Number(form.getAttribute('data-pow-difficulty'))).then((nonce) => {
    field.value = nonce;
    ready = true;
    if (status) status.textContent = form.getAttribute('data-pow-ready') || '';
    if (sendWhenReady) form.submit();
  });
}

quickExit();
conditionalQuestions();
proofOfWork();
