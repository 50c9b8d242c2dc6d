// Convergent HTML report renderer, part 2 of 2: the charts (line, heatmap, confusion matrix, decision boundary, conv
// filters, tables), drawn as SVG (filter tiles on canvases) from the payload's chart objects. Uses part 1's helpers.
// ------------------------------------------------------------------ shared chart parts

function frame(height, margin) {
  const svg = s('svg', { class: 'chart', viewBox: `0 0 ${W} ${height}`, width: W, height: height, role: 'img' });
  const plot = { x0: margin.left, x1: W - margin.right, y0: margin.top, y1: height - margin.bottom };
  return { svg, plot };
}

function xAxis(g, sc, plot, label, integer) {
  const axis = s('g', { class: 'axis x' });
  axis.append(s('line', { x1: plot.x0, x2: plot.x1, y1: plot.y1, y2: plot.y1 }));
  let ticks = sc.ticks();
  if (integer) ticks = ticks.filter(([v]) => Number.isInteger(v));
  for (const [v, text] of ticks) {
    const x = sc.map(v);
    const t = s('g', { class: 'tick' });
    t.append(s('line', { x1: x, x2: x, y1: plot.y1, y2: plot.y1 + 5 }), s('text', { x: x, y: plot.y1 + 18, 'text-anchor': 'middle' }, text));
    axis.append(t);
  }
  axis.append(s('text', { class: 'label', x: (plot.x0 + plot.x1) / 2, y: plot.y1 + 36, 'text-anchor': 'middle' }, label));
  g.append(axis);
}

function yAxis(g, sc, plot, label) {
  const grid = s('g', { class: 'grid' }), axis = s('g', { class: 'axis y' });
  axis.append(s('line', { x1: plot.x0, x2: plot.x0, y1: plot.y0, y2: plot.y1 }));
  for (const [v, text] of sc.ticks()) {
    const y = sc.map(v);
    grid.append(s('line', { x1: plot.x0, x2: plot.x1, y1: y, y2: y }));
    const t = s('g', { class: 'tick' });
    t.append(s('line', { x1: plot.x0 - 5, x2: plot.x0, y1: y, y2: y }), s('text', { x: plot.x0 - 8, y: y + 4, 'text-anchor': 'end' }, text));
    axis.append(t);
  }
  const cy = (plot.y0 + plot.y1) / 2;
  axis.append(s('text', { class: 'label', x: 16, y: cy, transform: `rotate(-90 16 ${cy})`, 'text-anchor': 'middle' }, label));
  g.append(grid, axis);
}

// faint lines at the first step of each epoch on charts over steps
function epochLines(g, sc, plot, labelsAbove) {
  const starts = run.epoch_starts.filter(([, st]) => st >= sc.d0 && st <= sc.d1);
  if (starts.length < 2) return;
  const every = Math.ceil(starts.length / 12);
  const layer = s('g', { class: 'epochs' });
  starts.forEach(([epoch, st], i) => {
    if (i === 0 || i % every) return;
    const x = sc.map(st);
    layer.append(s('line', { class: 'epoch-line', x1: x, x2: x, y1: plot.y0, y2: plot.y1 }),
      s('text', { class: 'epoch-label', x: x + 3, y: labelsAbove ? plot.y0 - 5 : plot.y0 + 10 }, 'epoch ' + epoch));
  });
  g.append(layer);
}

// a numbered marker at the x of each finding placed on the chart (and a shaded range up to `until`); on heatmaps
// also an outline around the finding's layer row
function markers(svg, c, pinned, sx, plot, rowY, flagY) {
  const layer = s('g', { class: 'markers' });
  const fy = flagY === undefined ? plot.y0 - 12 : flagY;
  let lastFlag = -Infinity;
  const xOf = f => f.at === null ? Infinity : f.at;
  for (const f of pinned.slice().sort((a, b) => xOf(a) - xOf(b))) {
    if (f.at === null && !(f.row && rowY && rowY(f.row))) continue;
    const g = s('g', { class: 'marker', id: markerId(f), 'data-finding': f.id, 'data-code': f.code });
    if (f.at !== null) g.setAttribute('data-at', f.at);
    if (f.row) g.setAttribute('data-row', f.row);
    if (f.at !== null) {
      const x = sx.map(Math.min(sx.d1, Math.max(sx.d0, f.at)));
      if (f.until !== null && f.until > f.at) {
        const x2 = sx.map(Math.min(sx.d1, f.until));
        g.append(s('rect', { class: 'range', x: x, y: plot.y0, width: Math.max(0, x2 - x), height: plot.y1 - plot.y0 }));
        g.append(s('text', { class: 'caption', x: x + 6, y: plot.y1 - 8 }, `${f.code.toLowerCase().replace(/_/g, ' ')} from ${axisWord(c)} ${fmt(f.at)}`));
      }
      g.append(s('line', { class: 'at', x1: x, x2: x, y1: plot.y0, y2: plot.y1 }));
      // flags of nearby findings stand side by side, each tied to its line
      const fx = Math.max(x, lastFlag + 20);
      lastFlag = fx;
      if (fx !== x) g.append(s('line', { class: 'tie', x1: fx, x2: x, y1: fy + 9, y2: plot.y0 }));
      else g.append(s('line', { class: 'tie', x1: x, x2: x, y1: fy + 9, y2: plot.y0 }));
      const flag = s('a', { class: 'flag', href: '#' + f.id });
      flag.append(s('circle', { cx: fx, cy: fy, r: 9 }), s('text', { x: fx, y: fy + 4, 'text-anchor': 'middle' }, f.rank));
      title(flag, `#${f.rank} ${f.code} at ${axisWord(c)} ${fmt(f.at)}: ${f.title}`);
      g.append(flag);
    }
    if (f.row && rowY) {
      const r = rowY(f.row);
      if (r) g.append(s('rect', { class: 'row', x: plot.x0 - 2, y: r[0] - 1, width: plot.x1 - plot.x0 + 4, height: r[1] - r[0] + 2 }));
      if (f.at === null) {
        const flag = s('a', { class: 'flag', href: '#' + f.id });
        flag.append(s('circle', { cx: plot.x1 + 12, cy: (r[0] + r[1]) / 2, r: 9 }), s('text', { x: plot.x1 + 12, y: (r[0] + r[1]) / 2 + 4, 'text-anchor': 'middle' }, f.rank));
        g.append(flag);
      }
    }
    layer.append(g);
  }
  svg.append(layer);
}

// ------------------------------------------------------------------ line chart

function lineChart(c, pinned, forcedKind) {
  const ys = c.series.flatMap(l => l.y).filter(v => v !== null);
  let { kind, min, max } = c.y.scale;
  if (forcedKind) kind = forcedKind;
  if (kind === 'log') { min = min / 1.25; max = max * 1.25; }
  else if (!(min === 0 && max === 1)) {
    if (ys.length) { min = Math.min(...ys); max = Math.max(...ys); }
    const pad = max > min ? 0.06 * (max - min) : Math.max(Math.abs(max) * 0.1, 0.1);
    const lo = min - pad;
    min = min >= 0 && lo < 0 ? 0 : lo; max = max + pad;
  }
  const longest = Math.max(...scale(kind === 'log' ? 'log' : 'linear', min, max, 0, 1).ticks().map(([, t]) => t.length));
  const height = 318, { svg, plot } = frame(height, { left: Math.max(70, 40 + 7 * longest), right: 24, top: 44, bottom: 50 });
  const xs = c.series.flatMap(l => l.x);
  let x0 = Math.min(...xs), x1 = Math.max(...xs);
  if (c.x.kind === 'epoch') { if (x1 === x0) { x0 -= 0.5; x1 += 0.5; } }
  else if (x1 === x0) x1 = x0 + 1;
  for (const f of pinned) if (f.at !== null) { x0 = Math.min(x0, f.at); x1 = Math.max(x1, f.until !== null ? f.until : f.at); }
  const sx = scale('linear', x0, x1, plot.x0, plot.x1);
  const sy = scale(kind === 'log' ? 'log' : 'linear', min, max, plot.y1, plot.y0);
  svg.setAttribute('data-x0', x0); svg.setAttribute('data-x1', x1);
  svg.setAttribute('data-px0', plot.x0); svg.setAttribute('data-px1', plot.x1);
  svg.setAttribute('data-y-scale', sy.kind);
  const g = s('g');
  yAxis(g, sy, plot, c.y.label + (sy.kind === 'log' ? ' (log scale)' : ''));
  xAxis(g, sx, plot, c.x.label, c.x.kind === 'epoch');
  if (c.x.kind === 'step') epochLines(g, sx, plot);
  svg.append(g);

  const few = c.series.every(l => l.x.length <= 120);
  for (const line of c.series) {
    let d = '', pen = false, n = 0;
    const pts = s('g', { class: 'points' });
    line.x.forEach((x, i) => {
      const y = line.y[i];
      if (!sy.valid(y)) { pen = false; return; }
      const px = sx.map(x).toFixed(2), py = sy.map(y).toFixed(2);
      d += (pen ? 'L' : 'M') + px + ',' + py;
      pen = true; n++;
      if (few) pts.append(s('circle', { class: 'pt ' + line.role, cx: px, cy: py, r: 2.6 }));
    });
    svg.append(s('path', { class: 'series ' + line.role, d: d, 'data-name': line.name, 'data-points': n }), pts);
  }

  // legend, top right
  const legend = s('g', { class: 'legend' });
  let lx = plot.x1;
  for (const line of c.series.slice().reverse()) {
    lx -= 7 * line.label.length + 40;
    legend.append(s('line', { class: 'series ' + line.role, x1: lx, x2: lx + 22, y1: plot.y0 - 34, y2: plot.y0 - 34 }),
      s('text', { x: lx + 28, y: plot.y0 - 30 }, line.label));
  }
  svg.append(legend);
  markers(svg, c, pinned, sx, plot, null);
  hover(svg, c, sx, sy, plot);
  return svg;
}

// crosshair and tooltip with every line's value at the nearest x
function hover(svg, c, sx, sy, plot) {
  const cross = s('line', { class: 'crosshair', y1: plot.y0, y2: plot.y1, visibility: 'hidden' });
  const area = s('rect', { x: plot.x0, y: plot.y0, width: plot.x1 - plot.x0, height: plot.y1 - plot.y0, fill: 'transparent' });
  svg.append(cross, area);
  area.addEventListener('mousemove', ev => {
    const box = svg.getBoundingClientRect(), k = W / box.width;
    const px = (ev.clientX - box.left) * k;
    const xv = sx.d0 + (px - plot.x0) / (plot.x1 - plot.x0) * (sx.d1 - sx.d0);
    const lines = [];
    let best = null;
    for (const line of c.series) {
      let bi = 0;
      for (let i = 1; i < line.x.length; i++) if (Math.abs(line.x[i] - xv) < Math.abs(line.x[bi] - xv)) bi = i;
      if (!line.x.length) continue;
      if (best === null) best = line.x[bi];
      lines.push(`${line.label}: ${fmt(line.y[bi])}`);
    }
    if (best === null) return;
    cross.setAttribute('x1', sx.map(best)); cross.setAttribute('x2', sx.map(best)); cross.setAttribute('visibility', 'visible');
    showTip(ev, `${c.x.kind} ${fmt(best)}\n` + lines.join('\n'));
  });
  area.addEventListener('mouseleave', () => { cross.setAttribute('visibility', 'hidden'); hideTip(); });
}
function showTip(ev, text) {
  tooltip.textContent = text;
  tooltip.hidden = false;
  tooltip.style.left = Math.min(window.innerWidth - 260, ev.clientX + 14) + 'px';
  tooltip.style.top = (ev.clientY + 14) + 'px';
}
function hideTip() { tooltip.hidden = true; }

// ------------------------------------------------------------------ heatmap

function heatmap(c, pinned) {
  const rows = c.rows.length, cols = c.starts.length;
  const rowH = Math.max(16, Math.min(30, Math.floor(200 / rows)));
  const labelW = Math.min(190, 24 + 7 * Math.max(...c.rows.map(r => r.length)));
  const top = pinned.some(f => f.at !== null) ? 50 : 24, plotH = rows * rowH, legendH = 64;
  const height = top + plotH + 50 + legendH;
  const { svg, plot } = frame(height, { left: labelW, right: 34, top: top, bottom: 50 + legendH });
  const sx = scale('linear', c.starts[0], c.end, plot.x0, plot.x1);
  svg.setAttribute('data-x0', c.starts[0]); svg.setAttribute('data-x1', c.end);
  svg.setAttribute('data-px0', plot.x0); svg.setAttribute('data-px1', plot.x1);
  svg.setAttribute('data-scale', c.scale.kind);
  const colour = colourScale(c.scale, c.palette);
  const cells = s('g', { class: 'cells', 'shape-rendering': 'crispEdges' });
  c.values.forEach((row, r) => {
    const y = plot.y0 + r * rowH;
    row.forEach((v, j) => {
      const xa = sx.map(c.starts[j]), xb = sx.map(j + 1 < cols ? c.starts[j + 1] : c.end);
      const last = (j + 1 < cols ? c.starts[j + 1] : c.end) - 1;
      const rect = s('rect', { class: 'cell', x: xa.toFixed(2), y: y, width: Math.max(0.5, xb - xa + 0.35).toFixed(2), height: rowH - 1, fill: colour(v), 'data-value': v === null ? '' : v });
      title(rect, `${c.rows[r]} · step${last > c.starts[j] ? 's ' + c.starts[j] + '–' + last : ' ' + c.starts[j]}\n${c.statistic.replace(/_/g, ' ')}: ${v === null ? 'not recorded' : fmt(v)}`);
      cells.append(rect);
    });
  });
  svg.append(cells);
  const labels = s('g', { class: 'rows' });
  c.rows.forEach((name, r) => labels.append(s('text', { class: 'tick', x: plot.x0 - 8, y: plot.y0 + r * rowH + rowH / 2 + 4, 'text-anchor': 'end' }, name)));
  svg.append(labels);
  const g = s('g');
  xAxis(g, sx, plot, c.x.label, true);
  svg.append(g);
  epochLines(svg, sx, plot, true);
  colourLegend(svg, c, plot, height - legendH + 22);
  markers(svg, c, pinned, sx, plot, name => {
    const r = c.rows.indexOf(name);
    return r < 0 ? null : [plot.y0 + r * rowH, plot.y0 + (r + 1) * rowH - 1];
  }, plot.y0 - 32);
  return svg;
}

// the colour bar with its scale's ticks, the unit, the "≤ 0" and "not recorded" swatches and a reference mark
function colourLegend(svg, c, plot, y) {
  const g = s('g', { class: 'colour-legend' });
  const x0 = plot.x0, x1 = Math.min(plot.x1, plot.x0 + 380), h = 12;
  const spec = c.scale, ls = scale(spec.kind === 'log' ? 'log' : 'linear', spec.min, spec.max, x0, x1);
  const n = 64;
  for (let i = 0; i < n; i++) {
    const t = i / (n - 1);
    g.append(s('rect', { x: (x0 + (x1 - x0) * i / n).toFixed(2), y: y, width: ((x1 - x0) / n + 0.6).toFixed(2), height: h, fill: ramp(c.palette, t) }));
  }
  for (const [v, text] of ls.ticks()) {
    const x = ls.map(v);
    g.append(s('line', { x1: x, x2: x, y1: y + h, y2: y + h + 4, stroke: '#9aa4ae' }), s('text', { class: 'tick', x: x, y: y + h + 16, 'text-anchor': 'middle' }, text));
  }
  if (c.reference !== undefined && c.reference >= spec.min && c.reference <= spec.max) {
    const x = ls.map(c.reference);
    g.append(s('line', { x1: x, x2: x, y1: y - 4, y2: y + h + 4, stroke: '#17202b', 'stroke-width': 2 }),
      s('text', { class: 'tick', x: x, y: y - 7, 'text-anchor': 'middle' }, c.reference_label));
  }
  g.append(s('text', { class: 'label', x: x0, y: y - (c.reference !== undefined ? 22 : 6) }, 'colour: ' + c.unit + (spec.kind === 'log' ? ' (log scale)' : '')));
  let sx = x1 + 24;
  if (spec.kind === 'log') {
    g.append(s('rect', { x: sx, y: y, width: 12, height: 12, fill: ZERO_COLOUR }), s('text', { class: 'tick', x: sx + 17, y: y + 10 }, '≤ 0 (off the log scale)'));
    sx += 160;
  }
  g.append(s('rect', { x: sx, y: y, width: 12, height: 12, fill: MISSING_COLOUR, stroke: '#cfd6dd' }), s('text', { class: 'tick', x: sx + 17, y: y + 10 }, 'not recorded'));
  svg.append(g);
}

// ------------------------------------------------------------------ confusion matrix

function confusion(c, pinned) {
  const k = c.classes, cell = Math.max(26, Math.min(64, Math.floor(420 / k)));
  const left = 110, top = 40, size = k * cell;
  const height = top + size + 16;
  const { svg } = frame(height, { left: left, right: 20, top: top, bottom: 16 });
  svg.setAttribute('viewBox', `0 0 ${Math.max(left + size + 260, 520)} ${height}`);
  svg.setAttribute('width', Math.max(left + size + 260, 520));
  svg.classList.add('natural');
  const cells = s('g', { class: 'cells' });
  for (let t = 0; t < k; t++) {
    const rowTotal = c.counts[t].reduce((a, b) => a + b, 0);
    for (let p = 0; p < k; p++) {
      const n = c.counts[t][p], share = rowTotal ? n / rowTotal : 0;
      const x = left + p * cell, y = top + t * cell;
      const rect = s('rect', { class: 'cell', x: x, y: y, width: cell - 1, height: cell - 1, fill: ramp('blues', share), 'data-count': n });
      title(rect, `true ${t}, predicted ${p}: ${n} (${(100 * share).toFixed(1)} % of class ${t})`);
      cells.append(rect);
      if (cell >= 26) cells.append(s('text', { class: 'cell-text' + (share > 0.55 ? ' light' : ''), x: x + cell / 2, y: y + cell / 2 }, n));
    }
    cells.append(s('text', { class: 'tick', x: left - 8, y: top + t * cell + cell / 2 + 4, 'text-anchor': 'end' }, t));
  }
  for (let p = 0; p < k; p++) cells.append(s('text', { class: 'tick', x: left + p * cell + cell / 2, y: top - 8, 'text-anchor': 'middle' }, p));
  svg.append(cells);
  svg.append(s('text', { class: 'label', x: left + size / 2, y: top - 24, 'text-anchor': 'middle' }, 'predicted class'));
  svg.append(s('text', { class: 'label', x: 30, y: top + size / 2, transform: `rotate(-90 30 ${top + size / 2})`, 'text-anchor': 'middle' }, 'true class'));
  const info = s('g', { class: 'legend' });
  const lines = [`${c.total} ${c.on_validation ? 'validation' : 'training'} samples`, `accuracy ${fmt(c.accuracy)}`, `after epoch ${c.epoch}`];
  if (c.unpredictable) lines.push(`${c.unpredictable} with NaN/Inf output`);
  lines.forEach((t, i) => info.append(s('text', { x: left + size + 24, y: top + 14 + 18 * i }, t)));
  svg.append(info);
  // findings here point at the whole matrix
  const rowY = () => [top, top + size - 1];
  markers(svg, c, pinned.map(f => Object.assign({}, f, { at: null, row: f.row || 'all' })), null, { x0: left, x1: left + size - 1, y0: top, y1: top + size }, rowY);
  return svg;
}

// ------------------------------------------------------------------ decision boundary

function boundary(c, pinned) {
  const n = c.size, side = 480, left = 70, top = 20;
  const height = top + side + 56;
  const { svg } = frame(height, { left: left, right: 20, top: top, bottom: 56 });
  const width = left + side + 220;
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', width);
  svg.classList.add('natural');
  const plot = { x0: left, x1: left + side, y0: top, y1: top + side };
  const sx = scale('linear', c.x_min, c.x_max, plot.x0, plot.x1), sy = scale('linear', c.y_min, c.y_max, plot.y1, plot.y0);
  const cw = side / n;
  const cells = s('g', { class: 'cells', 'shape-rendering': 'crispEdges' });
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    const k = c.classes[i * n + j], p = c.confidence[i * n + j];
    const shade = p === null ? 0.5 : 0.12 + 0.5 * Math.max(0, Math.min(1, (p - 0.5) * 2));
    // opaque colours (the class colour mixed with white by the shade), so abutting cells show no seams
    cells.append(s('rect', { class: 'cell', x: (plot.x0 + j * cw).toFixed(2), y: (plot.y1 - (i + 1) * cw).toFixed(2), width: (cw + 0.5).toFixed(2), height: (cw + 0.5).toFixed(2),
      fill: k < 0 ? '#7f7f7f' : tint(CLASS_COLOURS[k % 10], shade) }));
  }
  svg.append(cells);
  const g = s('g', { class: 'no-grid' });
  yAxis(g, sy, plot, c.y_label);
  xAxis(g, sx, plot, c.x_label, false);
  svg.append(g);
  const pts = s('g', { class: 'points' });
  c.points.x.forEach((x, i) => {
    const y = c.points.y[i], label = c.points.label[i], val = c.points.validation[i] === 1;
    if (x === null || y === null) return;
    const colour = label < 0 ? '#444' : CLASS_COLOURS[label % 10];
    pts.append(s('circle', { class: 'point ' + (val ? 'val' : 'train'), cx: sx.map(x).toFixed(2), cy: sy.map(y).toFixed(2), r: val ? 3.2 : 2.6,
      fill: val ? '#fff' : colour, stroke: val ? colour : '#fff' }));
  });
  svg.append(pts);
  const legend = s('g', { class: 'legend' });
  let ly = top + 12;
  for (let k = 0; k < c.class_count; k++) {
    legend.append(s('rect', { x: plot.x1 + 20, y: ly - 10, width: 14, height: 14, fill: tint(CLASS_COLOURS[k % 10], 0.62) }), s('text', { x: plot.x1 + 42, y: ly + 1 }, 'class ' + k));
    ly += 20;
  }
  ly += 8;
  legend.append(s('circle', { cx: plot.x1 + 27, cy: ly - 4, r: 3, fill: '#555' }), s('text', { x: plot.x1 + 42, y: ly }, 'training sample'));
  ly += 20;
  legend.append(s('circle', { cx: plot.x1 + 27, cy: ly - 4, r: 3.2, fill: '#fff', stroke: '#555', 'stroke-width': 1.6 }), s('text', { x: plot.x1 + 42, y: ly }, 'validation sample'));
  ly += 20;
  legend.append(s('text', { x: plot.x1 + 20, y: ly + 6, class: 'tick' }, 'shade: probability of the'), s('text', { x: plot.x1 + 20, y: ly + 20, class: 'tick' }, 'predicted class (0.5 → 1)'));
  svg.append(legend);
  markers(svg, c, pinned.map(f => Object.assign({}, f, { at: null, row: 'all' })), null, plot, () => [plot.y0, plot.y1 - 1]);
  return svg;
}

// ------------------------------------------------------------------ conv filters

function filters(c) {
  const box = el('div', { class: 'filters' });
  for (const layer of c.layers) {
    const kernel = `${layer.kernel_height}×${layer.kernel_width}×${layer.input_channels}`;
    const notes = [`${layer.filters} of ${layer.total_filters} filters`, `kernel ${kernel}`];
    if (layer.downsample > 1) notes.push(`shown ${layer.height}×${layer.width} (means of ${layer.downsample}×${layer.downsample} blocks)`);
    notes.push(layer.channels === 3 ? 'RGB' : layer.input_channels > 1 ? `mean of ${layer.input_channels} input channels` : 'one input channel');
    const block = el('div', { class: 'filters-layer', 'data-layer': layer.layer }, [el('h4', {}, [layer.layer + ' ', el('span', { class: 'note' }, '— ' + notes.join(' · '))])]);
    const px = Math.min(12, 48 / Math.max(layer.height, layer.width));
    for (const snap of layer.snapshots) {
      const tiles = el('div', { class: 'tiles' });
      tiles.style.gridTemplateColumns = `repeat(${Math.min(layer.filters, 16)}, max-content)`;
      for (let f = 0; f < layer.filters; f++) tiles.append(filterCanvas(layer, snap.scaled, f, px));
      block.append(el('div', { class: 'filter-row', 'data-epoch': snap.epoch }, [el('div', { class: 'when' }, [el('b', {}, snap.epoch === 0 ? 'initialization' : 'epoch ' + snap.epoch),
        el('br'), 'step ' + snap.step, el('br'), 'scale ±' + fmt(snap.max_abs)]), tiles]));
    }
    box.append(block);
  }
  return box;
}

// values: per mille of the moment's largest |weight|
function filterCanvas(layer, values, f, px) {
  const h = layer.height, w = layer.width, ch = layer.channels, m = 1000;
  const canvas = el('canvas', { class: 'filter', width: w, height: h, 'data-filter': f });
  canvas.style.width = (w * px) + 'px';
  canvas.style.height = (h * px) + 'px';
  const ctx = canvas.getContext('2d'), img = ctx.createImageData(w, h);
  for (let r = 0; r < h; r++) for (let col = 0; col < w; col++) {
    const base = ((f * h + r) * w + col) * ch, o = (r * w + col) * 4;
    if (ch === 3) {
      for (let k = 0; k < 3; k++) img.data[o + k] = Math.round(255 * Math.min(1, Math.max(0, 0.5 + 0.5 * (values[base + k] || 0) / m)));
    } else {
      const rgb = hex(rgbToHex(ramp('diverging', 0.5 + 0.5 * (values[base] || 0) / m)));
      img.data[o] = rgb[0]; img.data[o + 1] = rgb[1]; img.data[o + 2] = rgb[2];
    }
    img.data[o + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
  canvas.title = `${layer.layer} filter ${f}`;
  canvas.setAttribute('aria-label', canvas.title);
  return canvas;
}
function rgbToHex(rgb) { return '#' + rgb.slice(4, -1).split(',').map(v => Number(v).toString(16).padStart(2, '0')).join(''); }

// ------------------------------------------------------------------ tables

function modelTable(c, pinned) {
  if (c.layers.length === 0) return el('div', { class: 'quiet' }, pinned.length ? 'No layers were recorded; the findings about the whole model are listed beside.' : 'No layers were recorded.');
  const rows = c.layers.map(l => {
    const mine = pinned.filter(f => f.row === l.name);
    const tr = el('tr', { 'data-layer': l.name, class: mine.length ? 'flagged' : null }, [
      el('td', {}, [l.name].concat(mine.map(f => el('a', { class: 'badge', id: markerId(f), href: '#' + f.id, title: f.code }, '#' + f.rank)))),
      el('td', {}, l.type), el('td', {}, l.output_shape), el('td', { class: 'num' }, l.params.toLocaleString('en-US')), el('td', {}, l.activation || '')]);
    return tr;
  });
  const table = el('table', { class: 'grid' }, [el('thead', {}, el('tr', {}, ['layer', 'type', 'output shape', 'parameters', 'activation'].map(h => el('th', {}, h)))), el('tbody', {}, rows)]);
  if (c.params !== null) table.append(el('tfoot', {}, el('tr', {}, [el('th', {}, 'total'), el('td'), el('td'), el('td', { class: 'num' }, c.params.toLocaleString('en-US')), el('td')])));
  return table;
}

function factsTable(c) {
  return el('table', { class: 'grid' }, el('tbody', {}, c.facts.map(([k, v]) => el('tr', {}, [el('th', {}, k), el('td', {}, v)]))));
}
