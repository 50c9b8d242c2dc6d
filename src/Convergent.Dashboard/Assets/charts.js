// Convergent dashboard charts: hand-written SVG line charts, no library (the dashboard works offline).
// Charts.line(container, options) draws one chart and returns its <svg>. Every line is a <path class="line"> whose
// data-points attribute says how many points it draws and data-total how many it holds (long lines are thinned for
// drawing); the <svg> carries data-chart (its id) and data-points (the sum drawn),
// so a test (or a person with the inspector) can see that a chart has drawn its data.
'use strict';
const Charts = (() => {
  const NS = 'http://www.w3.org/2000/svg';
  const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];
  const W = 640, H = 260, M = { left: 62, right: 14, top: 30, bottom: 34 };

  function el(name, attrs, parent) {
    const e = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    if (parent) parent.appendChild(e);
    return e;
  }

  function num(v) { return typeof v === 'number' ? v : v === null || v === undefined ? NaN : Number(v); }

  // log scale when every finite value is positive and they span three decades or more
  function shouldLog(lines) {
    let lo = Infinity, hi = -Infinity, any = false;
    for (const l of lines) for (const y of l.ys) {
      const v = num(y);
      if (!Number.isFinite(v)) continue;
      if (v <= 0) return false;
      any = true; lo = Math.min(lo, v); hi = Math.max(hi, v);
    }
    return any && hi / lo >= 1000;
  }

  function fmt(v) {
    const a = Math.abs(v);
    if (v === 0) return '0';
    if (a >= 1e4 || a < 1e-3) return v.toExponential(0).replace('e+', 'e');
    if (a >= 100) return v.toFixed(0);
    return String(Number(v.toPrecision(3)));
  }

  function linearTicks(lo, hi, n) {
    const span = hi - lo || Math.abs(hi) || 1;
    const raw = span / n, mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map(m => m * mag).find(s => s >= raw) || raw;
    const ticks = [];
    for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(Math.abs(t) < step * 1e-9 ? 0 : t);
    return ticks;
  }

  function logTicks(lo, hi) {
    const ticks = [];
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) ticks.push(Math.pow(10, e));
    const every = Math.ceil(ticks.length / 8);
    return ticks.filter((_, i) => i % every === 0);
  }

  // at most about `max` points of a line: equal buckets, each keeping its lowest, highest and first non-finite point
  // (the server thins the same way), so a long live run stays cheap to redraw and a one-step spike stays visible
  function thin(l, max) {
    const n = l.xs.length;
    if (n <= max) return l;
    const buckets = Math.floor(max / 3), xs = [], ys = [];
    for (let b = 0; b < buckets; b++) {
      const from = Math.floor(b * n / buckets), to = Math.floor((b + 1) * n / buckets);
      let lo = -1, hi = -1, bad = -1;
      for (let i = from; i < to; i++) {
        const v = num(l.ys[i]);
        if (!Number.isFinite(v)) { if (bad < 0) bad = i; continue; }
        if (lo < 0 || v < num(l.ys[lo])) lo = i;
        if (hi < 0 || v > num(l.ys[hi])) hi = i;
      }
      for (const i of [...new Set([lo, hi, bad])].filter(i => i >= 0).sort((a, b) => a - b)) { xs.push(l.xs[i]); ys.push(l.ys[i]); }
    }
    return { ...l, xs, ys };
  }

  // options: { id, xLabel, lines: [{ name, xs, ys }], log: true | false | 'auto', dots, markers: [{ x, id, label, severity }] }
  function line(container, options) {
    const lines = options.lines.filter(l => l.xs.length > 0).map(l => ({ ...thin(l, 1500), total: l.xs.length }));
    const log = options.log === 'auto' ? shouldLog(lines) : !!options.log;
    const ok = v => Number.isFinite(v) && (!log || v > 0);
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (const l of lines) l.xs.forEach((x, i) => {
      const y = num(l.ys[i]);
      if (!ok(y)) return;
      x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
    });
    for (const m of options.markers || []) if (Number.isFinite(m.x)) { x0 = Math.min(x0, m.x); x1 = Math.max(x1, m.x); }
    if (!Number.isFinite(x0)) { x0 = 0; x1 = 1; }
    if (!Number.isFinite(y0)) { y0 = log ? 1 : 0; y1 = log ? 10 : 1; }
    if (x1 === x0) { x0 -= 1; x1 += 1; }
    if (y1 === y0) { const d = log ? y0 * 0.5 : Math.abs(y0) * 0.1 || 1; y0 = log ? y0 - d : y0 - d; y1 += d; }
    if (!log) { const pad = (y1 - y0) * 0.05; y0 -= pad; y1 += pad; }
    const ty = log ? v => Math.log10(v) : v => v;
    const X = x => M.left + (x - x0) / (x1 - x0) * (W - M.left - M.right);
    const Y = y => H - M.bottom - (ty(y) - ty(y0)) / (ty(y1) - ty(y0)) * (H - M.top - M.bottom);

    const svg = el('svg', { class: 'chart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'data-chart': options.id, 'data-log': log });
    for (const t of log ? logTicks(y0, y1) : linearTicks(y0, y1, 5)) {
      if (t < y0 || t > y1) continue;
      el('line', { class: 'grid', x1: M.left, x2: W - M.right, y1: Y(t), y2: Y(t) }, svg);
      el('text', { x: M.left - 6, y: Y(t) + 4, 'text-anchor': 'end' }, svg).textContent = fmt(t);
    }
    for (const t of linearTicks(x0, x1, 6)) {
      if (t < x0 || t > x1) continue;
      el('line', { class: 'axis', x1: X(t), x2: X(t), y1: H - M.bottom, y2: H - M.bottom + 4 }, svg);
      el('text', { x: X(t), y: H - M.bottom + 16, 'text-anchor': 'middle' }, svg).textContent = fmt(t);
    }
    el('line', { class: 'axis', x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom }, svg);
    el('line', { class: 'axis', x1: M.left, x2: M.left, y1: M.top, y2: H - M.bottom }, svg);
    el('text', { x: W - M.right, y: H - 4, 'text-anchor': 'end' }, svg).textContent = options.xLabel + (log ? '   (log scale)' : '');

    let total = 0;
    lines.forEach((l, k) => {
      const color = l.color || PALETTE[k % PALETTE.length];
      let d = '', n = 0, pen = false;
      const dots = [];
      l.xs.forEach((x, i) => {
        const y = num(l.ys[i]);
        if (!ok(y)) { pen = false; return; }   // NaN, ±Inf (and ≤ 0 on a log scale) break the line
        d += (pen ? 'L' : 'M') + X(x).toFixed(1) + ' ' + Y(y).toFixed(1);
        pen = true; n++;
        dots.push([X(x), Y(y)]);
      });
      total += n;
      el('path', { class: 'line', d, fill: 'none', stroke: color, 'stroke-width': 1.6, 'data-points': n, 'data-total': l.total, 'data-name': l.name }, svg);
      if (options.dots || n < 3) for (const [cx, cy] of dots) el('circle', { cx, cy, r: 2.6, fill: color }, svg);
      const lx = M.left + 8 + (k % 4) * 140, ly = 12 + Math.floor(k / 4) * 13;
      el('rect', { x: lx, y: ly - 7, width: 10, height: 3, fill: color }, svg);
      el('text', { x: lx + 14, y: ly - 2 }, svg).textContent = l.name.length > 20 ? l.name.slice(0, 19) + '…' : l.name;
    });
    for (const m of options.markers || []) {
      if (!Number.isFinite(m.x)) continue;
      const color = m.severity === 'error' ? '#c62828' : m.severity === 'warning' ? '#b26a00' : '#1565c0';
      const g = el('line', { class: 'marker', id: m.id, x1: X(m.x), x2: X(m.x), y1: M.top, y2: H - M.bottom, stroke: color }, svg);
      el('title', {}, g).textContent = m.label;
    }
    svg.setAttribute('data-points', total);
    container.appendChild(svg);
    return svg;
  }

  return { line, shouldLog, fmt };
})();
