// The page's only style sheet and script, inline so the file stands alone (no fonts, no network): the
// evidence pack a specialist attaches to a chargeback response, read on screen and printed.

/** The CSS: system fonts, tabular figures, and print rules that open every drill-down. */
export const PAGE_STYLE = `
:root{--ink:#1d2330;--muted:#5b6475;--line:#dde2ea;--soft:#f5f7fa;--accent:#1f5fbf;--down:#2e8b57;--up:#c77c02;--bar:#c9d7ee}
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#fff}
main{max-width:1040px;margin:0 auto;padding:28px 32px 48px}
header.doc{display:flex;justify-content:space-between;gap:24px;border-bottom:3px solid var(--ink);padding-bottom:14px;margin-bottom:20px}
header.doc h1{font-size:22px;margin:0 0 2px}
.kicker{text-transform:uppercase;letter-spacing:.08em;font-size:11px;color:var(--muted);margin:0}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:8px 0 0;font-size:13px}
dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
.totals{display:grid;grid-template-columns:repeat(2,minmax(150px,1fr));gap:10px;align-content:start}
.card{border:1px solid var(--line);border-radius:8px;padding:10px 14px;background:var(--soft);min-width:160px}
.card .label{font-size:12px;color:var(--muted)}.card .value{font-size:20px;font-weight:650;font-variant-numeric:tabular-nums}
h2{font-size:17px;margin:30px 0 10px;padding-bottom:4px;border-bottom:1px solid var(--line)}
h3{font-size:15px;margin:18px 0 6px}
.num,td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.rounded{text-decoration:underline dotted var(--muted);cursor:help}
table{border-collapse:collapse;width:100%;margin:6px 0 10px}
th,td{padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top;text-align:left}
th{font-size:12px;color:var(--muted);font-weight:600;background:var(--soft)}
tfoot td{font-weight:650;border-top:2px solid var(--ink);border-bottom:none}
details.line{border:1px solid var(--line);border-radius:8px;margin:6px 0;background:#fff}
details.line>summary{display:grid;grid-template-columns:1fr 200px 140px;gap:12px;padding:9px 14px;cursor:pointer;list-style:none;align-items:baseline}
details.line>summary::-webkit-details-marker{display:none}
details.line>summary::before{content:"▸";position:absolute;margin-left:-12px;color:var(--muted)}
details.line[open]>summary::before{content:"▾"}
details.line>summary .name{font-weight:600}
details.line[open]>summary{border-bottom:1px solid var(--line);background:var(--soft);border-radius:8px 8px 0 0}
.line-body{padding:8px 14px 12px}
.summary-text{margin:4px 0 8px}
.kind{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;color:var(--muted)}
ul.terms{margin:4px 0 8px;padding-left:20px}
details.drill{margin:6px 0;border-left:3px solid var(--bar);padding-left:10px}
details.drill>summary{cursor:pointer;color:var(--accent)}
pre.exact{white-space:pre-wrap;word-break:break-all;font-size:11px;background:var(--soft);padding:6px 8px;border-radius:4px;margin:4px 0}
.toolbar{display:flex;gap:8px;margin:6px 0}
button{font:inherit;font-size:12px;padding:3px 10px;border:1px solid var(--line);border-radius:6px;background:#fff;cursor:pointer}
.chart{border:1px solid var(--line);border-radius:8px;padding:10px;margin:8px 0}
svg{width:100%;height:auto;display:block}
svg text{font:11px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;fill:var(--muted)}
svg .frame{stroke:#aab3c2;stroke-width:1}
svg .bar{fill:var(--bar)}
svg .running{fill:none;stroke:var(--accent);stroke-width:2}
svg .point{fill:var(--accent)}
svg .bound{stroke:#b3261e;stroke-width:1.2;stroke-dasharray:5 4}
svg .bound-label{fill:#b3261e;font-weight:600}
svg .crossing{stroke:#b3261e;stroke-width:1;stroke-dasharray:2 3}
svg .crossing-dot{fill:#fff;stroke:#b3261e;stroke-width:2}
svg .axis-title{font-style:italic}
svg .wf-label{fill:var(--ink);font-size:12px}
svg .wf-value{fill:var(--ink);font-size:12px;font-variant-numeric:tabular-nums}
svg .wf-level rect{fill:var(--accent)}svg .wf-down rect{fill:var(--down)}svg .wf-up rect{fill:var(--up)}
.note{color:var(--muted);font-size:13px}
.warning{border-left:3px solid var(--up);padding:4px 10px;background:#fff8eb;margin:4px 0}
.amount-due-why{border-left:3px solid var(--bar);padding:4px 10px;margin:4px 0}
.owed{border-left:3px solid var(--down);padding:4px 10px;background:#eef7f1;margin:4px 0;font-weight:600}
code,.id{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}
footer{margin-top:36px;padding-top:10px;border-top:1px solid var(--line);font-size:12px;color:var(--muted)}
@media print{
  @page{margin:14mm}
  body{font-size:11px}
  main{max-width:none;padding:0}
  .toolbar{display:none}
  details>summary::before{content:none!important}
  details::details-content{content-visibility:visible;display:contents}
  details.line{break-inside:avoid-page;border-color:#bbb}
  .chart,table,svg{break-inside:avoid}
  .rounded::after{content:" (exact " attr(data-exact) ")";font-size:9px;color:var(--muted);overflow-wrap:anywhere}
  .num{white-space:normal}
  details.line>summary{grid-template-columns:1fr minmax(120px,auto) minmax(90px,auto)}
  details.raw{display:none}
  a{color:inherit;text-decoration:none}
}
`;

/**
 * The script: expand or collapse every drill-down, and open them all before printing (for browsers
 * without the print style's ::details-content rule). It reads and writes nothing else.
 */
export const PAGE_SCRIPT = `
(function(){
  var all=function(open){document.querySelectorAll("details").forEach(function(d){d.open=open;});};
  document.querySelectorAll("[data-expand]").forEach(function(b){b.addEventListener("click",function(){all(b.getAttribute("data-expand")==="open");});});
  var opened=[];
  window.addEventListener("beforeprint",function(){opened=[];document.querySelectorAll("details:not([open])").forEach(function(d){opened.push(d);d.open=true;});});
  window.addEventListener("afterprint",function(){opened.forEach(function(d){d.open=false;});opened=[];});
})();
`;
