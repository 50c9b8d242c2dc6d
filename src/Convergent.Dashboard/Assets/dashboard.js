// Convergent dashboard: the run list (/) and the run page (/runs/{id}), drawn from the JSON API and kept current
// over server-sent events while a run trains. All text from the store is set with textContent, never as HTML.
'use strict';
(() => {
  const $ = id => document.getElementById(id);
  const num = v => typeof v === 'number' ? v : v === null || v === undefined ? NaN : Number(v);
  const fmt = (v, digits) => Number.isFinite(num(v)) ? num(v).toFixed(digits) : (v === null || v === undefined ? '–' : String(v));
  function h(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) e.setAttribute(k, v);
    for (const c of children) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
    return e;
  }
  async function getJson(url) {
    const r = await fetch(url, { cache: 'no-store' });
    if (!r.ok) throw new Error(`${url}: ${r.status} ${(await r.json().catch(() => ({}))).error || ''}`);
    return r.json();
  }
  function showError(e) { const p = $('error'); p.hidden = false; p.textContent = String(e.message || e); }
  // a running run silent for two minutes may have lost its process: say so next to its status
  const status = (s, silent) => {
    const badge = h('span', { class: 'status ' + s }, s);
    return s === 'running' && silent > 120
      ? h('span', null, badge, h('span', { class: 'muted' }, ` no update for ${Math.round(silent / 60)} min`)) : badge;
  };
  const time = t => t ? t.replace('T', ' ').slice(0, 19) : '–';
  const base = p => p ? p.split(/[\\/]/).pop() : '(default model)';

  // ------------------------------------------------------------------ run list

  async function runsPage() {
    async function refresh() {
      try {
        const { runs } = await getJson('/api/runs');
        const body = $('runs').tBodies[0];
        body.replaceChildren(...runs.map(r => h('tr', { 'data-run': r.id },
          h('td', { class: 'num' }, h('a', { href: `/runs/${r.id}` }, `#${r.id}`)),
          h('td', null, time(r.started_at)),
          h('td', null, status(r.status, r.seconds_since_update)),
          h('td', null, r.kind),
          h('td', { title: r.model || '' }, base(r.model)),
          h('td', null, r.data || ''),
          h('td', { class: 'num' }, r.epochs),
          h('td', { class: 'num' }, fmt(r.loss, 4)),
          h('td', { class: 'num' }, fmt(r.val_loss, 4)),
          h('td', { class: 'num' }, fmt(r.accuracy, 3)),
          h('td', { class: 'num' }, fmt(r.val_accuracy, 3)),
          h('td', null, r.top_finding || r.error || ''))));
        $('empty').hidden = runs.length > 0;
        // new runs appear by themselves; running ones update faster
        setTimeout(refresh, runs.some(r => r.status === 'running') ? 2000 : 5000);
      } catch (e) { showError(e); }
    }
    await refresh();
  }

  // ------------------------------------------------------------------ run page

  // which chart a finding is about (findings.md: what each code measures); anything else goes to the loss curves
  const CHART_OF = {
    DEAD_RELU: 'layer-dead_fraction', SATURATED_ACTIVATION: 'layer-saturated_fraction',
    EXPLODING_GRADIENT: 'layer-gradient_norm', VANISHING_GRADIENT: 'layer-gradient_norm', POOR_WEIGHT_INIT: 'layer-gradient_norm',
    UNCHANGED_WEIGHTS: 'layer-update_ratio', LR_TOO_LOW: 'layer-update_ratio',
    LR_TOO_HIGH: 'batch-loss', NAN_LOSS: 'batch-loss', OSCILLATING_LOSS: 'batch-loss', LOSS_PLATEAU: 'batch-loss',
    SATURATED_OUTPUT: 'output', CONSTANT_PREDICTION: 'output',
    OVERFITTING: 'loss', UNDERFITTING: 'loss', NO_LEARNING: 'loss', TOO_FEW_EPOCHS: 'loss',
  };
  const LAYER_STATS = [
    ['gradient_norm', 'gradient norm ‖g‖₂'], ['update_ratio', 'update / weight ratio ‖Δw‖/‖w‖'],
    ['dead_fraction', 'dead ReLU share'], ['saturated_fraction', 'saturated share (tanh/sigmoid)'],
    ['activation_mean', 'activation mean'], ['activation_std', 'activation std'], ['weight_norm', 'weight norm ‖w‖₂'],
  ];
  const HIDDEN_METRICS = new Set(['loss', 'val_loss', 'lr', 'seconds']);

  async function runPage() {
    const id = Number((location.pathname.match(/^\/runs\/(\d+)$/) || [])[1]);
    const state = { run: null, model: null, config: null, epochs: new Map(), findings: [], series: new Map(), cursor: [0, 0, 0] };
    let source = null, pending = false;

    async function load() {
      const [detail, series] = await Promise.all([getJson(`/api/runs/${id}`), getJson(`/api/runs/${id}/series`)]);
      state.run = detail.run; state.model = detail.model; state.config = detail.config;
      state.epochs = new Map(detail.epochs.map(e => [e.epoch, e.values]));
      state.findings = detail.findings;
      state.series = new Map(series.series.map(s => [s.layer + '|' + s.series, { layer: s.layer, series: s.series, steps: s.steps, values: s.values }]));
      state.cursor = [detail.epoch_cursor, series.cursor, detail.finding_cursor];
      render();
    }

    function follow() {
      if (source || state.run.status !== 'running') return;
      $('live').hidden = false;
      source = new EventSource(`/api/runs/${id}/events?after=${state.cursor.join(',')}`);
      source.addEventListener('epoch', e => { const d = JSON.parse(e.data); state.epochs.set(d.epoch, d.values); schedule(); });
      source.addEventListener('series', e => {
        for (const c of JSON.parse(e.data).chunks) {
          const key = c.layer + '|' + c.series;
          const s = state.series.get(key) || { layer: c.layer, series: c.series, steps: [], values: [] };
          for (let i = 0; i < c.steps.length; i++) { s.steps.push(c.steps[i]); s.values.push(c.values[i]); }
          state.series.set(key, s);
        }
        schedule();
      });
      source.addEventListener('finding', e => {
        const f = JSON.parse(e.data);
        // the ranked diagnosis replaces the findings posted while training
        if (f.final) state.findings = state.findings.filter(x => x.final);
        if (!state.findings.some(x => x.id === f.id)) state.findings.push(f);
        schedule();
      });
      source.addEventListener('status', e => { state.run = JSON.parse(e.data); schedule(); });
      source.addEventListener('end', async () => {
        source.close(); source = null;
        await load();   // the final, ranked findings replace the live ones
        $('live').hidden = true;
      });
    }

    // redraw at most twice a second however fast the events come
    let lastRender = 0;
    function schedule() {
      if (pending) return;
      pending = true;
      setTimeout(() => requestAnimationFrame(() => { pending = false; lastRender = performance.now(); render(); }),
        Math.max(0, 500 - (performance.now() - lastRender)));
    }

    function render() {
      renderSummary();
      const charts = renderCharts();
      renderFindings(charts);
    }

    function renderSummary() {
      const r = state.run, t = (state.config && state.config.training) || {};
      document.title = `Convergent — run #${r.id}`;
      $('title').textContent = `run #${r.id}: ${base(r.model)} on ${r.data || '?'}`;
      const item = (k, v) => h('div', null, h('span', null, k), v);
      $('summary').replaceChildren(
        item('status', status(r.status, r.seconds_since_update)), item('verdict', r.verdict || '–'), item('verb', r.kind),
        item('model', r.model || '(default model)'), item('data', r.data || '–'), item('seed', r.seed ?? '–'),
        item('optimizer', `${t.optimizer || '–'} lr=${t.learning_rate ?? '–'}`), item('loss fn', t.loss || '–'),
        item('batch size', t.batch_size ?? '–'), item('epochs', `${r.epochs}${t.epochs ? ' / ' + t.epochs : ''}`), item('steps', r.steps),
        item('params', state.model ? state.model.params : '–'),
        item('final loss', fmt(r.loss, 4)), item('final val_loss', fmt(r.val_loss, 4)), item('final accuracy', fmt(r.accuracy, 3)),
        item('host', r.host), item('started', time(r.started_at)), item('ended', time(r.ended_at)),
        ...(r.error ? [item('error', r.error)] : []));
    }

    function chartBox(parent, id, caption) {
      const fig = h('figure', { class: 'chart-box', id: 'chart-' + id }, h('figcaption', null, caption));
      parent.appendChild(fig);
      return fig;
    }

    function markersFor(chartId, stepBased) {
      return state.findings.filter(f => targetOf(f, null) === chartId).map(f => ({
        x: stepBased ? num(f.step) : num(f.epoch), id: `marker-${f.id}`, severity: f.severity,
        label: `${f.code}${f.layer ? ' ' + f.layer : ''}${f.epoch ? ' epoch ' + f.epoch : ''}${f.step !== null && f.step !== undefined ? ' step ' + f.step : ''}: ${f.title}`,
      }));
    }

    let drawn = new Set();
    function targetOf(f, charts) {
      const have = charts || drawn;
      let c = CHART_OF[f.code] || (f.step !== null && f.step !== undefined ? 'batch-loss' : 'loss');
      if (!have.has(c)) c = have.has('loss') ? 'loss' : have.has('batch-loss') ? 'batch-loss' : [...have][0];
      return c;
    }

    function renderCharts() {
      const curves = $('curves'), layers = $('layers');
      curves.replaceChildren(); layers.replaceChildren();
      const epochs = [...state.epochs.keys()].sort((a, b) => a - b);
      const col = name => epochs.map(e => state.epochs.get(e)[name]);
      const names = new Set(epochs.flatMap(e => Object.keys(state.epochs.get(e))));
      const hasData = ys => ys.some(v => Number.isFinite(num(v)));
      const planned = [];   // [box parent, id, caption, options builder]
      if (names.has('loss')) planned.push([curves, 'loss', 'loss per epoch', () => ({
        xLabel: 'epoch', log: 'auto', dots: true, stepBased: false,
        lines: ['loss', 'val_loss'].filter(n => names.has(n)).map(n => ({ name: n, xs: epochs, ys: col(n) })) })]);
      for (const m of [...names].filter(n => !HIDDEN_METRICS.has(n) && !n.startsWith('val_')).sort())
        planned.push([curves, 'metric-' + m, m + ' per epoch', () => ({
          xLabel: 'epoch', log: false, dots: true, stepBased: false,
          lines: [m, 'val_' + m].filter(n => names.has(n)).map(n => ({ name: n, xs: epochs, ys: col(n) })) })]);
      const run = k => state.series.get('|' + k);
      if (run('loss') && hasData(run('loss').values)) planned.push([curves, 'batch-loss', 'batch loss per step', () => ({
        xLabel: 'step', log: 'auto', stepBased: true, lines: [{ name: 'loss', xs: run('loss').steps, ys: run('loss').values }] })]);
      if (run('lr') && hasData(run('lr').values)) planned.push([curves, 'lr', 'learning rate per step', () => ({
        xLabel: 'step', log: 'auto', stepBased: true, lines: [{ name: 'lr', xs: run('lr').steps, ys: run('lr').values }] })]);
      const layerNames = [...new Set([...state.series.values()].filter(s => s.layer && s.layer !== 'output').map(s => s.layer))];
      for (const [stat, caption] of LAYER_STATS) {
        const lines = layerNames.map(l => state.series.get(l + '|' + stat)).filter(s => s && hasData(s.values))
          .map(s => ({ name: s.layer, xs: s.steps, ys: s.values }));
        if (lines.length > 0) planned.push([layers, 'layer-' + stat, caption + ' per step', () => ({ xLabel: 'step', log: 'auto', stepBased: true, lines })]);
      }
      const out = ['max_probability', 'majority_prediction_share'].map(n => state.series.get('output|' + n)).filter(s => s && hasData(s.values));
      if (out.length > 0) planned.push([layers, 'output', 'output layer: confidence and majority-class share per step', () => ({
        xLabel: 'step', log: false, stepBased: true, lines: out.map(s => ({ name: s.series, xs: s.steps, ys: s.values })) })]);
      drawn = new Set(planned.map(p => p[1]));
      for (const [parent, chartId, caption, build] of planned) {
        const o = build();
        Charts.line(chartBox(parent, chartId, caption), { ...o, id: chartId, markers: markersFor(chartId, o.stepBased) });
      }
      return drawn;
    }

    function renderFindings(charts) {
      const list = $('findings');
      const sorted = [...state.findings].sort((a, b) => a.rank - b.rank || a.id - b.id);
      list.replaceChildren(...sorted.map(f => {
        const target = targetOf(f, charts);
        const where = [f.layer, f.epoch ? 'epoch ' + f.epoch : null, f.step !== null && f.step !== undefined ? 'step ' + f.step : null].filter(Boolean).join(', ');
        const link = target ? h('a', { class: 'chart-link', href: '#chart-' + target, 'data-chart': target, 'data-marker': 'marker-' + f.id }, '→ chart') : null;
        if (link) link.addEventListener('click', () => {
          document.querySelectorAll('.marker.hot, .chart-box.flash').forEach(e => e.classList.remove('hot', 'flash'));
          const m = document.getElementById('marker-' + f.id);
          if (m) m.classList.add('hot');
          const box = document.getElementById('chart-' + target);
          if (box) box.classList.add('flash');
        });
        const fixes = Array.isArray(f.fixes) && f.fixes.length ? h('ul', { class: 'fixes' }, ...f.fixes.map(x => h('li', null, x.description, x.keras ? h('code', null, ' ' + x.keras) : null,
          x.trial ? h('span', { class: 'trial ' + x.trial.outcome }, ` trial (${x.trial.epochs} epochs): loss ${fmt(x.trial.loss_before, 4)} → ${fmt(x.trial.loss_after, 4)}, ${x.trial.outcome.replace(/_/g, ' ')}`) : null))) : null;
        return h('li', { class: f.severity, 'data-code': f.code, id: 'finding-' + f.id },
          h('span', { class: 'code' }, f.code), ' ', h('span', null, `(${f.severity}) ${f.title}`),
          where ? h('span', { class: 'where' }, where) : null,
          f.caused_by && f.caused_by.length ? h('span', { class: 'cause' }, 'caused by ' + f.caused_by.join(', ')) : null,
          link, f.explanation ? h('p', { class: 'explanation' }, f.explanation) : null, fixes);
      }));
      $('no-findings').hidden = state.findings.length > 0;
    }

    try {
      await load();
      follow();
    } catch (e) { showError(e); }
  }

  const page = document.body.dataset.page;
  if (page === 'runs') runsPage(); else if (page === 'run') runPage();
})();
