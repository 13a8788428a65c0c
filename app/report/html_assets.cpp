#include "app/report/html_assets.hpp"

namespace app::report {

std::string_view html_style() {
  return R"CSS(
:root { --ink: #0f172a; --muted: #64748b; --line: #e2e8f0; --bg: #f1f5f9; --card: #ffffff; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 14px/1.45 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "DejaVu Sans", Arial, sans-serif; }
header.top { background: #0f172a; color: #f8fafc; padding: 20px 32px 18px; }
header.top h1 { margin: 0; font-size: 22px; font-weight: 600; letter-spacing: .2px; }
header.top .desc { margin-top: 4px; color: #e2e8f0; font-size: 14px; max-width: 1100px; }
header.top .sub { margin-top: 4px; color: #cbd5e1; font-size: 13px; }
header.top .sub span + span::before { content: "·"; margin: 0 8px; color: #64748b; }
main { max-width: 1320px; margin: 0 auto; padding: 20px 32px 40px; }
section.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px;
  padding: 16px 20px 18px; margin: 0 0 18px; box-shadow: 0 1px 2px rgba(15, 23, 42, .05); }
section.card h2 { margin: 0 0 10px; font-size: 16px; font-weight: 600; }
section.card h2 .note { font-weight: 400; color: var(--muted); font-size: 13px; margin-left: 8px; }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(128px, 1fr)); gap: 12px; margin-bottom: 18px; }
.kpi { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 12px 16px; }
.kpi .v { font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; white-space: nowrap; }
.kpi .k { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .6px; }
.kpi.good .v { color: #15803d; } .kpi.warn .v { color: #b45309; } .kpi.bad .v { color: #b91c1c; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 16px; margin: 0 0 8px; color: #334155; font-size: 12.5px; }
.legend i { display: inline-block; width: 12px; height: 12px; border-radius: 3px; margin-right: 6px;
  vertical-align: -2px; }
.legend i.line { height: 3px; border-radius: 0; vertical-align: 3px; }
.legend i.dash { height: 0; border-top: 2px dashed #dc2626; border-radius: 0; vertical-align: 3px; }
.scroll { overflow-x: auto; }
svg.chart { display: block; max-width: 100%; height: auto; font-size: 12px; }
svg.chart.conv, svg.chart.step { width: 100%; }
svg text { fill: #334155; }
svg .rowbg { fill: #ffffff; } svg .rowbg.odd { fill: #f8fafc; }
svg .lpar { font-weight: 600; fill: #0f172a; }
svg .route { font-size: 11px; fill: #64748b; font-weight: 400; }
svg .outcome { font-weight: 600; }
svg .grid { stroke: #e2e8f0; stroke-width: 1; }
svg .tick { font-size: 11px; fill: #64748b; }
svg .axis { font-size: 11px; fill: #475569; }
svg .pass { stroke: #ffffff; stroke-width: 1.2; opacity: .85; }
svg .ph:hover, svg .bytes:hover { opacity: .8; }
svg .fault line { stroke: #dc2626; stroke-width: 1.5; stroke-dasharray: 5 4; }
svg .fault path { fill: #dc2626; }
svg .fault text { fill: #b91c1c; font-size: 11px; font-weight: 600; }
svg .bytes { fill: #93c5fd; }
svg path.remaining { fill: none; stroke: #ea580c; stroke-width: 2; }
svg circle.remaining { fill: #ffffff; stroke: #ea580c; stroke-width: 2; }
svg .tick.pages { fill: #c2410c; }
svg .area { opacity: .14; }
svg .line { fill: none; stroke-width: 1.8; }
svg .hit { fill: transparent; }
svg .hit:hover { fill: rgba(15, 23, 42, .05); }
svg .empty { fill: #64748b; font-style: italic; }
.grid2 { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: 14px 18px; }
.grid3 { display: grid; grid-template-columns: repeat(auto-fill, minmax(400px, 1fr)); gap: 14px 18px; }
figure { margin: 0; } figcaption { font-size: 13px; margin: 0 0 4px; }
figcaption b { font-weight: 600; } figcaption .route, .muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { padding: 6px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { font-size: 12px; color: #475569; text-transform: uppercase; letter-spacing: .4px; background: #f8fafc;
  vertical-align: bottom; }
table.sortable th { cursor: pointer; }
table.sortable th[data-dir="asc"]::after { content: " ▲"; font-size: 9px; }
table.sortable th[data-dir="desc"]::after { content: " ▼"; font-size: 9px; }
td.num, th.num { text-align: right; white-space: nowrap; }
tbody tr:hover { background: #f8fafc; }
td .detail { color: var(--muted); font-size: 12px; }
a { color: #1d4ed8; text-decoration: none; } a:hover { text-decoration: underline; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 600;
  white-space: nowrap; }
.b-completed, .b-validated { background: #dcfce7; color: #166534; }
.b-rolled_back, .b-recovered, .b-pending, .b-warning { background: #fef3c7; color: #92400e; }
.b-failed, .b-error { background: #fee2e2; color: #991b1b; }
.b-rejected { background: #e2e8f0; color: #334155; }
td.nw, td code { white-space: nowrap; }
code { font: 12px/1.4 ui-monospace, "DejaVu Sans Mono", Menlo, monospace; }
pre { background: #0f172a; color: #e2e8f0; padding: 14px; border-radius: 8px; overflow: auto; max-height: 520px;
  font: 12px/1.45 ui-monospace, "DejaVu Sans Mono", Menlo, monospace; }
details > summary { cursor: pointer; font-weight: 600; }
p.none { color: var(--muted); font-style: italic; margin: 4px 0; }
footer { color: var(--muted); font-size: 12px; text-align: center; padding: 8px 0 24px; }
#tip { position: fixed; display: none; pointer-events: none; z-index: 10; max-width: 380px; white-space: pre-line;
  background: #0f172a; color: #f8fafc; font-size: 12px; padding: 6px 9px; border-radius: 6px;
  box-shadow: 0 4px 14px rgba(15, 23, 42, .25); }
)CSS";
}

std::string_view html_script() {
  return R"JS(
(function () {
  var tip = document.getElementById('tip');
  Array.prototype.forEach.call(document.querySelectorAll('svg title'), function (t) {
    t.parentNode.setAttribute('data-tip', t.textContent);
    t.parentNode.removeChild(t);
  });
  document.addEventListener('mousemove', function (e) {
    var el = e.target.closest ? e.target.closest('[data-tip]') : null;
    if (!el) { tip.style.display = 'none'; return; }
    tip.textContent = el.getAttribute('data-tip');
    tip.style.display = 'block';
    var x = e.clientX + 14, y = e.clientY + 14;
    if (x + tip.offsetWidth > window.innerWidth - 8) x = e.clientX - tip.offsetWidth - 14;
    if (y + tip.offsetHeight > window.innerHeight - 8) y = e.clientY - tip.offsetHeight - 14;
    tip.style.left = x + 'px';
    tip.style.top = y + 'px';
  });
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable th'), function (th) {
    th.addEventListener('click', function () {
      var table = th.closest('table'), body = table.tBodies[0], col = th.cellIndex;
      var asc = th.getAttribute('data-dir') !== 'asc';
      Array.prototype.forEach.call(table.querySelectorAll('th'), function (h) { h.removeAttribute('data-dir'); });
      th.setAttribute('data-dir', asc ? 'asc' : 'desc');
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[col].getAttribute('data-sort'), y = b.cells[col].getAttribute('data-sort');
        var nx = parseFloat(x), ny = parseFloat(y);
        var r = (isNaN(nx) || isNaN(ny)) ? String(x).localeCompare(String(y)) : nx - ny;
        return asc ? r : -r;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
})();
)JS";
}

}  // namespace app::report
