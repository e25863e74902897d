// Anti-spam proof of work for the comment form, computed in the reader's browser: find a number
// that, hashed with the form's token, gives a SHA-256 starting with enough zero bits. It costs a
// person a second and a robot sending thousands of comments far more. Without this script (or
// without Web Crypto) the comment is still accepted; it just waits longer when many arrive.
(() => {
  const form = document.querySelector('form[data-comment-form]');
  if (!form || !window.crypto || !window.crypto.subtle || !window.TextEncoder) return;
  const tokenField = form.querySelector('input[name="formToken"]');
  const proofField = form.querySelector('input[data-proof-of-work]');
  const bits = Number(form.getAttribute('data-proof-bits') || '14');
  if (!tokenField || !proofField) return;
  const encoder = new TextEncoder();

  function leadingZeroBits(bytes) {
    let count = 0;
    for (const byte of bytes) {
      if (byte === 0) {
        count += 8;
        continue;
      }
      return count + Math.clz32(byte) - 24;
    }
    return count;
  }

  async function solve(token) {
    for (let nonce = 0; nonce < 1 << 22; nonce += 1) {
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(`${token}:${nonce}`)));
      if (leadingZeroBits(digest) >= bits) return String(nonce);
    }
    return '';
  }

  let solving = false;
  form.addEventListener('submit', async (event) => {
    if (proofField.value !== '' || solving) return;
    event.preventDefault();
    solving = true;
    const button = form.querySelector('button[type="submit"]');
    if (button) button.setAttribute('aria-busy', 'true');
    try {
      proofField.value = await solve(tokenField.value);
    } finally {
      solving = false;
      if (button) button.removeAttribute('aria-busy');
      form.submit();
    }
  });
})();
