// The board: renders flowwatch's Kibana dashboards from their sources (served by the board's server) with the Vega and
// Vega-Lite majors Kibana 8.x bundles. As Kibana does, a Vega-Lite spec is compiled to Vega, each data source whose url
// is an Elasticsearch request ("%context%": true) is fetched with the dashboard's time range and control selections
// and inlined as values, then Vega renders it. Searches go through the board's server (/api/search), never straight
// to Elasticsearch. No chart is drawn by hand here: every chart is the panel's own spec.
'use strict';

const board = {
  dashboard: null,
  timeFrom: null,
  timeTo: 'now',
  selections: {},
  views: {},
  errors: [],
  refreshTimer: null,
  generation: 0,
};
window.flowwatchBoard = board;

async function api(path, body) {
  const response = await fetch(path, body === undefined ? {} : {
    method: 'POST',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(path + ' answered ' + response.status + ': ' + text.slice(0, 200));
  }
  if (!response.ok) {
    throw new Error(json.error || (path + ' answered ' + response.status));
  }
  return json;
}

function context(exceptField, queries) {
  const selections = Object.entries(board.selections)
    .filter(([field, value]) => field !== exceptField && value !== '')
    .map(([field, value]) => ({field, value}));
  return {timeFrom: board.timeFrom, timeTo: board.timeTo, selections, queries: queries || []};
}

function search(request, exceptField, queries) {
  return api('/api/search', {request, context: context(exceptField, queries)});
}

// No index matched the request (a deployment that has not written this kind of document yet): Elasticsearch then
// answers without aggregations, so there is nothing to draw rather than something wrong.
function matchedNoIndex(response) {
  return response._shards !== undefined && response._shards.total === 0;
}

class NothingToDraw extends Error {}

// A logger for Vega and Vega-Lite that keeps their warnings and errors with the panel they came from.
function panelLogger(panelId) {
  let level = vega.Warn;
  const keep = (kind) => (...args) => {
    const message = args.map(String).join(' ');
    board.errors.push({panel: panelId, kind, message});
    if (kind === 'error') {
      console.error('panel ' + panelId + ': ' + message);
    } else {
      console.warn('panel ' + panelId + ': ' + message);
    }
  };
  return {
    level(l) { if (l === undefined) return level; level = l; return this; },
    error: keep('error'),
    warn: keep('warn'),
    info() { return this; },
    debug() { return this; },
  };
}

function isFaceted(spec) {
  const encoding = spec.encoding || {};
  return spec.facet !== undefined || encoding.column !== undefined || encoding.row !== undefined
    || encoding.facet !== undefined;
}

// Every data source of a compiled Vega spec (top level and inside marks) whose url is an Elasticsearch request.
function elasticsearchSources(vegaSpec) {
  const found = [];
  const visit = (node) => {
    (node.data || []).forEach((data) => {
      if (data.url && typeof data.url === 'object') found.push(data);
    });
    (node.marks || []).forEach(visit);
  };
  visit(vegaSpec);
  return found;
}

// Each refresh has a generation; a refresh overtaken by a newer one (a control changed meanwhile) touches nothing.
function current(generation) {
  return generation === board.generation;
}

async function renderVega(panel, element, generation) {
  const spec = structuredClone(panel.spec);
  if (spec.config && spec.config.kibana) {
    // Kibana's own settings (a map's tiles and zoom): the board has no tile server, so points sit on a projection.
    delete spec.config.kibana;
  }
  if (!isFaceted(spec)) {
    spec.width = 'container';
    spec.height = 'container';
    spec.autosize = {type: 'fit', contains: 'padding'};
  }
  const logger = panelLogger(panel.id);
  const vegaSpec = vegaLite.compile(spec, {logger}).spec;
  for (const data of elasticsearchSources(vegaSpec)) {
    const response = await search(data.url);
    if (matchedNoIndex(response)) {
      throw new NothingToDraw('No data yet: no index holds these documents.');
    }
    data.values = response;
    delete data.url;
  }
  if (!current(generation)) return;
  if (board.views[panel.id]) {
    board.views[panel.id].finalize();
  }
  element.textContent = '';
  const view = new vega.View(vega.parse(vegaSpec), {renderer: 'svg', container: element, hover: true, logger});
  board.views[panel.id] = view;
  await view.runAsync();
}

function cellText(value) {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return value.toLocaleString('en');
  return String(value);
}

async function renderTable(panel, element, generation) {
  const result = await search(panel.request, undefined, panel.queries);
  if (!current(generation)) return;
  const table = document.createElement('table');
  const head = table.createTHead().insertRow();
  panel.columns.forEach((column) => {
    const th = document.createElement('th');
    th.textContent = column;
    head.appendChild(th);
  });
  const body = table.createTBody();
  result.hits.hits.forEach((hit) => {
    const row = body.insertRow();
    row.dataset.id = hit._id;
    panel.columns.forEach((column) => {
      row.insertCell().textContent = cellText(hit._source[column]);
    });
  });
  element.textContent = '';
  element.appendChild(table);
  element.dataset.rows = String(result.hits.hits.length);
}

async function renderPanel(panel, generation) {
  const section = document.getElementById('panel-' + panel.id);
  const chart = section.querySelector('.chart, .table');
  const status = section.querySelector('.status');
  section.dataset.state = 'loading';
  try {
    if (panel.kind === 'vega') {
      await renderVega(panel, chart, generation);
    } else {
      await renderTable(panel, chart, generation);
    }
    if (!current(generation)) return;
    status.textContent = '';
    section.dataset.state = 'rendered';
  } catch (e) {
    if (!current(generation)) return;
    if (e instanceof NothingToDraw) {
      chart.textContent = '';
      status.textContent = e.message;
      section.dataset.state = 'rendered';
      section.dataset.empty = 'true';
      return;
    }
    board.errors.push({panel: panel.id, kind: 'error', message: String(e.message || e)});
    console.error('panel ' + panel.id + ': ' + (e.message || e));
    status.textContent = 'This panel could not be drawn: ' + (e.message || e);
    section.dataset.state = 'error';
  }
}

function layOut(dashboard) {
  const panels = document.getElementById('panels');
  panels.textContent = '';
  dashboard.panels.forEach((panel) => {
    const section = document.createElement('section');
    section.className = 'panel';
    section.id = 'panel-' + panel.id;
    section.dataset.panel = panel.id;
    section.dataset.kind = panel.kind;
    section.dataset.state = 'loading';
    section.style.gridColumn = (panel.grid.x + 1) + ' / span ' + panel.grid.w;
    section.style.gridRow = (panel.grid.y + 1) + ' / span ' + panel.grid.h;
    const title = document.createElement('h3');
    title.textContent = panel.title.replace(/^\[Flowwatch\] /, '');
    title.title = panel.description;
    const content = document.createElement('div');
    content.className = panel.kind === 'vega' ? 'chart' : 'table';
    const status = document.createElement('p');
    status.className = 'status';
    section.append(title, content, status);
    panels.appendChild(section);
  });
}

async function fillControls(generation) {
  for (const control of board.dashboard.controls) {
    const select = document.querySelector('select[data-control="' + control.field + '"]');
    try {
      const result = await search(control.request, control.field);
      if (!current(generation)) return;
      const chosen = board.selections[control.field] || '';
      select.textContent = '';
      select.add(new Option('All', ''));
      const buckets = matchedNoIndex(result) ? [] : result.aggregations.options.buckets;
      buckets.forEach((bucket) => {
        select.add(new Option(bucket.key + ' (' + bucket.doc_count.toLocaleString('en') + ')', bucket.key));
      });
      if (chosen !== '' && ![...select.options].some((option) => option.value === chosen)) {
        select.add(new Option(chosen + ' (0)', chosen));
      }
      select.value = chosen;
    } catch (e) {
      board.errors.push({panel: 'control ' + control.field, kind: 'error', message: String(e.message || e)});
      console.error('control ' + control.field + ': ' + (e.message || e));
    }
  }
}

function layOutControls(dashboard) {
  const controls = document.getElementById('controls');
  controls.textContent = '';
  dashboard.controls.forEach((control) => {
    const label = document.createElement('label');
    label.textContent = control.title;
    const select = document.createElement('select');
    select.dataset.control = control.field;
    select.add(new Option('All', ''));
    select.addEventListener('change', () => {
      board.selections[control.field] = select.value;
      saveLocation();
      refresh();
    });
    label.appendChild(select);
    controls.appendChild(label);
  });
}

async function refresh() {
  const generation = ++board.generation;
  document.body.dataset.state = 'loading';
  await fillControls(generation);
  await Promise.all(board.dashboard.panels.map((panel) => renderPanel(panel, generation)));
  if (current(generation)) {
    document.body.dataset.generation = String(generation);
    document.body.dataset.state = 'rendered';
  }
}

// The automatic refresh waits for the one in flight; a control's change overtakes it at once.
function refreshIfIdle() {
  if (document.body.dataset.state !== 'loading') refresh();
}

function saveLocation() {
  const parameters = new URLSearchParams();
  parameters.set('from', board.timeFrom);
  Object.entries(board.selections).forEach(([field, value]) => { if (value !== '') parameters.set(field, value); });
  const refreshSeconds = document.getElementById('refresh').value;
  if (refreshSeconds !== '0') parameters.set('refresh', refreshSeconds);
  history.replaceState(null, '', location.pathname + '?' + parameters.toString());
}

function scheduleRefresh(seconds) {
  clearInterval(board.refreshTimer);
  board.refreshTimer = seconds > 0 ? setInterval(refreshIfIdle, seconds * 1000) : null;
}

// Moving to another dashboard keeps the time range and the refresh, not the selections (other controls there).
function keptParameters(parameters) {
  const kept = new URLSearchParams();
  ['from', 'refresh'].forEach((name) => { if (parameters.has(name)) kept.set(name, parameters.get(name)); });
  return kept.toString() === '' ? '' : '?' + kept.toString();
}

async function start() {
  const parameters = new URLSearchParams(location.search);
  const list = await api('/api/dashboards');
  const match = location.pathname.match(/^\/dashboards\/([^/]+)$/);
  const id = match ? decodeURIComponent(match[1]) : list[0].id;
  const nav = document.getElementById('dashboards');
  list.forEach((entry) => {
    const link = document.createElement('a');
    link.href = '/dashboards/' + encodeURIComponent(entry.id) + keptParameters(parameters);
    link.textContent = entry.title.replace(/^\[Flowwatch\] /, '');
    if (entry.id === id) link.setAttribute('aria-current', 'page');
    nav.appendChild(link);
  });
  const dashboard = await api('/api/dashboards/' + encodeURIComponent(id));
  board.dashboard = dashboard;
  board.timeFrom = parameters.get('from') || dashboard.timeFrom;
  board.timeTo = dashboard.timeTo;
  dashboard.controls.forEach((control) => {
    board.selections[control.field] = parameters.get(control.field) || '';
  });
  document.title = dashboard.title.replace(/^\[Flowwatch\] /, '') + ' - flowwatch board';
  document.getElementById('dashboard-title').textContent = dashboard.title.replace(/^\[Flowwatch\] /, '');
  document.getElementById('dashboard-description').textContent = dashboard.description;
  const timeRange = document.getElementById('time-range');
  if (![...timeRange.options].some((option) => option.value === board.timeFrom)) {
    timeRange.add(new Option(board.timeFrom, board.timeFrom));
  }
  timeRange.value = board.timeFrom;
  timeRange.addEventListener('change', () => {
    board.timeFrom = timeRange.value;
    saveLocation();
    refresh();
  });
  const refreshSelect = document.getElementById('refresh');
  refreshSelect.value = parameters.get('refresh') || String(dashboard.refreshSeconds);
  if (refreshSelect.value === '') {
    refreshSelect.value = String(dashboard.refreshSeconds);
  }
  refreshSelect.addEventListener('change', () => {
    scheduleRefresh(Number(refreshSelect.value));
    saveLocation();
  });
  layOutControls(dashboard);
  layOut(dashboard);
  scheduleRefresh(Number(refreshSelect.value));
  await refresh();
}

start().catch((e) => {
  const message = document.getElementById('board-error');
  message.hidden = false;
  message.textContent = 'The board could not start: ' + (e.message || e);
  board.errors.push({panel: 'board', kind: 'error', message: String(e.message || e)});
  console.error('board: ' + (e.message || e));
  document.body.dataset.state = 'error';
});
