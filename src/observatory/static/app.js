// Observatory dashboard: plain JS, no build step. Every string that comes from the database is put on the
// page with textContent / createTextNode, never as HTML.
'use strict';

(function () {
  const TYPE_COLOURS = {
    ASSAULT: '#b2182b', COERCE: '#e6550d', THREATEN: '#fd8d3c', MOBILIZE: '#8c510a', SANCTION: '#7b3294',
    PROTEST: '#f0b400', ACCUSE: '#de77ae', REJECT: '#c51b7d', REQUEST: '#35978f', CONSULT: '#2166ac',
    AGREE: '#1a9850', SUPPORT: '#66bd63', COOPERATE: '#01665e', AID: '#4eb3d3', CONCEDE: '#878787', RETREAT: '#4d4d4d',
  };
  const OTHER_COLOUR = '#999999';
  const PAGE = 25;
  const MAP_LIMIT = 5000;

  let generation = 0; // counts refreshes: an answer to an older one is stale
  const state = {
    type: '', country: '', actor: '', q: '', since: '', until: '', offset: 0, total: 0, selected: null,
    view: 'events', incident: null,
  };
  // the incident view's rows (newest first) after the filters: [id, lat, lon, type, n_sources, start, end,
  // place, country, n_reports, n_contradictions], as /api/incidents/points gives them
  let incidentRows = [];
  let incidentTotal = 0; // incidents matching, more than incidentRows when the rows are truncated
  const $ = (id) => document.getElementById(id);
  const colour = (type) => TYPE_COLOURS[type] || OTHER_COLOUR;

  // -- small DOM helpers: text only ---------------------------------------------------------------------
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function partyText(party) {
    if (!party) return '—';
    const name = party.name || party.text || '?';
    const code = [party.country, party.sector].filter(Boolean).join(' ');
    return code ? `${name} [${code}]` : name;
  }
  // an event's date at its precision, as the CLI writes it: 2017-11-11, 2017-W44, 2017-11, 2017, and
  // 2017-11-11? for an event dated only by its article's publication date
  function dateLabel(d) {
    if (!d) return '';
    const start = d.start || '';
    if (d.precision === 'week' && start) {
      const day = new Date(start + 'T00:00:00Z');
      const thursday = new Date(day.getTime() + (3 - ((day.getUTCDay() + 6) % 7)) * DAY);
      const jan1 = Date.UTC(thursday.getUTCFullYear(), 0, 1);
      const week = Math.floor((thursday.getTime() - jan1) / DAY / 7) + 1;
      return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
    }
    if (d.precision === 'month' && start) return start.slice(0, 7);
    if (d.precision === 'year' && start) return start.slice(0, 4);
    if (d.precision === 'day') return d.value || start;
    if (!d.text && (d.value || start)) return `${d.value || start}?`;
    return d.end && d.end !== start ? `${start}/${d.end}` : (d.value || start);
  }
  function placeText(loc) {
    if (!loc) return '—';
    return [loc.name || loc.text, loc.country].filter(Boolean).join(', ');
  }
  function setStatus(message, isError) {
    const summary = $('summary');
    summary.textContent = message;
    summary.classList.toggle('error', Boolean(isError));
  }

  // -- API ----------------------------------------------------------------------------------------------
  function query(extra, withDates, without) {
    const p = new URLSearchParams();
    // incidents are not searched by words: in their view actor and text are off, the timeline too
    const keys = state.view === 'incidents' ? ['type', 'country'] : ['type', 'country', 'actor', 'q'];
    for (const key of keys) {
      if (state[key] && key !== without) p.set(key, state[key]);
    }
    if (withDates !== false) {
      if (state.since) p.set('since', state.since);
      if (state.until) p.set('until', state.until);
    }
    for (const [k, v] of Object.entries(extra || {})) p.set(k, String(v));
    return p.toString();
  }
  async function getJSON(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      const detail = body && body.detail;
      const message = Array.isArray(detail) ? detail.map((d) => d.msg).join('; ') : (detail || response.statusText);
      throw new Error(message);
    }
    return body;
  }

  // -- map ----------------------------------------------------------------------------------------------
  if (typeof L === 'undefined' || typeof topojson === 'undefined') {
    setStatus('The dashboard\'s map libraries are missing: run `npm ci` (part of `make install`) and restart the server.', true);
    return;
  }
  const map = L.map('map', { worldCopyJump: true, minZoom: 1, maxZoom: 12, zoomSnap: 0.5 }).setView([20, 15], 2);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution('Country shapes: Natural Earth (world-atlas)');

  fetch('/vendor/world-atlas/countries-50m.json')
    .then((r) => { if (!r.ok) throw new Error('basemap missing'); return r.json(); })
    .then((topology) => {
      const land = topojson.feature(topology, topology.objects.countries);
      for (const feature of land.features) unwrap(feature.geometry);
      L.geoJSON(land, {
        interactive: false,
        style: { color: '#a9a294', weight: 0.6, fillColor: '#f4f1ea', fillOpacity: 1 },
      }).addTo(map).bringToBack();
    })
    .catch(() => setStatus('The basemap (world-atlas) could not be loaded: run `npm ci`.', true));

  // Shapes that cross the antimeridian (Chukotka, Fiji, Antarctica) jump from +180 to -180 in longitude, which
  // Leaflet would draw as a line across the whole map: keep each ring continuous instead (longitudes past 180).
  function unwrapRing(ring) {
    let shift = 0;
    return ring.map((point, i) => {
      if (i > 0) {
        const step = point[0] - ring[i - 1][0];
        if (step > 180) shift -= 360;
        else if (step < -180) shift += 360;
      }
      return [point[0] + shift, point[1]];
    });
  }
  function unwrap(geometry) {
    if (!geometry) return;
    if (geometry.type === 'Polygon') geometry.coordinates = geometry.coordinates.map(unwrapRing);
    if (geometry.type === 'MultiPolygon') geometry.coordinates = geometry.coordinates.map((p) => p.map(unwrapRing));
  }

  // place labels (capitals and cities of a million or more, from the gazetteer's data): cities of ten
  // million from zoom 2, capitals and cities of five million from zoom 3, the rest from zoom 5, under the
  // markers and never in the way of a click
  map.createPane('labels');
  map.getPane('labels').style.zIndex = 450;
  map.getPane('labels').style.pointerEvents = 'none';
  const labelLayers = { huge: L.layerGroup(), major: L.layerGroup(), minor: L.layerGroup() };
  getJSON('/api/basemap/places').then((places) => {
    for (const [name, lat, lon, population, capital] of places) {
      const tier = population >= 10000000 ? 'huge' : capital || population >= 5000000 ? 'major' : 'minor';
      const label = el('span', 'place-label' + (capital ? ' capital' : ''), name);
      const icon = L.divIcon({ html: label, className: 'place-icon', iconSize: null });
      L.marker([lat, lon], { icon, pane: 'labels', interactive: false, keyboard: false })
        .addTo(labelLayers[tier]);
    }
    showLabels();
  }).catch(() => {});
  function showLabels() {
    const zoom = map.getZoom();
    for (const [layer, from] of [[labelLayers.huge, 2], [labelLayers.major, 3], [labelLayers.minor, 5]]) {
      if (zoom >= from && !map.hasLayer(layer)) map.addLayer(layer);
      if (zoom < from && map.hasLayer(layer)) map.removeLayer(layer);
    }
  }
  map.on('zoomend', showLabels);

  // Leaflet makes markers focusable but turns Enter on one into a keypress, not a click
  function isActivation(e) {
    const key = e.originalEvent && e.originalEvent.key;
    if (key === ' ') e.originalEvent.preventDefault(); // no page scroll
    return key === 'Enter' || key === ' ';
  }
  function markerIcon(type, selected, id) {
    const dot = el('div', 'event-marker' + (selected ? ' selected' : ''));
    dot.style.background = colour(type);
    dot.dataset.type = type;
    dot.dataset.id = id;
    return L.divIcon({ html: dot, className: 'event-icon', iconSize: [14, 14], iconAnchor: [7, 7] });
  }
  function clusterIcon(cluster) {
    const counts = {};
    const children = cluster.getAllChildMarkers();
    for (const m of children) counts[m.options.eventType] = (counts[m.options.eventType] || 0) + 1;
    let at = 0;
    const stops = [];
    for (const [type, n] of Object.entries(counts).sort((a, b) => b[1] - a[1])) {
      const next = at + (n / children.length) * 360;
      stops.push(`${colour(type)} ${at.toFixed(1)}deg ${next.toFixed(1)}deg`);
      at = next;
    }
    const size = children.length < 10 ? 30 : children.length < 100 ? 36 : children.length < 1000 ? 42 : 48;
    const ring = el('div', 'event-cluster');
    ring.style.background = `conic-gradient(${stops.join(', ')})`;
    ring.dataset.count = String(children.length);
    ring.appendChild(el('span', null, children.length.toLocaleString()));
    return L.divIcon({ html: ring, className: 'cluster-icon', iconSize: [size, size] });
  }
  const cluster = L.markerClusterGroup({
    iconCreateFunction: clusterIcon, showCoverageOnHover: false, maxClusterRadius: 40, chunkedLoading: true,
    spiderfyOnMaxZoom: true,
  });
  map.addLayer(cluster);
  const markers = new Map();

  // the incident view: one marker per incident, labelled with how many sources report it; a cluster
  // counts incidents, like the event clusters count events
  function incidentIcon(row, selected) {
    const [id, , , type, sources, start, end, place] = row;
    const dot = el('div', 'incident-marker' + (selected ? ' selected' : ''), sources);
    dot.style.borderColor = colour(type);
    dot.dataset.type = type || '';
    dot.dataset.id = id;
    dot.dataset.sources = String(sources);
    dot.title = `${type || 'incident'}${place ? ` in ${place}` : ''}, ${start || '?'}` +
      `${end && end !== start ? ` to ${end}` : ''}: ${sources} source${sources === 1 ? '' : 's'}`;
    return L.divIcon({ html: dot, className: 'event-icon', iconSize: [26, 26], iconAnchor: [13, 13] });
  }
  function incidentClusterIcon(group) {
    const children = group.getAllChildMarkers();
    const size = children.length < 10 ? 30 : children.length < 100 ? 36 : 42;
    const ring = el('div', 'incident-cluster');
    ring.dataset.count = String(children.length);
    ring.title = `${children.length} incidents: zoom in to see each`;
    ring.appendChild(el('span', null, children.length.toLocaleString()));
    return L.divIcon({ html: ring, className: 'cluster-icon', iconSize: [size, size] });
  }
  const incidentCluster = L.markerClusterGroup({
    iconCreateFunction: incidentClusterIcon, showCoverageOnHover: false, maxClusterRadius: 40,
    chunkedLoading: true, spiderfyOnMaxZoom: true,
  });
  const incidentMarkers = new Map();

  // the incidents matching type, country and dates (overlap); the server also counts them by type and by
  // country for the filter lists
  // each loader draws only if no newer refresh began while its request was out: a slower stale answer
  // never overwrites a newer one
  async function loadIncidents(fit) {
    const mine = generation;
    const data = await getJSON('/api/incidents/points?' + query({ limit: MAP_LIMIT }));
    if (mine !== generation) return data;
    incidentRows = data.incidents;
    incidentCluster.clearLayers();
    incidentMarkers.clear();
    const layers = [];
    for (const row of incidentRows) {
      const [id, lat, lon, type] = row;
      if (lat === null || lon === null) continue;
      const icon = incidentIcon(row, id === state.incident);
      // the title names the focusable marker for the keyboard and screen readers
      const title = icon.options.html.title;
      const marker = L.marker([lat, lon], { icon, keyboard: true, title, eventType: type, row });
      marker.on('click', () => openIncident(id));
      marker.on('keypress', (e) => { if (isActivation(e)) openIncident(id); });
      incidentMarkers.set(id, marker);
      layers.push(marker);
    }
    incidentCluster.addLayers(layers);
    const note = $('map-note');
    const truncated = data.total > data.incidents.length;
    note.hidden = !truncated;
    note.textContent = truncated ? `Map and list show the newest ${data.incidents.length.toLocaleString()} of ` +
      `${data.total.toLocaleString()} incidents` : '';
    if (fit && layers.length) {
      map.fitBounds(L.latLngBounds(layers.map((m) => m.getLatLng())).pad(0.25), { maxZoom: 6 });
    }
    drawIncidentTable(data.total);
    return { byType: data.by_type, byCountry: data.by_country, located: data.located, total: data.total };
  }

  const legend = L.control({ position: 'bottomleft' });
  legend.onAdd = () => el('div', 'legend');
  legend.addTo(map);
  function drawLegend(byType) {
    const box = legend.getContainer();
    clear(box);
    for (const type of Object.keys(byType)) {
      const row = el('div');
      const dot = el('i');
      dot.style.background = colour(type);
      row.appendChild(dot);
      row.appendChild(document.createTextNode(type));
      box.appendChild(row);
    }
    box.hidden = Object.keys(byType).length === 0;
  }

  let revealing = Promise.resolve();
  async function loadPoints(fit) {
    const mine = generation;
    const data = await getJSON('/api/points?' + query({ limit: MAP_LIMIT }));
    await revealing;
    if (mine !== generation) return data;
    cluster.clearLayers();
    markers.clear();
    const layers = data.points.map(([id, lat, lon, type]) => {
      const icon = markerIcon(type, id === state.selected, id);
      const marker = L.marker([lat, lon], { icon, eventType: type, keyboard: true });
      marker.on('click', () => select(id));
      marker.on('keypress', (e) => { if (isActivation(e)) select(id); });
      markers.set(id, marker);
      return marker;
    });
    cluster.addLayers(layers);
    const note = $('map-note');
    note.hidden = data.total <= data.points.length;
    note.textContent = `Map shows the newest ${data.points.length.toLocaleString()} of ${data.total.toLocaleString()} located events`;
    if (fit && layers.length) {
      map.fitBounds(L.latLngBounds(layers.map((m) => m.getLatLng())).pad(0.25), { maxZoom: 6 });
    }
    return data;
  }

  // -- timeline -----------------------------------------------------------------------------------------
  const SVG = 'http://www.w3.org/2000/svg';
  const DAY = 86400000;
  const timeline = { bins: [], first: 0, step: 1, count: 0, width: 0, height: 0, pad: 24 };
  const toDay = (iso) => Math.round(Date.parse(iso + 'T00:00:00Z') / DAY);
  const toIso = (day) => new Date(day * DAY).toISOString().slice(0, 10);

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  // Events dated by one day are bars; events dated by a range (a week, a month, a year) are drawn as that
  // range, in lanes under the axis. The axis spans the days and the short ranges: a year-precision event
  // must not stretch it, so long ranges are clipped to it (their title says so).
  function drawTimeline(byDay, bySpan) {
    const box = $('timeline');
    clear(box);
    const width = box.clientWidth || 800;
    const height = box.clientHeight || 124;
    Object.assign(timeline, { width, height, bins: [] });
    const single = Object.assign({}, byDay);
    const spans = Object.entries(bySpan || {}).map(([key, n]) => {
      const [s0, e0] = key.split('/');
      single[s0] = (single[s0] || 0) - n;
      return { start: toDay(s0), end: toDay(e0), n, key };
    });
    const days = Object.keys(single).filter((d) => single[d] > 0).map(toDay);
    const short = spans.filter((sp) => sp.end - sp.start <= 31);
    let lows = days.concat(short.map((sp) => sp.start));
    let highs = days.concat(short.map((sp) => sp.end));
    if (!lows.length) { lows = spans.map((sp) => sp.start); highs = spans.map((sp) => sp.end); }
    if (!lows.length) {
      box.appendChild(svg('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'axis' }, 'No dated events'));
      return;
    }
    const first = Math.min(...lows);
    const last = Math.max(...highs);
    const span = last - first + 1;
    const usable = width - 2 * timeline.pad;
    const step = Math.max(1, Math.ceil(span / Math.max(1, usable / 3))); // bars at least ~3px wide
    const count = Math.ceil(span / step);
    const bins = new Array(count).fill(0);
    for (const [iso, n] of Object.entries(single)) {
      if (n > 0) bins[Math.floor((toDay(iso) - first) / step)] += n;
    }
    Object.assign(timeline, { bins, first, step, count });
    const top = Math.max(1, ...bins);
    const barW = usable / count;
    const chartH = height - 36;
    const since = state.since ? toDay(state.since) : -Infinity;
    const until = state.until ? toDay(state.until) : Infinity;
    const filtered = Boolean(state.since || state.until);
    bins.forEach((n, i) => {
      if (!n) return;
      const h = Math.max(2, (n / top) * (chartH - 16)); // headroom for the labels
      const binStart = first + i * step;
      const inside = binStart + step - 1 >= since && binStart <= until;
      const w = Math.max(3, barW - (barW > 4 ? 1 : 0)); // a lone day stays visible
      const rect = svg('rect', {
        x: timeline.pad + i * barW + Math.min(0, (barW - w) / 2), y: chartH - h, width: w, height: h,
        class: 'bar' + (filtered && inside ? ' in' : ''),
      });
      const label = step === 1 ? toIso(binStart) : `${toIso(binStart)} – ${toIso(binStart + step - 1)}`;
      rect.appendChild(svg('title', {}, `${label}: ${n} event${n === 1 ? '' : 's'}`));
      box.appendChild(rect);
    });
    const lanes = [];
    for (const sp of spans.sort((a, b) => a.start - b.start || b.end - a.end)) {
      const from = Math.max(sp.start, first);
      const to = Math.min(sp.end, last);
      let lane = lanes.findIndex((endOfLane) => endOfLane < from);
      if (lane < 0) { lane = lanes.length; lanes.push(to); } else lanes[lane] = to;
      if (lane > 2) lane = 2; // at most three lanes: later ones overlap
      const clipped = sp.start < first || sp.end > last;
      const x0 = xOfDay(from);
      const rect = svg('rect', {
        x: x0, y: chartH + 4 + lane * 5, width: Math.max(3, xOfDay(to + 1) - x0), height: 3,
        class: 'span' + (filtered && sp.end >= since && sp.start <= until ? ' in' : '')
          + (clipped ? ' clipped' : ''),
      });
      const what = `${dateLabel({ start: toIso(sp.start), end: toIso(sp.end), precision: precisionOf(sp) })}`;
      rect.appendChild(svg('title', {}, `${what}: ${sp.n} event${sp.n === 1 ? '' : 's'} dated by this range` +
        (clipped ? ' (it extends beyond the axis)' : '')));
      box.appendChild(rect);
    }
    box.appendChild(svg('line', { x1: timeline.pad, x2: width - timeline.pad, y1: chartH, y2: chartH, class: 'baseline' }));
    box.appendChild(svg('text', { x: timeline.pad, y: height - 4, class: 'axis' }, toIso(first)));
    const right = { x: width - timeline.pad, y: height - 4, 'text-anchor': 'end', class: 'axis' };
    box.appendChild(svg('text', right, toIso(last)));
    box.appendChild(svg('text', { x: timeline.pad - 4, y: 10, 'text-anchor': 'end', class: 'axis' }, top));
    if (step > 1) {
      box.appendChild(svg('text', { x: width - timeline.pad, y: 10, 'text-anchor': 'end', class: 'axis' },
        `each bar: ${step} days`));
    }
    if (filtered) {
      const x0 = xOfDay(Math.max(first, state.since ? toDay(state.since) : first));
      const x1 = xOfDay(Math.min(last, state.until ? toDay(state.until) : last) + 1);
      const band = { x: x0, y: 0, width: Math.max(2, x1 - x0), height: chartH + 18, class: 'brush' };
      box.appendChild(svg('rect', band));
    }
  }
  function precisionOf(sp) {
    const length = sp.end - sp.start + 1;
    if (length === 7 && new Date(sp.start * DAY).getUTCDay() === 1) return 'week';
    if (toIso(sp.start).endsWith('-01') && toIso(sp.end + 1).endsWith('-01') && length <= 31) return 'month';
    const wholeYear = toIso(sp.start).endsWith('-01-01') && toIso(sp.end).endsWith('-12-31');
    if (wholeYear && length <= 366) return 'year';
    return 'range';
  }
  function xOfDay(day) {
    const usable = timeline.width - 2 * timeline.pad;
    return timeline.pad + ((day - timeline.first) / (timeline.count * timeline.step)) * usable;
  }
  function dayOfX(x) {
    const usable = timeline.width - 2 * timeline.pad;
    const f = Math.min(1, Math.max(0, (x - timeline.pad) / usable));
    return timeline.first + Math.floor(f * timeline.count * timeline.step);
  }

  // brushing: drag across the timeline to set since/until; a click without a drag clears them
  (function brush() {
    const box = $('timeline');
    let start = null;
    let band = null;
    const xOf = (event) => event.clientX - box.getBoundingClientRect().left;
    box.addEventListener('pointerdown', (event) => {
      if (!timeline.count) return;
      start = xOf(event);
      box.setPointerCapture(event.pointerId);
      band = svg('rect', { x: start, y: 0, width: 0, height: timeline.height - 18, class: 'brush' });
      box.appendChild(band);
    });
    box.addEventListener('pointermove', (event) => {
      if (start === null) return;
      const x = xOf(event);
      band.setAttribute('x', Math.min(start, x));
      band.setAttribute('width', Math.abs(x - start));
    });
    box.addEventListener('pointerup', (event) => {
      if (start === null) return;
      const x = xOf(event);
      const moved = Math.abs(x - start) > 3;
      const a = dayOfX(Math.min(start, x));
      const b = dayOfX(Math.max(start, x));
      start = null;
      if (moved) {
        state.since = toIso(a);
        state.until = toIso(Math.max(a, b));
      } else {
        state.since = state.until = '';
      }
      refresh({ timeline: false });
    });
  })();

  function showRange() {
    const range = $('range');
    const has = Boolean(state.since || state.until);
    $('since').value = state.since;
    $('until').value = state.until;
    range.textContent = has ? `${state.since || '…'} to ${state.until || '…'}` : 'drag across the timeline to filter by dates';
    range.classList.toggle('muted', !has);
    $('clear-dates').hidden = !has;
  }

  // -- table --------------------------------------------------------------------------------------------
  async function loadTable() {
    const mine = generation;
    const data = await getJSON('/api/events?' + query({ limit: PAGE, offset: state.offset }));
    if (mine !== generation) return data;
    state.total = data.total;
    const body = document.querySelector('#events tbody');
    clear(body);
    for (const e of data.events) {
      const row = el('tr');
      row.dataset.id = e.id;
      row.tabIndex = 0;
      row.setAttribute('aria-selected', String(e.id === state.selected));
      if (e.id === state.selected) row.classList.add('selected');
      const typeCell = el('td', 'type');
      const swatch = el('i', 'swatch');
      swatch.style.background = colour(e.event_type);
      typeCell.appendChild(swatch);
      typeCell.appendChild(document.createTextNode(e.event_type));
      const dateCell = el('td', 'date', dateLabel(e.date));
      if (e.date && e.date.precision) dateCell.title = `precision: ${e.date.precision}`;
      const cells = [
        dateCell, typeCell, el('td', 'actor' + (e.actor ? '' : ' empty'), partyText(e.actor)),
        el('td', 'recipient' + (e.recipient ? '' : ' empty'), partyText(e.recipient)),
        el('td', 'place' + (e.location ? '' : ' empty'), placeText(e.location)),
        el('td', 'opt', e.status),
        el('td', 'opt', (e.attribution && e.attribution.source) || ''),
      ];
      for (const cell of cells) row.appendChild(cell);
      row.addEventListener('click', () => select(e.id, { reveal: true }));
      row.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          select(e.id, { reveal: true });
        }
        const next = event.key === 'ArrowDown' ? row.nextElementSibling
          : event.key === 'ArrowUp' ? row.previousElementSibling : null;
        if (next) { event.preventDefault(); next.focus(); }
      });
      body.appendChild(row);
    }
    if (!data.events.length) {
      const row = el('tr');
      const cell = el('td', 'hint', 'No events match these filters.');
      cell.colSpan = 7;
      row.appendChild(cell);
      body.appendChild(row);
    }
    const last = Math.min(state.offset + PAGE, data.total);
    $('page').textContent = data.total ? `${state.offset + 1}–${last} of ${data.total.toLocaleString()}` : '';
    $('prev').disabled = state.offset === 0;
    $('next').disabled = last >= data.total;
    return data;
  }

  // rows of the incident view: one page of incidentRows, keyboard like the event rows
  function drawIncidentTable(matching) {
    if (matching !== undefined) incidentTotal = matching;
    const body = document.querySelector('#incidents tbody');
    clear(body);
    const page = incidentRows.slice(state.offset, state.offset + PAGE);
    for (const [id, , , type, sources, start, end, place, country, reports, disputes] of page) {
      const row = el('tr');
      row.dataset.id = id;
      row.tabIndex = 0;
      row.setAttribute('aria-selected', String(id === state.incident));
      if (id === state.incident) row.classList.add('selected');
      const typeCell = el('td', 'type');
      const swatch = el('i', 'swatch');
      swatch.style.background = colour(type);
      typeCell.appendChild(swatch);
      typeCell.appendChild(document.createTextNode(type || '?'));
      const dateCell = el('td', 'date', start && end && end !== start ? `${start}/${end}` : (start || '?'));
      const sourceCell = el('td', 'sources', `${sources} source${sources === 1 ? '' : 's'}`);
      const disputeCell = el('td', 'opt' + (disputes ? ' disputed' : ''), disputes ? `${disputes} ⚠` : '—');
      const placeName = [place, country].filter(Boolean).join(', ');
      const cells = [dateCell, typeCell, el('td', 'place' + (placeName ? '' : ' empty'), placeName || '—'),
        sourceCell, el('td', 'opt', reports), disputeCell];
      for (const cell of cells) row.appendChild(cell);
      row.addEventListener('click', () => openIncident(id, { reveal: true }));
      row.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          openIncident(id, { reveal: true });
        }
        const next = event.key === 'ArrowDown' ? row.nextElementSibling
          : event.key === 'ArrowUp' ? row.previousElementSibling : null;
        if (next) { event.preventDefault(); next.focus(); }
      });
      body.appendChild(row);
    }
    if (!page.length) {
      const row = el('tr');
      const filtered = state.type || state.country || state.since || state.until;
      const cell = el('td', 'hint', filtered ? 'No incidents match these filters.'
        : 'No incidents yet: `observatory ingest` fuses reports into incidents, `observatory fuse --db DB` ' +
          'fuses a store from scratch.');
      cell.colSpan = 6;
      row.appendChild(cell);
      body.appendChild(row);
    }
    const total = incidentRows.length;
    const last = Math.min(state.offset + PAGE, total);
    const of = incidentTotal > total ? `${total.toLocaleString()} newest of ${incidentTotal.toLocaleString()}`
      : total.toLocaleString();
    $('page').textContent = total ? `${state.offset + 1}–${last} of ${of}` : '';
    $('prev').disabled = state.offset === 0;
    $('next').disabled = last >= total;
  }

  // -- the incident panel: its reports side by side, its contradictions marked -------------------------
  const KIND_LABELS = {
    actor: 'Who did it', date: 'When', place: 'Where', outcome: 'Whether it happened',
  };
  function fatalitiesText(n) {
    if (n === null || n === undefined) return null;
    if (typeof n === 'object') {
      if (n.value !== undefined && n.value !== null) return String(n.value);
      if (n.min !== undefined) return n.max !== undefined && n.max !== n.min ? `${n.min}–${n.max}` : String(n.min);
      return null;
    }
    return String(n);
  }

  async function openIncident(id, options) {
    const before = state.incident;
    state.incident = id;
    for (const markerId of new Set([before, id])) {
      const marker = incidentMarkers.get(markerId);
      if (marker) marker.setIcon(incidentIcon(marker.options.row, markerId === id));
    }
    const chosen = incidentMarkers.get(id);
    if (chosen && options && options.reveal && map.hasLayer(incidentCluster) && incidentCluster.hasLayer(chosen)) {
      incidentCluster.zoomToShowLayer(chosen, () => {});
    }
    for (const row of document.querySelectorAll('#incidents tbody tr')) {
      row.classList.toggle('selected', row.dataset.id === id);
      row.setAttribute('aria-selected', String(row.dataset.id === id));
    }
    const panel = $('detail');
    let inc;
    try {
      inc = await getJSON('/api/incidents/' + encodeURIComponent(id));
    } catch (err) {
      clear(panel);
      panel.appendChild(el('p', 'error', `Could not load the incident: ${err.message}`));
      return;
    }
    if (state.incident !== id) return;
    clear(panel);
    const box = el('div', 'incident');
    box.dataset.id = id;

    const title = el('p', 'triple');
    const type = el('span', 'type', inc.event_type || 'Incident');
    type.style.color = colour(inc.event_type);
    title.appendChild(type);
    const where = inc.location ? placeText(inc.location) : 'place unknown';
    const when = inc.start ? (inc.end && inc.end !== inc.start ? `${inc.start} to ${inc.end}` : inc.start) : 'date unknown';
    title.appendChild(el('span', 'arrow', '·'));
    title.appendChild(el('span', null, `${where}, ${when}`));
    box.appendChild(title);

    const facts = el('dl', 'facts');
    const sources = inc.sources || [];
    fact(facts, 'Sources', `${inc.n_sources} (${sources.join(', ')})`);
    fact(facts, 'Reports', `${(inc.events || []).length} events from ${(inc.article_ids || []).length} articles`);
    if (inc.first_report) {
      fact(facts, 'First report', [inc.first_report.source, inc.first_report.published].filter(Boolean).join(' · '));
    }
    fact(facts, 'Actors', (inc.actors || []).join(', '));
    if (inc.fatalities) {
      const by = Object.entries(inc.fatalities.by || {}).map(([who, n]) => `${n} according to ${who}`).join('; ');
      const range = inc.fatalities.min === inc.fatalities.max ? String(inc.fatalities.min)
        : `${inc.fatalities.min}–${inc.fatalities.max}`;
      fact(facts, 'Fatalities', `${range}${by ? ` (${by})` : ''}`);
    }
    box.appendChild(facts);

    // which side of which contradiction each report takes, to mark it on its card
    const sideOf = {};
    const disputes = inc.contradictions || [];
    if (disputes.length) {
      const section = el('section', 'contradictions');
      section.setAttribute('role', 'group');
      section.setAttribute('aria-label', 'Contradictions between the reports');
      section.appendChild(el('h3', null, `⚠ The reports disagree (${disputes.length})`));
      const list = el('ul');
      for (const c of disputes) {
        const item = el('li', 'contradiction');
        item.dataset.kind = c.kind;
        item.appendChild(el('strong', 'kind', `${KIND_LABELS[c.kind] || c.kind}:`));
        const sides = el('ul', 'sides');
        for (const side of c.sides || []) {
          const line = el('li', 'side');
          line.appendChild(el('span', 'value', side.value));
          line.appendChild(document.createTextNode(' according to '));
          line.appendChild(el('span', 'who', (side.sources || []).join(', ') || '?'));
          sides.appendChild(line);
          for (const eid of side.event_ids || []) {
            (sideOf[eid] = sideOf[eid] || []).push(`${KIND_LABELS[c.kind] || c.kind}: ${side.value}`);
          }
        }
        item.appendChild(sides);
        list.appendChild(item);
      }
      section.appendChild(list);
      box.appendChild(section);
    }

    box.appendChild(el('h3', 'reports-head', 'Reports side by side'));
    const grid = el('div', 'reports');
    const articles = inc.articles || {};
    // first published first, as the incident's first report is
    const published = (e) => (articles[e.article_id] || {}).published || '9999';
    const reports = (inc.events || []).slice().sort((x, y) =>
      published(x).localeCompare(published(y)) || String(x.article_id).localeCompare(String(y.article_id)));
    for (const e of reports) {
      const a = articles[e.article_id] || {};
      const card = el('article', 'report' + (sideOf[e.id] ? ' disputed' : ''));
      card.dataset.id = e.id;
      const head = el('header', 'report-head');
      head.appendChild(el('strong', 'outlet', a.source || e.article_id));
      if (a.published) head.appendChild(el('span', 'muted', a.published));
      card.appendChild(head);
      const list = el('dl', 'facts');
      fact(list, 'Date', dateLabel(e.date) || 'unknown');
      fact(list, 'Actor', partyText(e.actor));
      fact(list, 'Recipient', partyText(e.recipient));
      fact(list, 'Fatalities', fatalitiesText(e.fatalities) || 'not stated');
      if (e.attribution && e.attribution.source) fact(list, 'Says', e.attribution.source);
      if (e.status && e.status !== 'occurred') fact(list, 'Status', e.status);
      card.appendChild(list);
      if (sideOf[e.id]) {
        const note = el('p', 'side-note', `⚠ ${sideOf[e.id].join('; ')}`);
        card.appendChild(note);
      }
      const quote = el('blockquote', 'evidence');
      const sentence = (e.evidence && e.evidence.sentence) || '';
      const trigger = (e.evidence && e.evidence.trigger) || '';
      const at = trigger ? sentence.indexOf(trigger) : -1;
      if (at >= 0) {
        quote.appendChild(document.createTextNode(sentence.slice(0, at)));
        quote.appendChild(el('strong', 'trigger', trigger));
        quote.appendChild(document.createTextNode(sentence.slice(at + trigger.length)));
      } else {
        quote.textContent = sentence;
      }
      card.appendChild(quote);
      const open = el('button', 'link', 'Read the article');
      open.type = 'button';
      open.addEventListener('click', () => select(e.id));
      card.appendChild(open);
      grid.appendChild(card);
    }
    box.appendChild(grid);
    panel.appendChild(box);
    panel.scrollTop = 0;
  }

  // -- the detail panel ---------------------------------------------------------------------------------
  // evidence offsets count Unicode code points (Python); JavaScript strings index UTF-16 code units
  function utf16Index(text, codePoints) {
    let i = 0;
    for (let n = 0; n < codePoints && i < text.length; n++) {
      const c = text.charCodeAt(i);
      i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
    }
    return i;
  }
  function fact(list, label, value) {
    if (value === null || value === undefined || value === '') return;
    list.appendChild(el('dt', null, label));
    list.appendChild(el('dd', null, value));
  }

  async function select(id, options) {
    const before = state.selected;
    state.selected = id;
    for (const markerId of new Set([before, id])) {
      const marker = markers.get(markerId);
      if (marker) marker.setIcon(markerIcon(marker.options.eventType, markerId === id, markerId));
    }
    const chosen = markers.get(id);
    if (chosen && options && options.reveal && cluster.hasLayer(chosen)) {
      // out of its cluster and in view; the markers are not replaced until that is done
      revealing = new Promise((resolve) => {
        cluster.zoomToShowLayer(chosen, resolve);
        setTimeout(resolve, 2000);
      });
    }
    for (const row of document.querySelectorAll('#events tbody tr')) {
      row.classList.toggle('selected', row.dataset.id === id);
      row.setAttribute('aria-selected', String(row.dataset.id === id));
    }
    const panel = $('detail');
    let data;
    try {
      data = await getJSON('/api/events/' + encodeURIComponent(id));
    } catch (err) {
      clear(panel);
      panel.appendChild(el('p', 'error', `Could not load the event: ${err.message}`));
      return;
    }
    if (state.selected !== id) return;
    const e = data.event;
    const a = data.article;
    clear(panel);

    const triple = el('p', 'triple');
    triple.appendChild(el('span', 'actor', partyText(e.actor)));
    triple.appendChild(el('span', 'arrow', '→'));
    const type = el('span', 'type', e.event_type);
    type.style.color = colour(e.event_type);
    triple.appendChild(type);
    triple.appendChild(el('span', 'arrow', '→'));
    triple.appendChild(el('span', 'recipient', partyText(e.recipient)));
    panel.appendChild(triple);

    const facts = el('dl', 'facts');
    const d = e.date || {};
    const range = d.start && d.end && d.start !== d.end ? ` (${d.start} to ${d.end})` : '';
    const precision = !d.text && d.value ? 'publication date (no time expression)'
      : (d.precision || 'unknown');
    const quoted = d.text ? ` · “${d.text}”` : '';
    fact(facts, 'Date', `${dateLabel(d) || 'unknown'}${range} · ${precision}${quoted}`);
    const loc = e.location;
    fact(facts, 'Place', loc ? `${placeText(loc)}${loc.precision ? ` · ${loc.precision}` : ''}` : 'not stated');
    fact(facts, 'Status', e.status);
    const att = e.attribution;
    fact(facts, 'Attribution', att ? [att.source, att.text ? `“${att.text}”` : ''].filter(Boolean).join(' · ') : 'none');
    fact(facts, 'Trigger', e.evidence && e.evidence.trigger);
    fact(facts, 'Codes', [e.cameo && `CAMEO ${e.cameo}`, e.mode, e.acled_sub_event_type].filter(Boolean).join(' · '));
    fact(facts, 'Confidence', e.confidence);
    panel.appendChild(facts);
    if (e.incident_id) showIncidentOf(e, facts);

    const head = el('div', 'article-head');
    head.appendChild(el('h3', null, a.title || a.id));
    const meta = el('p', 'article-meta');
    meta.appendChild(document.createTextNode([a.published, a.source].filter(Boolean).join(' · ')));
    if (a.url) {
      let safe = null;
      try { safe = new URL(a.url); } catch (_) { safe = null; }
      if (safe && (safe.protocol === 'https:' || safe.protocol === 'http:')) {
        if (meta.firstChild.textContent) meta.appendChild(document.createTextNode(' · '));
        const link = el('a', null, safe.hostname);
        link.href = safe.href;
        link.rel = 'noopener noreferrer';
        link.target = '_blank';
        meta.appendChild(link);
      }
    }
    head.appendChild(meta);
    panel.appendChild(head);

    const text = a.text || '';
    const start = utf16Index(text, e.evidence.start);
    const end = utf16Index(text, e.evidence.end);
    const body = el('div', 'article-text');
    body.appendChild(document.createTextNode(text.slice(0, start)));
    const mark = el('mark', null, text.slice(start, end));
    body.appendChild(mark);
    body.appendChild(document.createTextNode(text.slice(end)));
    panel.appendChild(body);
    // the panel stays at its top (who did what to whom); only the article's own box scrolls to the sentence
    panel.scrollTop = 0;
    body.scrollTop = Math.max(0, mark.offsetTop - body.clientHeight / 3); // offsets within the box (relative)
  }

  // the incident an event belongs to, when other reports tell of it too: a link that opens it
  async function showIncidentOf(e, facts) {
    let inc;
    try {
      inc = await getJSON('/api/incidents/' + encodeURIComponent(e.incident_id));
    } catch (_) {
      return; // the event panel stands without it
    }
    if (state.selected !== e.id || !facts.isConnected || (inc.event_ids || []).length < 2) return;
    const dt = el('dt', null, 'Incident');
    const dd = el('dd', 'incident-of');
    const link = el('button', 'link',
      `${inc.event_ids.length} reports from ${inc.n_sources} source${inc.n_sources === 1 ? '' : 's'}` +
      `${(inc.contradictions || []).length ? ', which disagree' : ''}: compare them`);
    link.type = 'button';
    link.dataset.incident = e.incident_id;
    link.addEventListener('click', () => openIncident(e.incident_id, { reveal: true }));
    dd.appendChild(link);
    facts.insertBefore(dd, facts.firstChild);
    facts.insertBefore(dt, dd);
  }

  // -- filters and refresh ------------------------------------------------------------------------------
  function fillSelect(select, counts, allLabel) {
    const current = select.value;
    clear(select);
    select.appendChild(el('option', null, allLabel));
    select.firstChild.value = '';
    if (current && !(current in counts)) counts = Object.assign({ [current]: 0 }, counts);
    for (const [value, n] of Object.entries(counts)) {
      const option = el('option', null, `${value} (${n.toLocaleString()})`);
      option.value = value;
      select.appendChild(option);
    }
    select.value = current;
  }

  async function refresh(options) {
    const opts = Object.assign({ timeline: true, fit: true }, options);
    const mine = ++generation;
    state.offset = 0;
    showRange();
    setStatus('Loading…');
    try {
      if (state.view === 'incidents') {
        const jobs = [loadIncidents(opts.fit)];
        if (opts.timeline) jobs.push(getJSON('/api/stats?' + query({}, false)));
        const [found, stats] = await Promise.all(jobs);
        if (mine !== generation) return;
        fillSelect($('filter-type'), found.byType, 'All types');
        fillSelect($('filter-country'), found.byCountry, 'All countries');
        if (stats) {
          lastStats = stats;
          drawLegend(stats.by_type);
        }
        drawTimeline(lastStats.by_day, lastStats.by_span);
        const n = found.total;
        setStatus(`${n.toLocaleString()} ${n === 1 ? 'incident matches' : 'incidents match'} · ` +
          `${found.located.toLocaleString()} located on the map`);
        return;
      }
      // each list counts what choosing an entry would show: the other filters applied, not its own
      const jobs = [loadPoints(opts.fit), loadTable(), getJSON('/api/stats?' + query({}, true, 'type')),
        getJSON('/api/stats?' + query({}, true, 'country'))];
      if (opts.timeline) jobs.push(getJSON('/api/stats?' + query({}, false)));
      const [points, page, types, countries, stats] = await Promise.all(jobs);
      if (mine !== generation) return;
      fillSelect($('filter-type'), types.by_type, 'All types');
      fillSelect($('filter-country'), countries.by_any_country, 'All countries');
      if (stats) {
        lastStats = stats;
        drawLegend(stats.by_type);
      }
      drawTimeline(lastStats.by_day, lastStats.by_span);
      const matching = page.total === 1 ? 'event matches' : 'events match';
      setStatus(`${page.total.toLocaleString()} ${matching} · ${points.total.toLocaleString()} located on the map`);
    } catch (err) {
      if (mine === generation) setStatus(err.message, true);
    }
  }
  let lastStats = { by_day: {}, by_span: {} };

  function debounce(fn, ms) {
    let timer = null;
    return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
  }
  const onText = debounce(() => refresh(), 300);
  $('filters').addEventListener('submit', (event) => event.preventDefault());
  $('filter-type').addEventListener('change', (event) => { state.type = event.target.value; refresh(); });
  $('filter-country').addEventListener('change', (event) => { state.country = event.target.value; refresh(); });
  $('filter-actor').addEventListener('input', (event) => { state.actor = event.target.value.trim(); onText(); });
  $('filter-q').addEventListener('input', (event) => { state.q = event.target.value.trim(); onText(); });
  $('clear').addEventListener('click', () => {
    Object.assign(state, { type: '', country: '', actor: '', q: '', since: '', until: '' });
    for (const id of ['filter-type', 'filter-country', 'filter-actor', 'filter-q']) $(id).value = '';
    refresh();
  });
  $('clear-dates').addEventListener('click', () => { state.since = state.until = ''; refresh({ timeline: false }); });
  function turnPage() {
    if (state.view === 'incidents') drawIncidentTable();
    else loadTable().catch((e) => setStatus(e.message, true));
  }
  $('prev').addEventListener('click', () => { state.offset = Math.max(0, state.offset - PAGE); turnPage(); });
  $('next').addEventListener('click', () => { state.offset += PAGE; turnPage(); });

  // events or incidents: the same filters (but words), the same map, the same panel
  function setView(view) {
    if (state.view === view) return;
    state.view = view;
    const incidents = view === 'incidents';
    $('view-events').setAttribute('aria-pressed', String(!incidents));
    $('view-incidents').setAttribute('aria-pressed', String(incidents));
    $('events').hidden = incidents;
    $('incidents').hidden = !incidents;
    for (const id of ['filter-actor', 'filter-q']) {
      $(id).disabled = incidents;
      $(id).title = incidents ? 'Incidents are filtered by type, country and dates only' : '';
    }
    $('map').setAttribute('aria-label', incidents ? 'Map of incidents' : 'Map of events');
    map.removeLayer(incidents ? cluster : incidentCluster);
    map.addLayer(incidents ? incidentCluster : cluster);
    refresh();
  }
  $('view-events').addEventListener('click', () => setView('events'));
  $('view-incidents').addEventListener('click', () => setView('incidents'));
  window.addEventListener('resize', debounce(() => drawTimeline(lastStats.by_day, lastStats.by_span), 200));
  // the date filter from the keyboard: the same since/until the brush sets
  for (const id of ['since', 'until']) {
    $(id).addEventListener('change', (event) => {
      state[id] = event.target.value;
      if (state.since && state.until && state.since > state.until) {
        setStatus('“From” is after “To”: nothing could match', true);
        return;
      }
      refresh({ timeline: false });
    });
  }
  refresh();
})();
