// Hearth's local web page: devices by room, live status, main controls, discovery inbox.
// Plain JS, no build step, no external resources. Talks only to this gateway's /api/v1.
'use strict';

const state = { token: null, devices: new Map(), rooms: [], inbox: [] };
const $ = (sel) => document.querySelector(sel);

function readToken() {
  const m = /(?:^|[#&])token=([0-9a-fA-F]+)/.exec(location.hash);
  if (m) {
    localStorage.setItem('hearth.token', m[1]);
    history.replaceState(null, '', location.pathname);   // keep the token out of the address bar
  }
  return localStorage.getItem('hearth.token');
}

async function api(method, path, body) {
  const res = await fetch(path, {
    method,
    headers: Object.assign({ Authorization: 'Bearer ' + state.token },
      body === undefined ? {} : { 'Content-Type': 'application/json' }),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (res.status === 401) { showLogin('That token was not accepted.'); throw new Error('unauthorized'); }
  if (!res.ok) throw new Error(json && json.error ? json.error.message : res.status + ' ' + res.statusText);
  return json;
}

function showLogin(message) {
  $('#login').hidden = false;
  $('#home').hidden = true;
  $('#login-error').textContent = message || '';
}

function showError(e) {
  $('#error').textContent = e ? String(e.message || e) : '';
}

async function loadAll() {
  const [devices, rooms, inbox] = await Promise.all([
    api('GET', '/api/v1/devices'), api('GET', '/api/v1/rooms'), api('GET', '/api/v1/inbox')]);
  state.devices = new Map(devices.map((d) => [d.id, d]));
  state.rooms = rooms;
  state.inbox = inbox;
  $('#login').hidden = true;
  $('#home').hidden = false;
  render();
}

function render() {
  const container = $('#rooms');
  container.replaceChildren();
  const groups = state.rooms.map((r) => ({ id: r.id, name: r.name, devices: [] }));
  const unassigned = { id: '', name: 'Not in a room', devices: [] };
  const byId = new Map(groups.map((g) => [g.id, g]));
  for (const d of [...state.devices.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    (byId.get(d.roomId) || unassigned).devices.push(d);
  }
  for (const g of [...groups, unassigned]) {
    if (g.devices.length === 0 && g === unassigned) continue;
    const section = document.createElement('section');
    section.className = 'room';
    section.dataset.room = g.name;
    const h = document.createElement('h2');
    h.textContent = g.name;
    const grid = document.createElement('div');
    grid.className = 'room-devices';
    for (const d of g.devices) grid.append(card(d));
    section.append(h, grid);
    container.append(section);
  }
  renderInbox();
}

function card(d) {
  const el = $('#device-card').content.firstElementChild.cloneNode(true);
  el.dataset.device = d.id;
  el.querySelector('.name').textContent = d.name;
  el.querySelector('.model').textContent = d.model + ' · ' + d.protocol;
  fillStatus(el, d);
  const share = d.share && d.share.sharedWith > 0 ? 'Shared with ' + d.share.sharedWith + (d.share.sharedWith === 1 ? ' user' : ' users') : '';
  el.querySelector('.share').textContent = share;
  const c = d.controls || {};
  if (c.power) {
    const label = el.querySelector('.switch');
    const box = label.querySelector('input');
    label.hidden = false;
    box.addEventListener('change', () => setProperty(d.id, c.power.key, box.checked ? c.power.on : c.power.off, box));
  }
  if (c.brightness) {
    const label = el.querySelector('.dimmer');
    const range = label.querySelector('input');
    label.hidden = false;
    range.min = c.brightness.min; range.max = c.brightness.max;
    range.addEventListener('input', () => {
      el.querySelector('.level').textContent = formatValue(Number(range.value), d.units && d.units[c.brightness.key]);
    });
    range.addEventListener('change', () => setProperty(d.id, c.brightness.key, Number(range.value), range));
  }
  fillControls(el, d);
  fillState(el, d);
  return el;
}

function fillStatus(el, d) {
  const s = d.status || { status: 'unknown' };
  const pill = el.querySelector('.status');
  pill.className = 'status pill ' + s.status;
  pill.textContent = s.status + (s.damped ? ' (damped)' : '');
  el.querySelector('.why').textContent = s.status === 'offline'
    ? 'Offline: ' + (s.reason || '').toLowerCase().replaceAll('_', ' ') + (s.detail ? ' — ' + s.detail : '') + (s.since ? ' since ' + new Date(s.since).toLocaleTimeString() : '')
    : '';
  fillControls(el, d);
}

function isOn(d) {
  const p = (d.controls || {}).power;
  return !!p && d.state[p.key] === p.on;
}

// Controls follow the device: usable only while it is online, and the brightness of a lamp that
// is off waits until it is on (its range starts at 1, so the slider cannot say "off").
function fillControls(el, d) {
  const c = d.controls || {};
  const online = d.status && d.status.status === 'online';
  const box = el.querySelector('.power');
  const range = el.querySelector('.brightness');
  if (c.power) box.checked = isOn(d);
  box.disabled = !c.power || !online || el.dataset.busy === c.power.key;
  if (c.brightness) {
    const value = d.state[c.brightness.key];
    if (typeof value === 'number') range.value = value;
    const dark = !!c.power && !isOn(d);
    el.querySelector('.dimmer').classList.toggle('off', dark);
    range.disabled = !online || dark || el.dataset.busy === c.brightness.key;
  } else {
    range.disabled = true;
  }
}

// Units as the model files name them, shown the short way.
const UNITS = { percentage: '%', celsius: ' °C', kelvin: ' K', watt: ' W', W: ' W', kWh: ' kWh', dBm: ' dBm', arcdegrees: '°', m2: ' m²' };

function formatValue(value, unit) {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  if (typeof value !== 'number') return String(value);
  if (unit === '0.1 celsius') return (value / 10).toFixed(1) + ' °C';
  const n = Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
  return unit ? n + (UNITS[unit] ?? ' ' + unit) : n;
}

function fillState(el, d) {
  const main = el.querySelector('.state');
  const more = el.querySelector('.more');
  const info = more.querySelector('dl');
  main.replaceChildren();
  info.replaceChildren();
  const c = d.controls || {};
  // what a control already shows is not repeated in the list
  const controlled = new Set([c.power && c.power.key, c.brightness && c.brightness.key].filter(Boolean));
  for (const [key, value] of Object.entries(d.state || {})) {
    if (controlled.has(key)) continue;
    const dt = document.createElement('dt');
    dt.textContent = ((d.labels && d.labels[key]) || key).replaceAll('_', ' ').replaceAll('-', ' ');
    const dd = document.createElement('dd');
    dd.textContent = formatValue(value, d.units && d.units[key]);
    const cls = (d.classes && d.classes[key]) || 'telemetry';
    (cls === 'telemetry' ? main : info).append(dt, dd);
  }
  more.hidden = info.childElementCount === 0;
  if (c.brightness) {
    const level = d.state[c.brightness.key];
    el.querySelector('.level').textContent = typeof level === 'number' ? formatValue(level, d.units && d.units[c.brightness.key]) : '';
  }
}

async function setProperty(id, key, value, input) {
  const el = input.closest('[data-device]');
  el.dataset.busy = key;
  input.disabled = true;
  try {
    await api('POST', '/api/v1/devices/' + encodeURIComponent(id) + '/properties', { values: { [key]: value } });
    const d = state.devices.get(id);
    // the device confirmed it: show it now rather than waiting for its report
    if (d) d.state[key] = value;
    showError(null);
  } catch (e) {
    showError(e);
  } finally {
    delete el.dataset.busy;
    const d = state.devices.get(id);
    if (d) {
      fillState(el, d);
      fillControls(el, d);
    }
  }
}

function renderInbox() {
  const list = $('#inbox');
  list.replaceChildren();
  $('#inbox-empty').hidden = state.inbox.length > 0;
  for (const item of state.inbox) {
    const li = document.createElement('li');
    li.dataset.inbox = item.deviceId;
    const text = document.createElement('span');
    text.textContent = item.model + ' (' + item.protocol + ', ' + item.deviceId + ') — ' + item.reason;
    const secret = document.createElement('input');
    secret.placeholder = item.protocol === 'miio' ? 'token (32 hex)' : 'device key (hex)';
    secret.type = 'password';
    secret.autocomplete = 'off';
    const button = document.createElement('button');
    button.textContent = 'Adopt';
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await api('POST', '/api/v1/inbox/' + encodeURIComponent(item.deviceId) + '/adopt',
          secret.value ? { secret: secret.value } : {});
        showError(null);
        await loadAll();
      } catch (e) {
        showError(e);
        button.disabled = false;
      }
    });
    li.append(text, secret, button);
    list.append(li);
  }
}

function applyEvent(type, data) {
  const d = data && data.device ? state.devices.get(data.device) : null;
  const el = d ? document.querySelector('[data-device="' + CSS.escape(d.id) + '"]') : null;
  if (type === 'availability' && d) {
    d.status = data;
    if (el) fillStatus(el, d);
  } else if (type === 'state' && d) {
    Object.assign(d.state, data.values);
    if (el) {
      fillState(el, d);
      fillControls(el, d);
    }
  } else if (type === 'registry' || type === 'inbox' || (type === 'availability' && !d)) {
    loadAll().catch(showError);
  }
}

// Server-sent events read with fetch, because EventSource cannot send the Authorization header.
async function listen() {
  let delay = 1000;
  for (;;) {
    try {
      const res = await fetch('/api/v1/events', { headers: { Authorization: 'Bearer ' + state.token } });
      if (!res.ok) throw new Error('events: ' + res.status);
      $('#link').textContent = 'live';
      delay = 1000;
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          let type = 'message', data = '';
          for (const line of frame.split('\n')) {
            if (line.startsWith('event: ')) type = line.slice(7);
            else if (line.startsWith('data: ')) data += line.slice(6);
          }
          if (data) applyEvent(type, JSON.parse(data));
        }
      }
    } catch (e) {
      // fall through to reconnect
    }
    $('#link').textContent = 'reconnecting…';
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 15000);
    loadAll().catch(() => {});
  }
}

$('#login-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  localStorage.setItem('hearth.token', $('#token').value.trim());
  start();
});

let listening = false;
function start() {
  state.token = readToken();
  if (!state.token) { showLogin(); return; }
  loadAll().then(() => {
    if (!listening) { listening = true; listen(); }
  }).catch((e) => { if (e.message !== 'unauthorized') showError(e); });
}

start();
