// PerfGate dashboard. Reads the JSON block and draws everything with DOM APIs: data only ever
// reaches the page through textContent and setAttribute, never as markup.
(function () {
  'use strict';

  var HOUR = 3600, DAY = 86400;
  var RANGES = { '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY, all: Infinity };
  var SEVERITY_RANK = { ok: 0, warning: 1, error: 2, critical: 3 };
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  var SVG = 'http://www.w3.org/2000/svg';
  var H = 220, M = { l: 70, r: 14, t: 10, b: 26 }; // chart height and margins, in CSS pixels
  var EAGER_LIMIT = 24; // up to this many visible cards, draw every chart at once; beyond, draw as they scroll in
  var FLAT = 0.02;      // |change| below 2 % reads as flat

  var data = JSON.parse(document.getElementById('perfgate-data').textContent);
  var base = data.base, now = data.generated - data.base;
  var series = data.series, runs = data.runs, alerts = data.alerts;
  // A point's time is its run's: expand once into a per-series array (oldest first, as written).
  series.forEach(function (s) { s.t = s.r.map(function (k) { return runs[k][3]; }); });

  // ---- formatting (fixed, locale-free, UTC: the page reads the same everywhere) ----
  function pad(n) { return n < 10 ? '0' + n : String(n); }
  function toDate(rel) { return new Date((rel + base) * 1000); }
  function isoTime(rel) { return toDate(rel).toISOString().replace('.000Z', 'Z'); }
  function dateTime(rel) {
    var d = toDate(rel);
    return d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate()) + ' ' + pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes());
  }
  function dayLabel(rel) { var d = toDate(rel); return MONTHS[d.getUTCMonth()] + ' ' + d.getUTCDate(); }
  function hourLabel(rel) { var d = toDate(rel); return pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes()); }

  // A display scale for a magnitude: ns → μs/ms/s, B → KiB/MiB/GiB, anything else → k/M/G on the number.
  function scaleFor(unit, magnitude) {
    var steps, a = Math.abs(magnitude);
    if (unit === 'ns') steps = [[1, '', 'ns'], [1e3, '', 'μs'], [1e6, '', 'ms'], [1e9, '', 's']];
    else if (unit === 'B') steps = [[1, '', 'B'], [1024, '', 'KiB'], [1048576, '', 'MiB'], [1073741824, '', 'GiB']];
    else steps = [[1, '', unit], [1e3, 'k', unit], [1e6, 'M', unit], [1e9, 'G', unit]];
    var chosen = steps[0];
    for (var i = 0; i < steps.length; i++) if (a >= steps[i][0]) chosen = steps[i];
    return { div: chosen[0], suffix: chosen[1], unit: chosen[2] };
  }
  function num(x) {
    var a = Math.abs(x);
    if (a === 0) return '0';
    if (a >= 1e6 || a < 1e-3) return x.toExponential(2);
    if (a >= 100) return x.toFixed(0);
    if (a >= 10) return x.toFixed(1);
    return x.toFixed(2);
  }
  function scaled(value, s) { return num(value / s.div) + s.suffix + (s.unit ? ' ' + s.unit : ''); }
  function quantity(value, unit) {
    if (value === null || value === undefined) return '–';
    return scaled(value, scaleFor(unit, value));
  }
  function percent(p) { return (p > 0 ? '+' : p < 0 ? '−' : '±') + Math.abs(p).toFixed(1) + ' %'; }

  // ---- element helpers ----
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function svg(tag, attrs, parent) {
    var e = document.createElementNS(SVG, tag);
    for (var k in attrs) e.setAttribute(k, String(attrs[k]));
    if (parent) parent.appendChild(e);
    return e;
  }
  function byId(id) { return document.getElementById(id); }

  // ---- state ----
  var spanned = 0;
  series.forEach(function (s) { if (s.t.length) spanned = Math.max(spanned, now - s.t[0]); });
  // Default range: everything, unless there is more than 30 days of it; then the last 30 days.
  var state = { range: spanned > 30 * DAY ? '30d' : 'all', query: '', onlyAlerts: false };
  var version = 0; // bumped on each filter change; a card's chart is redrawn when its version is stale

  function cutoff() { var r = RANGES[state.range]; return r === Infinity ? -Infinity : now - r; }
  function firstIndexFrom(t, from) { // points are oldest first: binary search for the first t >= from
    var lo = 0, hi = t.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (t[mid] < from) lo = mid + 1; else hi = mid; }
    return lo;
  }
  function median(values) {
    var v = values.filter(function (x) { return x !== null; }).sort(function (a, b) { return a - b; });
    if (!v.length) return null;
    var m = v.length >> 1;
    return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
  }

  // alerts per series and per point
  var alertsBySeries = series.map(function () { return []; });
  alerts.forEach(function (a) { if (a.s >= 0) alertsBySeries[a.s].push(a); });

  function alertsInRange(list, from) { return list.filter(function (a) { return a.t >= from; }); }
  function worst(list) {
    var w = null;
    list.forEach(function (a) { if (w === null || (SEVERITY_RANK[a.sev] || 0) > (SEVERITY_RANK[w] || 0)) w = a.sev; });
    return w;
  }

  // ---- cards ----
  var cards = series.map(function (s, i) {
    var card = el('article', 'pg-card');
    card.setAttribute('data-card-id', s.id);
    var head = el('div', 'pg-card-head');
    var titles = el('div');
    titles.appendChild(el('h3', 'pg-card-name', s.name));
    if (s.id !== s.name) titles.appendChild(el('p', 'pg-card-id', s.id));
    head.appendChild(titles);
    card.appendChild(head);
    var metrics = el('div', 'pg-metrics');
    card.appendChild(metrics);
    var box = el('div', 'pg-chart-box');
    card.appendChild(box);
    return { index: i, s: s, card: card, metrics: metrics, box: box, drawn: -1, visible: false };
  });
  // The first cards: the latest run's Performance Index and Regression Score, worded in C# (the same text as the terminal).
  (function composite(c) {
    if (!c) { byId('pg-composite').hidden = true; return; }
    byId('pg-composite-run').textContent = '#' + c.run + (c.commit ? ' · ' + String(c.commit).slice(0, 7) : '') + ' · ' + isoTime(c.time - base);
    byId('pg-index-value').textContent = c.index;
    byId('pg-index-detail').textContent = c.indexDetail;
    byId('pg-index-card').className = 'pg-composite-card pg-status-' + c.indexSeverity;
    byId('pg-score-value').textContent = c.score;
    byId('pg-score-detail').textContent = c.scoreDetail;
  })(data.composite);

  var grid = byId('pg-cards');
  cards.forEach(function (c) { grid.appendChild(c.card); });

  function worseWhenUp(s) { return !s.bib; }
  function changeClass(s, ratio) {
    if (ratio === null || Math.abs(ratio) < FLAT) return 'pg-flat';
    return (ratio > 0) === worseWhenUp(s) ? 'pg-worse' : 'pg-better';
  }

  function updateCard(c, from, seriesAlerts) {
    var s = c.s, start = firstIndexFrom(s.t, from), n = s.t.length - start;
    var m = c.metrics;
    m.textContent = '';
    var status = 'none';
    var open = seriesAlerts.filter(function (a) { return !a.ack; });
    var latestIndex = -1;
    for (var i = s.t.length - 1; i >= start; i--) if (s.v[i] !== null) { latestIndex = i; break; }
    if (latestIndex < 0) {
      m.appendChild(el('span', 'pg-delta', n ? 'no valid value in this range' : 'no data in this range'));
    } else {
      var latest = s.v[latestIndex];
      var value = el('span', 'pg-latest', quantity(latest, s.unit));
      value.title = 'Latest: ' + dateTime(s.t[latestIndex]) + ' UTC';
      // Trend: the latest value against the median of the 7 days before it. The arrow shows which way the
      // value moved; its colour says whether that is worse or better for this metric.
      var t0 = s.t[latestIndex];
      var prior = [];
      for (var j = firstIndexFrom(s.t, t0 - 7 * DAY); j < latestIndex; j++) prior.push(s.v[j]);
      var m7 = median(prior);
      var ratio = m7 ? (latest - m7) / Math.abs(m7) : null;
      var cls = changeClass(s, ratio);
      var arrow = el('span', 'pg-trend ' + cls, ratio === null || cls === 'pg-flat' ? '→' : ratio > 0 ? '↑' : '↓');
      arrow.title = ratio === null ? 'No earlier values in the 7 days before the latest'
        : (cls === 'pg-flat' ? 'Flat' : cls === 'pg-worse' ? 'Worse' : 'Better') + ': ' + percent(ratio * 100) + ' against the 7-day median ' + quantity(m7, s.unit);
      arrow.setAttribute('data-trend', cls.slice(3));
      value.appendChild(arrow);
      m.appendChild(value);
      if (s.median !== null) {
        var vb = (latest - s.median) / Math.abs(s.median);
        var d = el('span', 'pg-delta', 'vs baseline ' + quantity(s.median, s.unit) + ' ');
        d.appendChild(el('b', changeClass(s, vb), percent(vb * 100)));
        m.appendChild(d);
      }
      if (s.target !== null) {
        var missed = s.bib ? latest < s.target : latest > s.target;
        var tg = el('span', 'pg-delta', 'target ' + quantity(s.target, s.unit) + ' ');
        tg.appendChild(el('b', missed ? 'pg-worse' : 'pg-better', missed ? 'missed' : 'met'));
        m.appendChild(tg);
        status = missed ? 'warning' : 'ok';
      } else if (s.median !== null) {
        status = 'ok';
      }
    }
    var w = worst(open);
    if (w && (SEVERITY_RANK[w] || 0) >= (SEVERITY_RANK[status] || 0)) status = w;
    if (open.length) {
      var badge = el('span', 'pg-badge pg-sev-' + (w || 'ok'), open.length + (open.length === 1 ? ' open alert' : ' open alerts'));
      m.appendChild(badge);
    }
    c.card.className = 'pg-card pg-status-' + status;
    c.card.setAttribute('data-status', status);
    c.count = n;
  }

  // ---- chart ----
  function niceStep(span, count) {
    var raw = span / Math.max(1, count), mag = Math.pow(10, Math.floor(Math.log10(raw))), f = raw / mag;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * mag;
  }
  var TIME_STEPS = [HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 91 * DAY, 182 * DAY, 365 * DAY];

  function drawChart(c) {
    var s = c.s, from = cutoff(), start = firstIndexFrom(s.t, from);
    var box = c.box;
    // Drawn at the box's real width so the text stays at its CSS size; redrawn when the window resizes.
    var W = Math.max(280, Math.round(box.clientWidth || 640));
    box.textContent = '';
    c.drawn = version;
    var idx = [];
    for (var i = start; i < s.t.length; i++) if (s.v[i] !== null) idx.push(i);
    if (!idx.length) { box.appendChild(el('div', 'pg-chart-empty', 'No data in this range')); return; }

    // x domain: the range window (or the data's own span for "all"), up to the generation time
    var x0 = from === -Infinity ? s.t[idx[0]] : from;
    var x1 = Math.max(now, s.t[idx[idx.length - 1]]);
    if (x1 - x0 < HOUR) { x0 -= HOUR / 2; x1 += HOUR / 2; }
    // y domain: the values, the band, the median and the target
    var lo = Infinity, hi = -Infinity;
    idx.forEach(function (k) { lo = Math.min(lo, s.v[k]); hi = Math.max(hi, s.v[k]); });
    [s.median, s.p5, s.p95, s.target].forEach(function (v) { if (v !== null) { lo = Math.min(lo, v); hi = Math.max(hi, v); } });
    if (hi === lo) { var d = Math.abs(hi) * 0.1 || 1; lo -= d; hi += d; }
    var padY = (hi - lo) * 0.08; lo -= padY; hi += padY;
    if (lo < 0 && Math.min.apply(null, idx.map(function (k) { return s.v[k]; })) >= 0) lo = 0;

    var scale = scaleFor(s.unit, Math.max(Math.abs(lo), Math.abs(hi)));
    var pw = W - M.l - M.r, ph = H - M.t - M.b;
    function X(t) { return M.l + (t - x0) / (x1 - x0) * pw; }
    function Y(v) { return M.t + (1 - (v - lo) / (hi - lo)) * ph; }
    function r1(v) { return Math.round(v * 10) / 10; }

    var root = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'class': 'pg-chart', 'data-series-id': s.id });
    svg('title', {}, root).textContent = s.name + ' over time';
    var axis = svg('g', { 'class': 'pg-axis' }, root);

    // y grid and labels, in the display unit
    var step = niceStep((hi - lo) / scale.div, 4) * scale.div;
    for (var yv = Math.ceil(lo / step) * step; yv <= hi + step * 1e-9; yv += step) {
      var yy = r1(Y(yv));
      svg('line', { x1: M.l, x2: W - M.r, y1: yy, y2: yy, 'class': 'pg-grid-line' }, axis);
      var label = svg('text', { x: M.l - 6, y: yy + 4, 'text-anchor': 'end' }, axis);
      label.textContent = scaled(Math.abs(yv) < step * 1e-9 ? 0 : yv, scale);
    }
    // x ticks aligned to UTC hours/days
    var tstep = TIME_STEPS[TIME_STEPS.length - 1];
    for (var q = 0; q < TIME_STEPS.length; q++) if ((x1 - x0) / TIME_STEPS[q] <= 6) { tstep = TIME_STEPS[q]; break; }
    var firstTick = Math.ceil((x0 + base) / tstep) * tstep - base;
    for (var tx = firstTick; tx <= x1; tx += tstep) {
      var xx = r1(X(tx));
      svg('line', { x1: xx, x2: xx, y1: M.t, y2: H - M.b, 'class': 'pg-grid-line' }, axis);
      var tl = svg('text', { x: xx, y: H - 8, 'text-anchor': 'middle' }, axis);
      tl.textContent = tstep < DAY ? hourLabel(tx) : dayLabel(tx);
    }
    svg('line', { x1: M.l, x2: W - M.r, y1: H - M.b, y2: H - M.b, 'class': 'pg-axis-line' }, axis);

    // baseline band, median, target
    if (s.p5 !== null && s.p95 !== null) {
      var top = Y(Math.max(s.p5, s.p95)), bottom = Y(Math.min(s.p5, s.p95));
      svg('rect', { x: M.l, y: r1(top), width: pw, height: r1(Math.max(1, bottom - top)), 'class': 'pg-band' }, root)
        .appendChild(svg('title', {})).textContent = 'Baseline p5–p95: ' + quantity(s.p5, s.unit) + ' – ' + quantity(s.p95, s.unit);
    }
    if (s.median !== null) {
      svg('line', { x1: M.l, x2: W - M.r, y1: r1(Y(s.median)), y2: r1(Y(s.median)), 'class': 'pg-median' }, root)
        .appendChild(svg('title', {})).textContent = 'Baseline median: ' + quantity(s.median, s.unit);
    }
    if (s.target !== null) {
      svg('line', { x1: M.l, x2: W - M.r, y1: r1(Y(s.target)), y2: r1(Y(s.target)), 'class': 'pg-target' }, root)
        .appendChild(svg('title', {})).textContent = 'Target: ' + quantity(s.target, s.unit);
    }

    // steps the change-point tier found: a dashed line at the first run at the new level, labelled with the change
    (s.steps || []).forEach(function (st) {
      if (st[0] < x0 || st[0] > x1) return;
      var sx = r1(X(st[0]));
      var g = svg('g', { 'class': 'pg-step ' + (st[1] > 0 ? 'pg-step-up' : 'pg-step-down'), 'data-step-time': st[0] }, root);
      svg('line', { x1: sx, x2: sx, y1: M.t, y2: H - M.b }, g);
      svg('text', { x: sx + 4, y: M.t + 11 }, g).textContent = (st[1] > 0 ? '▲ ' : '▼ ') + percent(st[1]);
      svg('title', {}, g).textContent = 'Step on ' + dateTime(st[0]) + ' UTC: ' + st[2];
    });

    // the line, broken where a value is missing
    var d = '', pen = false;
    for (var k = start; k < s.t.length; k++) {
      if (s.v[k] === null) { pen = false; continue; }
      d += (pen ? 'L' : 'M') + r1(X(s.t[k])) + ' ' + r1(Y(s.v[k]));
      pen = true;
    }
    svg('path', { d: d, 'class': 'pg-line' }, root);

    // markers: one .pg-point per point; points with an alert are coloured by its severity
    var pointAlerts = {};
    alertsBySeries[c.index].forEach(function (a) { if (a.p >= start) (pointAlerts[a.p] = pointAlerts[a.p] || []).push(a); });
    Object.keys(pointAlerts).forEach(function (k) {
      pointAlerts[k].sort(function (a, b) { return (SEVERITY_RANK[b.sev] || 0) - (SEVERITY_RANK[a.sev] || 0); });
    });
    var dense = idx.length > 90;
    var markers = svg('g', { 'class': 'pg-points' }, root);
    idx.forEach(function (k) {
      var pa = pointAlerts[k];
      var cls = 'pg-point' + (pa ? ' pg-alert pg-alert-' + pa[0].sev : dense ? ' pg-dense' : '');
      var p = svg('circle', { cx: r1(X(s.t[k])), cy: r1(Y(s.v[k])), r: pa ? 5 : dense ? 1.6 : 2.8, 'class': cls, 'data-index': k }, markers);
      p.setAttribute('tabindex', pa ? '0' : '-1');
      svg('title', {}, p).textContent = pointText(s, k, pa);
    });
    // alert markers last so they sit on top of their neighbours
    Array.prototype.slice.call(markers.querySelectorAll('.pg-alert')).forEach(function (a) { markers.appendChild(a); });
    box.appendChild(root);
  }

  function pointText(s, k, pa) {
    var run = runs[s.r[k]];
    var lines = [s.name, dateTime(s.t[k]) + ' UTC · ' + quantity(s.v[k], s.unit),
      (run[1] ? 'commit ' + run[1].slice(0, 12) + ' · ' : '') + (run[0] > 0 ? 'run ' + run[0] : 'daily aggregate of pruned runs') + (run[2] ? ' · ' + run[2] : '')];
    if (s.median !== null) lines.push('vs baseline ' + percent((s.v[k] - s.median) / Math.abs(s.median) * 100));
    (pa || []).forEach(function (a) { lines.push('⚠ ' + a.sev + ' (' + a.tier + '): ' + a.msg + (a.ack ? ' [acknowledged]' : '')); });
    return lines.join('\n');
  }

  // lazy drawing: a card's chart is drawn when it comes near the viewport, or at once for small pages
  var observer = 'IntersectionObserver' in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (e) {
      var c = cards[+e.target.getAttribute('data-index')];
      c.visible = e.isIntersecting;
      if (c.visible && c.drawn !== version && !c.card.hidden) drawChart(c);
    });
  }, { rootMargin: '400px 0px' }) : null;
  cards.forEach(function (c) { c.box.setAttribute('data-index', c.index); if (observer) observer.observe(c.box); });

  function drawShown(shown) {
    var eager = !observer || shown.length <= EAGER_LIMIT;
    shown.forEach(function (c) { if (eager || c.visible) drawChart(c); });
  }

  // ---- alerts table ----
  function seriesName(a) { return a.s >= 0 ? series[a.s].name : a.sid; }

  function renderAlerts(list) {
    var body = byId('pg-alert-rows');
    body.textContent = '';
    var rows = document.createDocumentFragment();
    list.forEach(function (a) {
      var tr = el('tr', a.ack ? 'pg-acked' : 'pg-unacked');
      tr.setAttribute('data-alert-id', a.id);
      tr.setAttribute('data-severity', a.sev);
      tr.appendChild(el('td', 'pg-nowrap', dateTime(a.t)));
      var bench = el('td', 'pg-bench', seriesName(a));
      if (a.metric) bench.appendChild(el('span', 'pg-notes', a.metric));
      tr.appendChild(bench);
      tr.appendChild(el('td', 'pg-nowrap', a.tier));
      var sev = el('td');
      sev.appendChild(el('span', 'pg-badge pg-sev-' + (SEVERITY_RANK[a.sev] === undefined ? 'ok' : a.sev), a.sev));
      tr.appendChild(sev);
      var unit = a.s >= 0 ? series[a.s].unit : '';
      var change = el('td', 'pg-num', a.chg === null ? '–' : percent(a.chg));
      if (a.cur !== null || a.exp !== null) change.title = quantity(a.cur, unit) + ' vs expected ' + quantity(a.exp, unit);
      tr.appendChild(change);
      var msg = el('td', 'pg-msg', a.msg);
      if (a.notes) msg.appendChild(el('span', 'pg-notes', 'Notes: ' + a.notes));
      tr.appendChild(msg);
      var ack = a.ack
        ? el('td', 'pg-ack', '✓ ' + (a.by || 'acknowledged') + (a.at !== null ? ' · ' + dateTime(a.at) : ''))
        : el('td', 'pg-open', 'open');
      ack.setAttribute('data-ack', a.ack ? 'yes' : 'no');
      tr.appendChild(ack);
      rows.appendChild(tr);
    });
    body.appendChild(rows);
    byId('pg-alerts-empty').hidden = list.length > 0;
    byId('pg-alert-count').textContent = '(' + list.length + ')';
  }

  // ---- CSV (RFC 4180: quote a field holding a comma, quote or line break; double the quotes) ----
  function csvField(v) {
    var s = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function csvLine(fields) { return fields.map(csvField).join(',') + '\r\n'; }
  var urls = {};
  function setDownload(id, name, text) {
    var a = byId(id);
    if (urls[id]) URL.revokeObjectURL(urls[id]);
    urls[id] = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    a.href = urls[id];
    a.setAttribute('download', name);
  }
  function buildCsv(shown, from, shownAlerts) {
    var out = [csvLine(['series_id', 'series_name', 'time', 'value', 'unit', 'commit', 'run_id', 'branch'])];
    shown.forEach(function (c) {
      var s = c.s;
      for (var k = firstIndexFrom(s.t, from); k < s.t.length; k++) {
        var run = runs[s.r[k]];
        if (run[4] === undefined) run[4] = isoTime(run[3]); // each run's time formatted once, not once per series
        out.push(csvLine([s.id, s.name, run[4], s.v[k], s.unit, run[1], run[0] > 0 ? run[0] : '', run[2]])); // run 0: a daily aggregate
      }
    });
    setDownload('pg-csv', 'perfgate-' + state.range + '.csv', out.join(''));
    var al = [csvLine(['alert_id', 'time', 'series_id', 'series_name', 'tier', 'severity', 'metric', 'current', 'expected', 'change_percent', 'message', 'acknowledged', 'acknowledged_by', 'acknowledged_at', 'notes'])];
    shownAlerts.forEach(function (a) {
      al.push(csvLine([a.id, isoTime(a.t), a.sid, seriesName(a), a.tier, a.sev, a.metric, a.cur, a.exp, a.chg, a.msg,
        a.ack ? 'true' : 'false', a.by, a.at === null ? null : isoTime(a.at), a.notes]));
    });
    setDownload('pg-csv-alerts', 'perfgate-' + state.range + '-alerts.csv', al.join(''));
  }

  // ---- summary ----
  function stat(value, label, cls) {
    var box = el('div', 'pg-stat' + (cls ? ' ' + cls : ''));
    box.appendChild(el('b', null, value));
    box.appendChild(el('span', null, label));
    return box;
  }

  // ---- apply the filters: cards, charts, alert table, CSV, summary ----
  function apply() {
    version++;
    var from = cutoff(), query = state.query.toLowerCase();
    document.querySelectorAll('.pg-range').forEach(function (b) { b.setAttribute('aria-pressed', String(b.getAttribute('data-range') === state.range)); });
    var shown = [], shownIds = {};
    var points = 0;
    cards.forEach(function (c) {
      var inRange = alertsInRange(alertsBySeries[c.index], from);
      var match = !query || c.s.name.toLowerCase().indexOf(query) >= 0 || c.s.id.toLowerCase().indexOf(query) >= 0;
      var visible = match && (!state.onlyAlerts || inRange.length > 0);
      c.card.hidden = !visible;
      if (!visible) return;
      updateCard(c, from, inRange);
      shown.push(c);
      shownIds[c.index] = true;
      points += c.count;
    });
    drawShown(shown);

    var shownAlerts = alerts.filter(function (a) {
      if (a.t < from) return false;
      if (a.s >= 0) return !!shownIds[a.s];
      return !state.onlyAlerts && (!query || a.sid.toLowerCase().indexOf(query) >= 0);
    });
    renderAlerts(shownAlerts);
    buildCsv(shown, from, shownAlerts);

    byId('pg-series-count').textContent = '(' + shown.length + (shown.length === series.length ? '' : ' of ' + series.length) + ')';
    byId('pg-cards-empty').hidden = shown.length > 0;
    var open = shownAlerts.filter(function (a) { return !a.ack; });
    var bad = open.filter(function (a) { return a.sev === 'error' || a.sev === 'critical'; }).length;
    var warn = open.filter(function (a) { return a.sev === 'warning'; }).length;
    var summary = byId('pg-summary');
    summary.textContent = '';
    summary.appendChild(stat(shown.length, 'benchmarks'));
    summary.appendChild(stat(points, 'points'));
    summary.appendChild(stat(bad, 'open errors', bad ? 'pg-bad' : ''));
    summary.appendChild(stat(warn, 'open warnings', warn ? 'pg-warn' : ''));
    document.body.setAttribute('data-range', state.range);
  }

  // ---- wire up ----
  byId('pg-title').textContent = data.title;
  document.title = data.title;
  byId('pg-generated').textContent = 'Generated ' + dateTime(now) + ' UTC';
  byId('pg-note').textContent = data.note || '';

  document.querySelectorAll('.pg-range').forEach(function (b) {
    b.addEventListener('click', function () { state.range = b.getAttribute('data-range'); apply(); });
  });
  var timer = 0;
  byId('pg-search').addEventListener('input', function (e) {
    clearTimeout(timer);
    timer = setTimeout(function () { state.query = e.target.value.trim(); apply(); }, 120);
  });
  byId('pg-only-alerts').addEventListener('change', function (e) { state.onlyAlerts = e.target.checked; apply(); });

  // a styled tooltip for markers (the SVG <title> stays for accessibility and as a fallback)
  var tip = byId('pg-tooltip');
  function showTip(e) {
    var p = e.target;
    if (!p.classList || !p.classList.contains('pg-point')) return;
    var c = cards[+p.closest('.pg-chart-box').getAttribute('data-index')];
    var k = +p.getAttribute('data-index');
    var pa = alertsBySeries[c.index].filter(function (a) { return a.p === k; });
    tip.textContent = pointText(c.s, k, pa.length ? pa : null);
    tip.hidden = false;
    var rect = p.getBoundingClientRect();
    var x = Math.min(window.innerWidth - tip.offsetWidth - 8, rect.left + rect.width / 2 - tip.offsetWidth / 2);
    var y = rect.top - tip.offsetHeight - 8;
    tip.style.left = Math.max(8, x) + 'px';
    tip.style.top = (y < 8 ? rect.bottom + 8 : y) + 'px';
  }
  function hideTip(e) { if (e.target.classList && e.target.classList.contains('pg-point')) tip.hidden = true; }
  grid.addEventListener('mouseover', showTip);
  grid.addEventListener('mouseout', hideTip);
  grid.addEventListener('focusin', showTip);
  grid.addEventListener('focusout', hideTip);

  var lastWidth = window.innerWidth, resizeTimer = 0;
  window.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      if (window.innerWidth === lastWidth) return;
      lastWidth = window.innerWidth;
      version++;
      drawShown(cards.filter(function (c) { return !c.card.hidden; }));
    }, 150);
  });

  apply();
  document.body.setAttribute('data-ready', 'true');
})();
