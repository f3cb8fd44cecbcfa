/*
 * MicroAI Paygate dashboard. Polls <base>/api/snapshot every interval (2 s), which carries the
 * figures of `microai metrics top --json` plus a `history` of headline frames, and draws them as
 * numbers and small SVG charts. No libraries, no other origin. The figures are a pure function of
 * the snapshot: the server computes every rate and quantile, this page only formats and plots.
 */
(function () {
  'use strict';

  var body = document.body;
  var BASE = body.getAttribute('data-base') || '';
  var SERVICE = body.getAttribute('data-service') || 'gateway';
  var MIN_CHART_SECONDS = 60;
  var SVG = 'http://www.w3.org/2000/svg';

  // ---- formatting ------------------------------------------------------------------------------
  function isNum(v) { return typeof v === 'number' && isFinite(v); }
  function fmtRate(v) {
    if (!isNum(v)) return '–';
    if (v === 0) return '0';
    if (v < 0.01) return '<0.01';
    if (v < 10) return v.toFixed(2);
    if (v < 1000) return v.toFixed(1);
    return Math.round(v).toLocaleString('en-US');
  }
  function fmtPct(v) {
    if (!isNum(v)) return '–';
    var p = v * 100;
    if (p === 0) return '0%';
    if (p < 0.1) return '<0.1%';
    if (p >= 99 && p < 100) return (Math.floor(p * 100) / 100).toFixed(2) + '%';
    return p.toFixed(1) + '%';
  }
  function fmtSeconds(v) {
    if (!isNum(v)) return '–';
    var ms = v * 1000;
    if (ms < 1) return ms.toFixed(2) + ' ms';
    if (ms < 10) return ms.toFixed(1) + ' ms';
    if (ms < 1000) return Math.round(ms) + ' ms';
    return v.toFixed(2) + ' s';
  }
  function fmtCount(v) { return isNum(v) ? (Math.round(v * 10) / 10).toString() : '–'; }
  function fmtClock(ms) {
    var d = new Date(ms);
    function two(n) { return (n < 10 ? '0' : '') + n; }
    return two(d.getHours()) + ':' + two(d.getMinutes()) + ':' + two(d.getSeconds());
  }
  function fmtAgo(ms, now) {
    if (!isNum(ms)) return '–';
    var s = Math.max(0, Math.round((now - ms) / 1000));
    return s < 60 ? s + ' s ago' : Math.round(s / 60) + ' min ago';
  }
  function fmtWindow(s) {
    if (!isNum(s)) return '–';
    return s % 60 === 0 ? (s / 60) + ' min' : s + ' s';
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function svgEl(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    return e;
  }

  // ---- cards -----------------------------------------------------------------------------------
  // kind: rate | ratio | seconds | count; `value` reads the snapshot, `series` the history frames.
  var GATEWAY_CARDS = [
    { id: 'rps', title: 'Request rate', unit: 'req/s', kind: 'rate',
      value: function (f) { return f.gateway.requests_per_second; },
      sub: function (f) { return activePaths(f) + ' active route' + (activePaths(f) === 1 ? '' : 's'); },
      series: [{ key: 'requests_per_second', label: 'req/s' }] },
    { id: 'errors', title: 'Errors (5xx)', unit: 'of requests', kind: 'ratio',
      value: function (f) { return f.gateway.error_5xx_ratio; },
      tone: function (v) { return v > 0.05 ? 'bad' : v > 0.01 ? 'warn' : ''; },
      sub: function (f) {
        return '4xx ' + fmtPct(f.gateway.error_4xx_ratio) + ' · 402 challenges ' + fmtPct(f.gateway.payment_required_ratio);
      },
      series: [{ key: 'error_5xx_ratio', label: '5xx', cls: 's3' }] },
    { id: 'latency', title: 'Latency', unit: 'all routes', kind: 'seconds', wide: true,
      quantiles: function (f) { return f.gateway.latency_seconds; },
      subNode: function (f) { return slowestNode(f); },
      series: [{ key: 'p50_seconds', label: 'p50' }, { key: 'p95_seconds', label: 'p95', cls: 's2' },
               { key: 'p99_seconds', label: 'p99', cls: 's3' }] },
    { id: 'inflight', title: 'In flight', unit: 'requests', kind: 'count',
      value: function (f) { return f.gateway.in_flight; },
      sub: function () { return 'being handled right now'; },
      series: [{ key: 'in_flight', label: 'in flight' }] },
    { id: 'cache', title: 'Cache hit ratio', unit: 'paid requests', kind: 'ratio', fixedMax: 1,
      value: function (f) { return f.gateway.cache_hit_ratio; },
      sub: function () { return 'hits / (hits + misses)'; },
      series: [{ key: 'cache_hit_ratio', label: 'hit ratio' }] },
    { id: 'ratelimited', title: 'Rate-limit rejections', unit: '429/s', kind: 'rate',
      value: function (f) { return f.gateway.rate_limited_per_second; },
      tone: function (v) { return v > 0 ? 'warn' : ''; },
      sub: function () { return 'requests refused by the token buckets'; },
      series: [{ key: 'rate_limited_per_second', label: '429/s', cls: 's3' }] },
    { id: 'verification', title: 'Verification success', unit: 'gateway view', kind: 'ratio', fixedMax: 1,
      value: function (f) { return f.gateway.verification_success_ratio; },
      sub: function () { return 'payments the verifier accepted'; },
      series: [{ key: 'verification_success_ratio', label: 'success' }] }
  ];
  var VERIFIER_CARDS = [
    { id: 'vrate', title: 'Verifications', unit: 'per second', kind: 'rate',
      value: function (f) { return f.verifier.verifications_per_second; },
      sub: function () { return 'signature checks answered'; },
      series: [{ key: 'verifications_per_second', label: '/s', cls: 's2' }] },
    { id: 'vsuccess', title: 'Signature success', unit: 'valid / all', kind: 'ratio', fixedMax: 1,
      value: function (f) { return f.verifier.success_ratio; },
      sub: function () { return 'valid signatures'; },
      series: [{ key: 'verifier_success_ratio', label: 'success', cls: 's2' }] },
    { id: 'vp99', title: 'Verifier p99', unit: 'latency', kind: 'seconds',
      value: function (f) { return f.verifier.latency_seconds.p99; },
      sub: function (f) {
        var l = f.verifier.latency_seconds;
        return 'p50 ' + fmtSeconds(l.p50) + ' · p95 ' + fmtSeconds(l.p95);
      },
      series: [{ key: 'verifier_p99_seconds', label: 'p99', cls: 's2' }] },
    { id: 'invalid', title: 'Invalid signatures', unit: 'per second', kind: 'rate',
      value: function (f) { return invalidTotal(f); },
      tone: function (v) { return v > 0 ? 'warn' : ''; },
      subNode: function (f) { return reasonsNode(f); },
      series: [{ key: 'invalid_per_second', label: 'invalid/s', cls: 's3' }] }
  ];

  function activePaths(f) {
    return (f.gateway.paths || []).filter(function (p) { return p.requests_per_second > 0; }).length;
  }
  function invalidTotal(f) {
    if (!f.verifier || !f.verifier.targets_up || !isNum(f.verifier.verifications_per_second)) return null;
    var by = f.verifier.invalid_per_second_by_reason || {}, sum = 0;
    for (var k in by) if (isNum(by[k])) sum += by[k];
    return sum;
  }
  function reasonsNode(f) {
    var frag = document.createDocumentFragment();
    var by = (f.verifier && f.verifier.invalid_per_second_by_reason) || {};
    var keys = Object.keys(by).filter(function (k) { return by[k] > 0; });
    if (!keys.length) { frag.appendChild(document.createTextNode('no reasons in the window')); return frag; }
    keys.sort(function (a, b) { return by[b] - by[a]; });
    keys.forEach(function (k) {
      var r = el('span', 'reason');
      r.appendChild(document.createTextNode((k || '(none)') + ' '));
      r.appendChild(el('b', '', fmtRate(by[k]) + '/s'));
      frag.appendChild(r);
    });
    return frag;
  }

  // The slowest recent request, from the duration histogram's exemplars: its correlation id is what
  // finds the request's access line in the log (and the exemplar in Prometheus).
  function slowestNode(f) {
    var s = f.gateway.slowest_recent;
    var frag = document.createDocumentFragment();
    if (!s) {
      frag.appendChild(document.createTextNode('histogram quantiles over all routes'));
      return frag;
    }
    frag.appendChild(document.createTextNode('slowest recent: ' + fmtSeconds(s.seconds) + ' ' +
        (s.method || '') + ' ' + (s.path || '') + ' · '));
    var cid = el('a', 'cid', s.correlation_id);
    cid.id = 'slowest-cid';
    cid.href = '#' + encodeURIComponent(s.correlation_id);
    cid.title = 'correlation id: search the JSON log for this correlation_id, or Prometheus exemplars for this trace_id';
    frag.appendChild(cid);
    return frag;
  }

  function fmtKind(kind, v) {
    return kind === 'rate' ? fmtRate(v) : kind === 'ratio' ? fmtPct(v) : kind === 'seconds' ? fmtSeconds(v) : fmtCount(v);
  }

  function buildCard(spec, container) {
    var card = el('article', 'card' + (spec.wide ? ' wide' : ''));
    card.id = 'card-' + spec.id;
    var head = el('div', 'card-head');
    head.appendChild(el('h3', '', spec.title));
    head.appendChild(el('span', 'unit', spec.unit));
    card.appendChild(head);
    var row = el('div', 'value-row');
    spec.valueEls = [];
    if (spec.quantiles) {
      spec.series.forEach(function (s) {
        var q = el('div', 'quantile ' + (s.cls || 's1'));
        q.appendChild(el('span', 'label', s.label));
        var v = el('span', 'value', '–');
        v.id = 'v-' + spec.id + '-' + s.label;
        v.setAttribute('data-value', '');
        q.appendChild(v);
        row.appendChild(q);
        spec.valueEls.push(v);
      });
    } else {
      var v = el('div', 'value', '–');
      v.id = 'v-' + spec.id;
      v.setAttribute('data-value', '');
      row.appendChild(v);
      spec.valueEls.push(v);
    }
    card.appendChild(row);
    spec.subEl = el('div', 'sub');
    if (spec.quantiles) spec.subEl.textContent = 'histogram quantiles over all routes';
    card.appendChild(spec.subEl);
    spec.chart = buildChart(spec);
    card.appendChild(spec.chart.root);
    card.appendChild(el('div', 'spacer'));
    container.appendChild(card);
  }

  function updateCard(spec, f) {
    if (spec.quantiles) {
      var q = spec.quantiles(f) || {};
      ['p50', 'p95', 'p99'].forEach(function (k, i) { setValue(spec.valueEls[i], q[k], fmtSeconds); });
    } else {
      var v = spec.value(f);
      setValue(spec.valueEls[0], v, function (x) { return fmtKind(spec.kind, x); }, spec.tone ? spec.tone(v) : '');
    }
    if (spec.subNode) {
      spec.subEl.replaceChildren(spec.subNode(f));
    } else if (spec.sub) {
      spec.subEl.textContent = spec.sub(f);
    }
  }

  function setValue(node, v, fmt, tone) {
    node.textContent = fmt(v);
    node.setAttribute('data-value', isNum(v) ? String(v) : '');
    node.className = 'value' + (tone && isNum(v) ? ' ' + tone : '');
  }

  // ---- charts (SVG, no library) ----------------------------------------------------------------
  function buildChart(spec) {
    var root = el('div', 'chart');
    root.id = 'chart-' + spec.id;
    var svg = svgEl('svg', { viewBox: '0 0 1000 100', preserveAspectRatio: 'none', 'aria-hidden': 'true' });
    [0, 50, 100].forEach(function (y) { svg.appendChild(svgEl('line', { x1: 0, x2: 1000, y1: y, y2: y, 'class': 'gridline' })); });
    var paths = spec.series.map(function (s) {
      var cls = s.cls || 's1';
      var area = spec.series.length === 1 && spec.kind !== 'ratio' ? svgEl('path', { 'class': 'area ' + cls, d: '' }) : null;
      if (area) svg.appendChild(area);
      var line = svgEl('path', { 'class': 'line ' + cls, d: '' });
      svg.appendChild(line);
      return { area: area, line: line };
    });
    var cursor = svgEl('line', { x1: 0, x2: 0, y1: 0, y2: 100, 'class': 'cursor', visibility: 'hidden' });
    svg.appendChild(cursor);
    root.appendChild(svg);
    var top = el('span', 'axis top', '');
    var left = el('span', 'axis left', '');
    var right = el('span', 'axis right', 'now');
    var nodata = el('div', 'nodata', 'collecting…');
    var tip = el('div', 'tip', '');
    tip.hidden = true;
    root.appendChild(top); root.appendChild(left); root.appendChild(right); root.appendChild(nodata); root.appendChild(tip);
    var chart = { root: root, paths: paths, top: top, left: left, nodata: nodata, tip: tip, cursor: cursor, frames: [], t0: 0, t1: 1 };
    root.addEventListener('mousemove', function (ev) { hover(spec, chart, ev); });
    root.addEventListener('mouseleave', function () { chart.tip.hidden = true; chart.cursor.setAttribute('visibility', 'hidden'); });
    return chart;
  }

  function niceMax(v) {
    if (!(v > 0)) return 1;
    var p = Math.pow(10, Math.floor(Math.log10(v)));
    var m = v / p;
    var n = m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10;
    return n * p;
  }

  function drawChart(spec, frames) {
    var c = spec.chart;
    // The charts span what the page has, from one minute up to the whole kept history (10 min).
    var t1 = frames.length ? frames[frames.length - 1].timestamp_ms : Date.now();
    var have = frames.length ? (t1 - frames[0].timestamp_ms) / 1000 : 0;
    var seconds = Math.min(historySeconds, Math.max(MIN_CHART_SECONDS, Math.ceil(have / 60) * 60));
    var t0 = t1 - seconds * 1000;
    var visible = frames.filter(function (fr) { return fr.timestamp_ms >= t0; });
    c.frames = visible; c.t0 = t0; c.t1 = t1;
    var max = 0, any = false;
    visible.forEach(function (fr) {
      spec.series.forEach(function (s) { var v = fr[s.key]; if (isNum(v)) { any = true; if (v > max) max = v; } });
    });
    var ymax = spec.fixedMax || (spec.kind === 'ratio' ? Math.min(1, niceMax(Math.max(max, 0.01))) : niceMax(max || (spec.kind === 'seconds' ? 0.01 : 1)));
    c.ymax = ymax;
    c.nodata.hidden = any;
    c.top.textContent = fmtKind(spec.kind, ymax);
    c.left.textContent = '−' + Math.round(seconds / 60) + ' min';
    spec.series.forEach(function (s, i) {
      var line = '', area = '', seg = [];
      function flush() {
        if (!seg.length) return;
        line += 'M' + seg.map(function (p) { return p[0].toFixed(1) + ',' + p[1].toFixed(1); }).join('L');
        if (seg.length === 1) line += 'h2';
        area += 'M' + seg[0][0].toFixed(1) + ',100L' + seg.map(function (p) { return p[0].toFixed(1) + ',' + p[1].toFixed(1); }).join('L')
          + 'L' + seg[seg.length - 1][0].toFixed(1) + ',100Z';
        seg = [];
      }
      visible.forEach(function (fr) {
        var v = fr[s.key];
        if (!isNum(v)) { flush(); return; }
        var x = (fr.timestamp_ms - t0) / (t1 - t0) * 1000;
        var y = 100 - Math.min(1, v / ymax) * 98;
        seg.push([x, y]);
      });
      flush();
      c.paths[i].line.setAttribute('d', line);
      if (c.paths[i].area) c.paths[i].area.setAttribute('d', area);
    });
  }

  function hover(spec, c, ev) {
    if (!c.frames.length) return;
    var rect = c.root.getBoundingClientRect();
    var x = (ev.clientX - rect.left) / rect.width;
    var t = c.t0 + x * (c.t1 - c.t0), best = null, bestD = Infinity;
    c.frames.forEach(function (fr) { var d = Math.abs(fr.timestamp_ms - t); if (d < bestD) { bestD = d; best = fr; } });
    if (!best) return;
    var px = (best.timestamp_ms - c.t0) / (c.t1 - c.t0);
    c.cursor.setAttribute('x1', px * 1000); c.cursor.setAttribute('x2', px * 1000);
    c.cursor.setAttribute('visibility', 'visible');
    c.tip.textContent = fmtClock(best.timestamp_ms) + '  ' + spec.series.map(function (s) {
      return (spec.series.length > 1 ? s.label + ' ' : '') + fmtKind(spec.kind, best[s.key]);
    }).join(' · ');
    c.tip.hidden = false;
    c.tip.style.left = Math.max(60, Math.min(rect.width - 60, px * rect.width)) + 'px';
  }

  // ---- tables ----------------------------------------------------------------------------------
  function numCell(text, v, tone) {
    var td = el('td', 'num' + (tone && isNum(v) ? ' ' + tone : ''), text);
    td.setAttribute('data-value', isNum(v) ? String(v) : '');
    return td;
  }

  // Under half verified is what the generated alert fires on; under 90% what the verification alert does.
  function verifiedTone(v) { return v < 0.5 ? 'bad' : v < 0.9 ? 'warn' : ''; }

  function renderPayments(f) {
    var tbody = document.querySelector('#payments tbody');
    var by = f.gateway.payments_by_protocol || {};
    var protocols = Object.keys(by); // the server's order: x402, x402-v1, legacy
    var frag = document.createDocumentFragment();
    if (!protocols.length) {
      var tr0 = el('tr'); var td0 = el('td', 'empty', 'no payment figures from this gateway'); td0.colSpan = 5;
      tr0.appendChild(td0); frag.appendChild(tr0);
    }
    protocols.forEach(function (name) {
      var p = by[name] || {};
      var tr = el('tr', p.per_second > 0 ? '' : 'idle');
      tr.setAttribute('data-protocol', name);
      tr.appendChild(el('td', 'path', name));
      tr.appendChild(numCell(fmtRate(p.per_second), p.per_second));
      tr.appendChild(numCell(fmtPct(p.verified_ratio), p.verified_ratio, verifiedTone(p.verified_ratio)));
      tr.appendChild(numCell(fmtRate(p.refused_per_second), p.refused_per_second, p.refused_per_second > 0 ? 'warn' : ''));
      tr.appendChild(numCell(fmtRate(p.unavailable_per_second), p.unavailable_per_second, p.unavailable_per_second > 0 ? 'bad' : ''));
      frag.appendChild(tr);
    });
    tbody.replaceChildren(frag);
  }

  // Token amounts: up to three significant digits below one, so a price of 0.001 a request stays visible.
  function fmtTokens(v) {
    if (!isNum(v)) return '–';
    if (v === 0) return '0';
    if (Math.abs(v) >= 100) return v.toFixed(0);
    if (Math.abs(v) >= 1) return v.toFixed(2);
    return String(Number(v.toPrecision(3)));
  }

  // Under 99% settled is worth a look, under 90% what the generated "settlement failing" alert fires on.
  function settledTone(v) { return v < 0.9 ? 'bad' : v < 0.99 ? 'warn' : ''; }

  function renderSettlement(f) {
    var s = f.gateway.settlement || {};
    var tbody = document.querySelector('#settlement tbody');
    var tr = el('tr');
    tr.setAttribute('data-mode', s.mode || '');
    var mode = s.mode === 'facilitator' ? 'facilitator' : s.mode === 'none' ? 'none (verified only)' : s.mode === 'mixed' ? 'mixed' : '–';
    tr.appendChild(el('td', s.mode === 'facilitator' ? '' : 'warn', mode));
    tr.appendChild(numCell(fmtTokens(s.revenue_per_minute), s.revenue_per_minute));
    tr.appendChild(numCell(fmtRate(s.settled_per_second), s.settled_per_second));
    tr.appendChild(numCell(fmtPct(s.success_ratio), s.success_ratio, settledTone(s.success_ratio)));
    tr.appendChild(numCell(fmtSeconds(s.facilitator_p99_seconds), s.facilitator_p99_seconds));
    tr.appendChild(el('td', 'path', s.asset ? s.asset + ' on ' + s.network + ' (' + s.decimals + ' decimals)' : '–'));
    tbody.replaceChildren(tr);

    var unsettled = s.mode === 'none' || s.mode === 'mixed';
    document.getElementById('banner-settlement').hidden = !unsettled;
    if (s.mode === 'mixed') {
      document.getElementById('banner-settlement-text').textContent =
          'Some gateways have no facilitator (FACILITATOR_URL): their payments are checked signatures, no funds move.';
    }
    body.setAttribute('data-settlement', s.mode || '');
    var down = isNum(s.facilitator_total) && s.facilitator_up < s.facilitator_total;
    document.getElementById('banner-facilitator').hidden = !down;
    if (down) {
      document.getElementById('banner-facilitator-text').textContent = (s.facilitator_total - s.facilitator_up) + ' of '
          + s.facilitator_total + ' gateways cannot reach their facilitator: paid x402 requests get 503 until it is back.';
    }
  }

  // A first chunk slower than a second is worth a look; 2.5 s is what the generated alert fires on. Streams
  // ending badly: over 1% is worth a look, over 10% what the alert fires on.
  function firstChunkTone(v) { return v > 2.5 ? 'bad' : v > 1 ? 'warn' : ''; }
  function endedBadlyTone(v) { return v > 0.1 ? 'bad' : v > 0.01 ? 'warn' : ''; }
  function fmtBytes(v) {
    if (!isNum(v)) return '–';
    if (v < 1024) return fmtRate(v) + ' B';
    if (v < 1024 * 1024) return (v / 1024).toFixed(1) + ' KiB';
    return (v / 1024 / 1024).toFixed(1) + ' MiB';
  }

  // The streaming route; null streams means no gateway exports the stream families (an older gateway, or
  // the route is off), which must not read as "every stream is fine".
  function renderStreams(f) {
    var s = f.gateway.streams;
    var tbody = document.querySelector('#streams tbody');
    var tr = el('tr');
    if (!s) {
      tr.setAttribute('data-streams', 'none');
      var td0 = el('td', 'empty', 'no streams: no gateway exports the stream metrics'); td0.colSpan = 10;
      tr.appendChild(td0);
      tbody.replaceChildren(tr);
      return;
    }
    tr.setAttribute('data-streams', 'some');
    var first = s.first_chunk_seconds || {};
    var shares = s.outcome_ratio || {};
    tr.appendChild(numCell(fmtSeconds(first.p50), first.p50));
    tr.appendChild(numCell(fmtSeconds(first.p99), first.p99, firstChunkTone(first.p99)));
    tr.appendChild(numCell(fmtSeconds(s.duration_p99_seconds), s.duration_p99_seconds));
    tr.appendChild(numCell(fmtRate(s.per_second), s.per_second));
    tr.appendChild(numCell(fmtCount(s.in_flight), s.in_flight));
    ['client_gone', 'provider_error', 'timeout'].forEach(function (outcome) {
      var td = numCell(fmtPct(shares[outcome]), shares[outcome], endedBadlyTone(shares[outcome]));
      td.setAttribute('data-outcome', outcome);
      tr.appendChild(td);
    });
    tr.appendChild(numCell(fmtRate(s.chunks_per_second), s.chunks_per_second));
    tr.appendChild(numCell(fmtBytes(s.bytes_per_second), s.bytes_per_second));
    tbody.replaceChildren(tr);
  }

  function renderPaths(f) {
    var tbody = document.querySelector('#paths tbody');
    var rows = (f.gateway.paths || []).slice();
    var frag = document.createDocumentFragment();
    if (!rows.length) {
      var tr0 = el('tr'); var td0 = el('td', 'empty', 'no requests yet'); td0.colSpan = 7; tr0.appendChild(td0); frag.appendChild(tr0);
    }
    rows.forEach(function (p) {
      var tr = el('tr', p.requests_per_second > 0 ? '' : 'idle');
      tr.setAttribute('data-path', p.path);
      tr.appendChild(el('td', 'path', p.path));
      tr.appendChild(el('td', 'num', fmtRate(p.requests_per_second)));
      tr.appendChild(el('td', 'num', fmtPct(p.error_5xx_ratio)));
      tr.appendChild(el('td', 'num', fmtPct(p.error_4xx_ratio)));
      var l = p.latency_seconds || {};
      tr.appendChild(el('td', 'num', fmtSeconds(l.p50)));
      tr.appendChild(el('td', 'num', fmtSeconds(l.p95)));
      tr.appendChild(el('td', 'num', fmtSeconds(l.p99)));
      frag.appendChild(tr);
    });
    tbody.replaceChildren(frag);
  }

  function targetName(t) {
    return t.url === 'self' ? 'this ' + SERVICE + ' (in-process)' : t.url;
  }

  function renderTargets(f) {
    var tbody = document.querySelector('#targets tbody');
    var frag = document.createDocumentFragment();
    var now = Date.now();
    (f.targets || []).forEach(function (t) {
      var tr = el('tr');
      tr.setAttribute('data-role', t.role);
      tr.setAttribute('data-up', String(t.up));
      tr.appendChild(el('td', '', t.role));
      tr.appendChild(el('td', 'path', targetName(t)));
      var st = el('td'); st.appendChild(el('span', 'state ' + (t.up ? 'up' : 'down'), t.up ? '● up' : '● down')); tr.appendChild(st);
      tr.appendChild(el('td', 'num', fmtAgo(t.last_scrape_ms, now)));
      tr.appendChild(el('td', 'num', isNum(t.scrape_duration_ms) ? t.scrape_duration_ms.toFixed(1) + ' ms' : '–'));
      tr.appendChild(el('td', 'num', isNum(t.samples) ? String(t.samples) : '–'));
      tr.appendChild(el('td', 'error', t.up ? '' : (t.error || '')));
      frag.appendChild(tr);
    });
    tbody.replaceChildren(frag);
  }

  // ---- state and polling -----------------------------------------------------------------------
  var frames = [];
  var lastTs = 0;
  var lastOk = 0;
  var interval = 2000;
  var historySeconds = 600;
  var built = false;
  var token = readToken();

  function readToken() {
    var m = /(?:^|[#&])token=([^&]*)/.exec(location.hash || '');
    return m ? decodeURIComponent(m[1]) : '';
  }
  window.addEventListener('hashchange', function () { token = readToken(); poll(); });
  document.getElementById('token-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var v = document.getElementById('token-input').value.trim();
    if (v) location.hash = 'token=' + encodeURIComponent(v);
  });

  function build() {
    GATEWAY_CARDS.forEach(function (s) { buildCard(s, document.getElementById('cards-gateway')); });
    VERIFIER_CARDS.forEach(function (s) { buildCard(s, document.getElementById('cards-verifier')); });
    built = true;
  }

  function mergeFrames(incoming) {
    incoming.forEach(function (fr) {
      if (!frames.length || fr.timestamp_ms > frames[frames.length - 1].timestamp_ms) frames.push(fr);
    });
    var cutoff = (frames.length ? frames[frames.length - 1].timestamp_ms : 0) - historySeconds * 1000;
    while (frames.length && frames[0].timestamp_ms < cutoff) frames.shift();
  }

  function render(f) {
    if (!built) build();
    var hasGateway = !!(f.gateway && f.gateway.targets_total > 0);
    var hasVerifier = !!(f.verifier && f.verifier.targets_total > 0);
    document.getElementById('section-gateway').hidden = !hasGateway;
    document.getElementById('section-verifier').hidden = !hasVerifier;
    if (hasGateway) {
      GATEWAY_CARDS.forEach(function (s) { updateCard(s, f); drawChart(s, frames); });
      renderSettlement(f);
      renderPayments(f);
      renderStreams(f);
      renderPaths(f);
      document.getElementById('gateway-targets').textContent = f.gateway.targets_up + '/' + f.gateway.targets_total + ' up';
    }
    if (hasVerifier) {
      VERIFIER_CARDS.forEach(function (s) { updateCard(s, f); drawChart(s, frames); });
      document.getElementById('verifier-targets').textContent = f.verifier.targets_up + '/' + f.verifier.targets_total + ' up';
    }
    renderTargets(f);

    var down = (f.targets || []).filter(function (t) { return t.role === 'verifier' && !t.up; });
    var banner = document.getElementById('banner-verifier');
    banner.hidden = !down.length;
    if (down.length) {
      document.getElementById('banner-verifier-text').textContent = down.map(function (t) {
        return targetName(t) + ': ' + (t.error || 'down');
      }).join('; ') + '. Payments cannot be verified until it is back; verifier figures are unavailable.';
    }
    body.setAttribute('data-verifier-up', down.length ? 'false' : 'true');
    document.getElementById('window').textContent = fmtWindow(f.window_seconds);
    document.getElementById('footer-window').textContent = fmtWindow(f.window_seconds);
    document.getElementById('footer-history').textContent = Math.round(historySeconds / 60) + ' minutes';
    document.getElementById('updated').textContent = fmtClock(f.timestamp_ms);
    body.setAttribute('data-timestamp', String(f.timestamp_ms));
    body.setAttribute('data-state', 'live');
  }

  function setStatus(kind, text) {
    var s = document.getElementById('status');
    s.className = 'pill pill-' + kind;
    s.textContent = text;
  }

  function showOffline(text) {
    document.getElementById('banner-offline').hidden = false;
    document.getElementById('banner-offline-text').textContent = text;
  }

  var timer = null;
  var inFlight = false;
  function schedule(ms) {
    clearTimeout(timer);
    timer = setTimeout(poll, ms);
  }

  function poll() {
    if (inFlight) return;
    inFlight = true;
    var headers = { 'Accept': 'application/json' };
    if (token) headers['Authorization'] = 'Bearer ' + token;
    var ctrl = typeof AbortController === 'function' ? new AbortController() : null;
    var abort = ctrl ? setTimeout(function () { ctrl.abort(); }, 5000) : null;
    fetch(BASE + '/api/snapshot?since=' + lastTs, { headers: headers, cache: 'no-store', signal: ctrl ? ctrl.signal : undefined })
      .then(function (r) {
        if (r.status === 401) { var e = new Error('unauthorized'); e.auth = true; throw e; }
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.json();
      })
      .then(function (f) {
        document.getElementById('banner-auth').hidden = true;
        document.getElementById('banner-offline').hidden = true;
        if (isNum(f.interval_seconds) && f.interval_seconds > 0) interval = f.interval_seconds * 1000;
        if (isNum(f.history_seconds)) historySeconds = f.history_seconds;
        if (f.timestamp_ms < lastTs) { frames = []; } // the service restarted: its history did too
        mergeFrames(f.history || []);
        lastTs = frames.length ? frames[frames.length - 1].timestamp_ms : 0;
        lastOk = Date.now();
        render(f);
        setStatus('live', 'live');
      })
      .catch(function (e) {
        if (e.auth) {
          document.getElementById('banner-auth').hidden = false;
          setStatus('down', 'token required');
          body.setAttribute('data-state', 'unauthorized');
          return;
        }
        setStatus('down', 'offline');
        body.setAttribute('data-state', 'offline');
        showOffline('The ' + SERVICE + ' did not answer (' + (e.name === 'AbortError' ? 'timed out' : e.message)
          + ')' + (lastOk ? '; showing figures from ' + fmtClock(lastOk) : '') + '. Retrying…');
      })
      .then(function () {
        if (abort) clearTimeout(abort);
        inFlight = false;
        schedule(interval);
      });
  }

  poll();
})();
