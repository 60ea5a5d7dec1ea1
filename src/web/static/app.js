// Live pages: on each change event from the server, fetch this page again and swap its main part.
(() => {
  const main = document.getElementById('main');
  if (!main?.hasAttribute('data-live') || !window.EventSource) return;
  let pending = null;
  // A staff member half-way through typing an answer must not lose it to a live update: wait until
  // the form is sent or left untouched.
  const editing = () =>
    [...main.querySelectorAll('textarea, input:not([type=hidden]), select')].some(
      (f) => f === document.activeElement || ('defaultValue' in f && f.value !== f.defaultValue),
    );
  const refresh = async () => {
    pending = null;
    if (editing()) {
      pending = setTimeout(refresh, 1000);
      return;
    }
    const res = await fetch(location.href, { headers: { accept: 'text/html' }, credentials: 'same-origin' });
    if (!res.ok) return;
    const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    const fresh = doc.getElementById('main');
    if (editing()) {
      pending = setTimeout(refresh, 1000);
      return;
    }
    if (fresh) main.innerHTML = fresh.innerHTML;
    document.dispatchEvent(new CustomEvent('linli:refreshed'));
  };
  const events = new EventSource('/events');
  events.addEventListener('change', () => {
    if (!pending) pending = setTimeout(refresh, 150);
  });
})();
