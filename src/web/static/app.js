// Live pages: on each change event from the server, fetch this page again and swap its main part.
(() => {
  const main = document.getElementById('main');
  if (!main?.hasAttribute('data-live') || !window.EventSource) return;
  let pending = null;
  const refresh = async () => {
    pending = null;
    const res = await fetch(location.href, { headers: { accept: 'text/html' }, credentials: 'same-origin' });
    if (!res.ok) return;
    const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    const fresh = doc.getElementById('main');
    if (fresh) main.innerHTML = fresh.innerHTML;
    document.dispatchEvent(new CustomEvent('linli:refreshed'));
  };
  const events = new EventSource('/events');
  events.addEventListener('change', () => {
    if (!pending) pending = setTimeout(refresh, 150);
  });
})();
