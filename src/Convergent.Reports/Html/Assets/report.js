// Convergent HTML report renderer, part 1 of 2: helpers, scales, colours and the page (header, findings, panels).
// Part 2, charts.js, draws the charts. HtmlReportWriter embeds both in one strict-mode function and calls render() last.
// Self-contained and offline: no library, no network. Text from the payload only ever reaches the page through
// textContent and attribute values, never as markup.
const data = JSON.parse(document.getElementById('report-data').textContent);
const SVG = 'http://www.w3.org/2000/svg';
const W = 860;                       // every chart's viewBox width; CSS scales it to the panel
const tooltip = document.getElementById('tooltip');

// ------------------------------------------------------------------ DOM helpers

function el(tag, attrs, children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) e.setAttribute(k, v);
  for (const c of [].concat(children || [])) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  return e;
}
function s(tag, attrs, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = String(text);
  return e;
}
function title(node, text) { node.append(s('title', {}, text)); return node; }

// ------------------------------------------------------------------ numbers

function fmt(v) {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= 1e5 || a < 1e-3) return v.toExponential(2).replace('e+', 'e');
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(4)));
}
const SUP = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };
function pow10(e) {
  if (e >= -2 && e <= 3) return fmt(Math.pow(10, e));
  return '10' + String(e).split('').map(c => SUP[c]).join('');
}

// ------------------------------------------------------------------ scales

function niceTicks(lo, hi, count) {
  if (!(hi > lo)) return [[lo, fmt(lo)]];
  const raw = (hi - lo) / count, mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map(m => m * mag).find(st => st >= raw);
  const ticks = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) { const t = Number((k * step).toPrecision(12)); ticks.push([t, tickLabel(t, step)]); }
  return ticks;
}
// as many decimals as the tick step has, so neighbouring ticks never print alike (0.0099999998 vs 0.0099999996)
function decimalsOf(x) {
  const [m, e] = Number(x.toPrecision(6)).toExponential().split('e');
  return Math.max(0, (m.split('.')[1] || '').length - Number(e));
}
function tickLabel(t, step) {
  if (t === 0) return '0';
  const a = Math.abs(t), dec = decimalsOf(step);
  if (a >= 1e5 || dec > 6) {
    const [m, e] = t.toExponential(Math.max(0, Math.min(8, dec + Math.floor(Math.log10(a))))).split('e');
    return (m.includes('.') ? m.replace(/\.?0+$/, '') : m) + 'e' + e.replace('+', '');
  }
  return t.toFixed(dec);
}
// maps a domain onto [r0, r1]; log scales map by decade
function scale(kind, d0, d1, r0, r1) {
  const log = kind === 'log';
  const f = log ? (v => Math.log10(v)) : (v => v);
  const a = f(d0), b = f(d1);
  const map = v => (b === a ? (r0 + r1) / 2 : r0 + (f(v) - a) / (b - a) * (r1 - r0));
  const ticks = () => {
    if (!log) return niceTicks(d0, d1, 5);
    const lo = Math.floor(Math.log10(d0) + 1e-9), hi = Math.ceil(Math.log10(d1) - 1e-9);
    const every = Math.max(1, Math.ceil((hi - lo + 1) / 7));
    const out = [];
    // two decades or fewer: 2× and 5× ticks between the powers of ten too
    const mults = hi - lo <= 2 ? [1, 2, 5] : [1];
    for (let e = lo; e <= hi; e++) {
      if ((e - lo) % every) continue;
      for (const m of mults) {
        const v = m * Math.pow(10, e);
        if (v >= d0 * 0.999 && v <= d1 * 1.001) out.push([v, m === 1 ? pow10(e) : fmt(v)]);
      }
    }
    if (out.length < 2) return [[d0, fmt(d0)], [d1, fmt(d1)]];
    return out;
  };
  return { map, ticks, kind, d0, d1, r0, r1, valid: v => v !== null && (!log || v > 0) };
}

// ------------------------------------------------------------------ colours

const PALETTES = {
  viridis: ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'],
  diverging: ['#2166ac', '#4393c3', '#92c5de', '#d1e5f0', '#f7f7f7', '#fddbc7', '#f4a582', '#d6604d', '#b2182b'],
  reds: ['#fff5f0', '#fee0d2', '#fcbba1', '#fc9272', '#fb6a4a', '#ef3b2c', '#cb181d', '#a50f15', '#67000d'],
  blues: ['#f7fbff', '#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#08519c', '#08306b'],
};
const CLASS_COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
const ZERO_COLOUR = '#c9cdd2', MISSING_COLOUR = '#f4f5f7';

function hex(c) { return [1, 3, 5].map(i => parseInt(c.slice(i, i + 2), 16)); }
function tint(c, a) { return 'rgb(' + hex(c).map(v => Math.round(255 + (v - 255) * a)).join(',') + ')'; }
function ramp(name, t) {
  const p = PALETTES[name];
  t = Math.min(1, Math.max(0, t));
  const x = t * (p.length - 1), i = Math.min(p.length - 2, Math.floor(x)), u = x - i;
  const a = hex(p[i]), b = hex(p[i + 1]);
  return 'rgb(' + a.map((v, k) => Math.round(v + (b[k] - v) * u)).join(',') + ')';
}
function colourScale(spec, palette) {
  const sc = scale(spec.kind === 'log' ? 'log' : 'linear', spec.min, spec.max, 0, 1);
  return v => {
    if (v === null) return MISSING_COLOUR;
    if (spec.kind === 'log' && v <= 0) return ZERO_COLOUR;
    return ramp(palette, sc.map(Math.min(spec.max, Math.max(spec.min, v))));
  };
}

// ------------------------------------------------------------------ findings by chart

const byChart = {};
for (const f of data.findings) (byChart[f.chart] = byChart[f.chart] || []).push(f);
const markerId = f => 'marker-' + f.id;
const where = f => [f.layer ? 'layer ' + f.layer : null, f.epoch !== null ? 'epoch ' + f.epoch : null, f.step !== null ? 'step ' + f.step : null].filter(Boolean).join(' · ');

// ------------------------------------------------------------------ page

const app = document.getElementById('app');
const run = data.run;
const chartTitles = {};
for (const sec of data.sections) for (const c of sec.charts) chartTitles[c.id] = c.title;

// called last, once charts.js has been read too (HtmlReportWriter wraps both files in one function)
function render() {
  app.append(header(), toc(), el('main', { class: 'wrap' }, [findingsSection()].concat(data.sections.map(section))));
  ensureMarkers();
  document.body.setAttribute('data-rendered', 'true');
}

function header() {
  const summary = el('div', { class: 'summary' });
  const item = (k, v) => { if (v !== null && v !== undefined && v !== '') summary.append(el('span', {}, [k + ' ', el('b', {}, String(v))])); };
  item('model', run.model_name);
  item('parameters', run.params !== null ? run.params.toLocaleString('en-US') : null);
  item('optimizer', run.optimizer);
  item('learning rate', run.learning_rate !== null ? fmt(run.learning_rate) : null);
  item('loss', run.loss);
  item('batch size', run.batch_size);
  item('epochs', run.planned_epochs !== null ? run.epochs_run + ' of ' + run.planned_epochs : run.epochs_run);
  item('steps', run.steps_run || null);
  item('stopped', run.stopped.replace('_', ' '));
  item('samples', run.train_samples !== null ? run.train_samples + ' train / ' + (run.val_samples || 0) + ' validation' : null);
  return el('header', { class: 'top' }, el('div', { class: 'wrap' }, [
    el('h1', {}, ['Convergent doctor report', el('span', { class: 'verdict ' + run.verdict, id: 'verdict' }, run.verdict.replace('_', ' '))]),
    el('div', { class: 'source' }, run.source || ''),
    summary,
  ]));
}

function toc() {
  const links = [el('a', { href: '#findings' }, 'Findings')].concat(data.sections.map(sec => el('a', { href: '#' + sec.id }, sec.title)));
  const counts = el('span', { class: 'counts' }, `${run.errors} error${run.errors === 1 ? '' : 's'} · ${run.warnings} warning${run.warnings === 1 ? '' : 's'} · ${run.infos} info`);
  return el('nav', { class: 'toc' }, el('div', { class: 'wrap' }, links.concat([counts])));
}

function findingsSection() {
  const sec = el('section', { id: 'findings' }, [el('h2', {}, 'Findings'),
    el('p', { class: 'intro' }, 'Most likely root cause first. Each finding links to the chart and the step or epoch where it was detected; the chart carries a numbered marker there.')]);
  if (data.findings.length === 0) { sec.append(el('div', { class: 'none' }, 'No findings: nothing wrong was detected in this run.')); return sec; }
  sec.append(el('table', { class: 'overview' }, [
    el('thead', {}, el('tr', {}, ['#', 'severity', 'finding', 'where', 'shown on'].map(h => el('th', {}, h)))),
    el('tbody', {}, data.findings.map(f => el('tr', { class: f.severity }, [
      el('td', { class: 'num' }, f.rank), el('td', {}, el('span', { class: 'sev ' + f.severity }, f.severity)),
      el('td', {}, [el('a', { href: '#' + f.id, class: 'code' }, f.code), el('div', { class: 'title' }, f.title)]),
      el('td', { class: 'where-cell' }, where(f) || 'before training'),
      el('td', {}, el('a', { href: '#' + markerId(f) }, chartTitles[f.chart] || f.chart))])))]));
  for (const f of data.findings) sec.append(findingCard(f));
  return sec;
}

function findingCard(f) {
  const card = el('article', { class: 'finding ' + f.severity, id: f.id, 'data-code': f.code });
  card.append(el('div', { class: 'head' }, [el('span', { class: 'rank' }, f.rank + '.'), el('span', { class: 'sev ' + f.severity }, f.severity),
    el('span', { class: 'code' }, f.code), el('span', { class: 'title' }, f.title)]));
  const w = where(f);
  card.append(el('div', { class: 'where' }, [w ? w + ' — ' : '', 'shown on ', el('a', { href: '#' + markerId(f), class: 'chart-link', 'data-chart': f.chart }, chartTitles[f.chart] || f.chart)]));
  const body = el('div', { class: 'body' });
  if (f.explanation) body.append(el('p', { class: 'explanation' }, f.explanation));
  const more = el('details', { open: f.rank <= 3 ? '' : null }, el('summary', {}, `Evidence${f.caused_by.length ? ', causes' : ''} and ${f.fixes.length} fix${f.fixes.length === 1 ? '' : 'es'}`));
  body.append(more);
  if (f.evidence.length) more.append(el('div', { class: 'evidence' }, f.evidence.map(([k, v]) => el('span', {}, [el('b', {}, k), ' ' + v]))));
  if (f.caused_by.length) {
    const links = [];
    f.caused_by.forEach((code, i) => {
      const cause = data.findings.find(g => g.code === code);
      if (i) links.push(', ');
      links.push(cause ? el('a', { href: '#' + cause.id }, code) : code);
    });
    more.append(el('div', { class: 'caused' }, ['Caused by: '].concat(links)));
  }
  if (f.fixes.length) {
    more.append(el('ol', { class: 'fixes' }, f.fixes.map(x => el('li', {}, [x.description + ' ', el('span', { class: 'action' }, '[' + x.action + ']'),
      x.keras ? el('pre', {}, el('code', {}, x.keras)) : null,
      x.trial ? el('div', { class: 'trial ' + x.trial.outcome }, [el('b', {}, 'Tried: '), x.trial.text]) : null]))));
  }
  card.append(body);
  return card;
}

function section(sec) {
  const node = el('section', { id: sec.id }, [el('h2', {}, sec.title), el('p', { class: 'intro' }, sec.intro)]);
  for (const c of sec.charts) node.append(panel(c));
  return node;
}

function panel(c) {
  const pinned = byChart[c.id] || [];
  const figure = el('div', { class: 'figure' });
  const p = el('div', { class: 'panel', id: c.id, 'data-kind': c.kind }, [el('h3', {}, c.title), el('p', { class: 'desc' }, c.description),
    el('div', { class: 'panel-body' + (pinned.length ? '' : ' wide') }, [figure, pinned.length ? pinnedList(c, pinned) : null])]);
  const draw = { line: lineChart, heatmap: heatmap, confusion: confusion, boundary: boundary, filters: filters, model: modelTable, facts: factsTable }[c.kind];
  const labelled = node => { if (node.tagName === 'svg') node.setAttribute('aria-label', c.title); return node; };
  figure.append(labelled(draw(c, pinned)));
  // a log axis shows the decades; the linear one shows small rises near the top (a validation loss turning up)
  if (c.kind === 'line' && c.y.scale.kind === 'log') {
    let kind = 'log';
    const toggle = el('button', { type: 'button', class: 'scale-toggle', title: 'Switch the y axis between log and linear' }, 'y: log scale');
    toggle.addEventListener('click', () => {
      kind = kind === 'log' ? 'linear' : 'log';
      toggle.textContent = 'y: ' + kind + ' scale';
      figure.replaceChildren(labelled(lineChart(c, pinned, kind)));
    });
    p.querySelector('h3').append(toggle);
  }
  return p;
}

// the findings detected on this chart, beside it; an entry is its finding's marker when the chart has no position for it
function pinnedList(c, pinned) {
  const ul = el('ul');
  for (const f of pinned) {
    const at = f.at === null ? '' : (f.until !== null && f.until !== f.at ? `${axisWord(c)} ${fmt(f.at)}–${fmt(f.until)}` : `${axisWord(c)} ${fmt(f.at)}`);
    ul.append(el('li', { id: 'pinned-' + f.id }, [el('span', { class: 'sev ' + f.severity }, '#' + f.rank), ' ', el('a', { href: '#' + f.id }, f.code),
      el('div', {}, f.title), el('div', { class: 'at' }, [at, f.row ? (at ? ' · ' : '') + 'layer ' + f.row : ''])]));
  }
  return el('aside', { class: 'pinned' }, [el('h4', {}, 'Detected here'), ul]);
}
function axisWord(c) { return c.x && c.x.kind === 'epoch' ? 'epoch' : 'step'; }

// an element with the finding's marker id must exist for every finding: the chart draws one where it can,
// otherwise the pinned entry beside the chart becomes the link target
function ensureMarkers() {
  for (const f of data.findings) {
    if (document.getElementById(markerId(f))) continue;
    const entry = document.getElementById('pinned-' + f.id);
    if (entry) entry.id = markerId(f);
  }
}
