/**
 * The report page's own script, inlined after the chart library: it reads the figures from the
 * page's JSON block and draws the time-series charts with Lightweight Charts. Plain ES2020 for the
 * browser, kept as text here so the report stays one file; listeners are attached here, never as
 * inline handlers.
 */
export const REPORT_SCRIPT = String.raw`
(function () {
  'use strict';
  var LC = window.LightweightCharts;
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var pct = function (digits) { return function (v) { return (v * 100).toFixed(digits) + '%'; }; };
  var num = function (v) { return v.toFixed(2); };
  var charts = [];

  function chart(id, height, formatter) {
    var el = document.getElementById(id);
    var c = LC.createChart(el, {
      autoSize: true,
      height: height,
      layout: { background: { type: 'solid', color: 'transparent' }, textColor: '#24292f', fontFamily: 'system-ui, sans-serif', attributionLogo: false },
      grid: { vertLines: { color: '#eef0f3' }, horzLines: { color: '#eef0f3' } },
      rightPriceScale: { borderVisible: false },
      timeScale: { borderVisible: false },
      localization: { priceFormatter: formatter },
      handleScroll: false,
      handleScale: false,
    });
    charts.push(c);
    return c;
  }

  function line(c, title, color, points, opts) {
    var s = c.addSeries(LC.LineSeries, Object.assign({ color: color, lineWidth: 2, title: title, priceLineVisible: false }, opts || {}));
    s.setData(points);
    return s;
  }

  function points(rows, key, f) {
    var out = [];
    for (var i = 0; i < rows.length; i++) {
      var v = rows[i][key];
      if (v !== null && v !== undefined && isFinite(v)) out.push({ time: rows[i].date, value: f ? f(v) : v });
    }
    return out;
  }

  function markers(series) {
    if (!data.events.length) return;
    LC.createSeriesMarkers(series, data.events.map(function (e, i) {
      return { time: e.date, position: 'aboveBar', color: '#b42318', shape: 'arrowDown', text: String(i + 1) };
    }));
  }

  var curve = data.equity_curve;
  var first = curve.length ? curve[0] : null;
  var growth = function (key) { return first && first[key] ? points(curve, key, function (v) { return v / first[key]; }) : []; };

  // Cumulative returns: growth of 1 so a log scale is defined; labels read as returns.
  var cum = chart('chart-cumulative', 320, function (v) { return ((v - 1) * 100).toFixed(1) + '%'; });
  var strat = line(cum, 'Strategy', '#2563eb', growth('equity'));
  if (data.benchmark_name) line(cum, data.benchmark_name, '#6b7280', growth('benchmark'));
  if (data.has_without_risk_layer) line(cum, 'Without risk layer', '#d97706', growth('without_risk_layer'), { lineStyle: 2 });
  markers(strat);
  var log = document.getElementById('log-scale');
  log.addEventListener('change', function () { cum.priceScale('right').applyOptions({ mode: log.checked ? 1 : 0 }); });

  var uw = chart('chart-underwater', 200, pct(1));
  // A baseline at 0 fills the area between the running peak and the curve.
  var dd = uw.addSeries(LC.BaselineSeries, { baseValue: { type: 'price', price: 0 }, bottomLineColor: '#dc2626', bottomFillColor1: 'rgba(220,38,38,0.1)', bottomFillColor2: 'rgba(220,38,38,0.4)', topLineColor: '#dc2626', lineWidth: 1, title: 'Drawdown', priceLineVisible: false });
  dd.setData(points(data.underwater, 'value'));
  markers(dd);

  function rolling(id, rows, formatter) {
    var c = chart(id, 220, formatter);
    line(c, '6 months', '#2563eb', points(rows, 'six_months'));
    line(c, '12 months', '#7c3aed', points(rows, 'twelve_months'));
    return c;
  }
  rolling('chart-rolling-sharpe', data.rolling_sharpe, num);
  rolling('chart-rolling-volatility', data.rolling_volatility, pct(1));
  if (data.rolling_beta.length) rolling('chart-rolling-beta', data.rolling_beta, num);

  charts.forEach(function (c) { c.timeScale().fitContent(); });
  document.documentElement.setAttribute('data-charts', 'ready');
})();
`;
