// SPDX-License-Identifier: GPL-2.0-or-later
// magesoapd console: plain DOM and fetch, no framework.  The admin token is
// kept in sessionStorage (this tab only) and sent as a bearer token.
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const KEY = 'magesoapd.admin_token';
  let selected = null;

  function token() { return sessionStorage.getItem(KEY) || ''; }
  function status(msg, err) { const s = $('status'); s.textContent = msg; s.className = err ? 'error' : ''; }

  async function api(path, opts) {
    const o = Object.assign({ headers: {} }, opts || {});
    o.headers.Authorization = 'Bearer ' + token();
    const r = await fetch(path, o);
    if (r.status === 401) throw new Error('token refused (401)');
    const j = await r.json();
    if (!r.ok) throw new Error(j.error || ('HTTP ' + r.status));
    return j;
  }

  function cell(tr, text, cls) {
    const td = document.createElement('td');
    td.textContent = text === null || text === undefined || text === '' ? '-' : String(text);
    if (cls) td.className = cls;
    tr.appendChild(td);
  }

  function fill(tbody, rows, make) {
    tbody.textContent = '';
    for (const r of rows) tbody.appendChild(make(r));
  }

  function query() {
    const p = new URLSearchParams();
    if ($('f-dialect').value) p.set('dialect', $('f-dialect').value);
    if ($('f-method').value.trim()) p.set('method', $('f-method').value.trim());
    if ($('f-fault').value.trim()) p.set('fault', $('f-fault').value.trim());
    p.set('limit', '200');
    return '/requests?' + p.toString();
  }

  async function loadRequests() {
    const j = await api(query());
    const rows = j.requests.slice().reverse(); // newest first
    fill($('requests').tBodies[0], rows, (e) => {
      const tr = document.createElement('tr');
      tr.dataset.id = e.id;
      tr.dataset.dialect = e.dialect;
      if (e.fault !== null) tr.className = 'fault';
      if (selected === e.id) tr.classList.add('selected');
      cell(tr, e.id);
      cell(tr, new Date(e.time * 1000).toISOString().slice(11, 23));
      cell(tr, e.dialect);
      cell(tr, e.method || e.http_method + ' ' + e.path, 'method');
      cell(tr, e.user);
      cell(tr, e.fault !== null ? 'fault ' + e.fault : e.outcome, 'outcome');
      cell(tr, e.status);
      cell(tr, e.us);
      tr.addEventListener('click', () => showRequest(e.id).catch((err) => status(err.message, true)));
      return tr;
    });
  }

  async function showRequest(id) {
    selected = id;
    const e = await api('/requests/' + id);
    $('detail').hidden = false;
    $('detail-title').textContent = '#' + e.id + ' ' + e.http_method + ' ' + e.path + ' (' +
      (e.method || '-') + ', HTTP ' + e.status + ')';
    const hdrs = Object.entries(e.request_headers || {}).map(([k, v]) => k + ': ' + v).join('\n');
    $('detail-req').textContent = hdrs + '\n\n' + (e.request_body === null ? '(body not kept)' : e.request_body) +
      (e.request_truncated ? '\n… (truncated)' : '');
    $('detail-resp').textContent = (e.response_type ? 'Content-Type: ' + e.response_type + '\n\n' : '') +
      (e.response_body === null ? '(body not kept)' : e.response_body) + (e.response_truncated ? '\n… (truncated)' : '');
    for (const tr of $('requests').tBodies[0].rows) tr.classList.toggle('selected', Number(tr.dataset.id) === id);
  }

  async function loadOrders() {
    const j = await api('/orders?limit=200');
    fill($('orders').tBodies[0], j.orders, (o) => {
      const tr = document.createElement('tr');
      for (const k of ['increment_id', 'state', 'status', 'grand_total', 'total_invoiced', 'total_paid', 'created_at']) cell(tr, o[k]);
      return tr;
    });
  }

  const STATES = { 1: 'open', 2: 'paid', 3: 'canceled' };
  async function loadInvoices() {
    const j = await api('/invoices?limit=200');
    j.invoices.sort((a, b) => Number(b.invoice_id) - Number(a.invoice_id));
    fill($('invoices').tBodies[0], j.invoices, (i) => {
      const tr = document.createElement('tr');
      cell(tr, i.increment_id); cell(tr, i.order_id);
      cell(tr, STATES[i.state] || i.state); cell(tr, i.grand_total); cell(tr, i.created_at);
      return tr;
    });
  }

  async function refresh() {
    if (!token()) { status('enter the admin token', true); return; }
    try {
      await Promise.all([loadRequests(), loadOrders(), loadInvoices()]);
      status('updated ' + new Date().toISOString().slice(11, 19));
      document.body.dataset.loaded = '1';
    } catch (e) { status(e.message, true); }
  }

  $('login').addEventListener('submit', (ev) => {
    ev.preventDefault();
    sessionStorage.setItem(KEY, $('token').value.trim());
    $('token').value = '';
    refresh();
  });
  $('forget').addEventListener('click', () => { sessionStorage.removeItem(KEY); status('token forgotten', true); });
  $('filters').addEventListener('submit', (ev) => { ev.preventDefault(); refresh(); });
  $('reset').addEventListener('click', async () => {
    if (!confirm('Reset the database (' + $('fixture').value + ')?')) return;
    try {
      await api('/reset?fixture=' + encodeURIComponent($('fixture').value), { method: 'POST' });
      status('reset done');
      refresh();
    } catch (e) { status(e.message, true); }
  });
  // A token in the fragment (#token=...) is taken once and removed from the address bar.
  const m = /(?:^|&)token=([^&]+)/.exec(location.hash.slice(1));
  if (m) { sessionStorage.setItem(KEY, decodeURIComponent(m[1])); history.replaceState(null, '', location.pathname + location.search); }
  const q = new URLSearchParams(location.search);
  if (q.get('dialect')) $('f-dialect').value = q.get('dialect');
  if (q.get('method')) $('f-method').value = q.get('method');
  if (q.get('fault')) $('f-fault').value = q.get('fault');
  // ?open=ID clicks that request's row once the list is in (as a user would)
  refresh().then(() => {
    const row = q.get('open') && document.querySelector('#requests tr[data-id="' + Number(q.get('open')) + '"]');
    if (row) row.click();
  });
  setInterval(() => { if ($('auto').checked && !document.hidden) refresh(); }, 2000);
})();
