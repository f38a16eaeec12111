// The inline style sheet of the HTML report: A4, black on white, colour only where it carries
// meaning (severity, decision), and colours kept when printed.
#pragma once

#include <string_view>

namespace itaku::detail {

inline constexpr std::string_view kHtmlReportStyle = R"css(
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Kaku Gothic ProN", "Yu Gothic", Meiryo,
  "IPAexGothic", "IPAGothic", sans-serif;
  font-size: 10pt; line-height: 1.5; color: #1a1a1a; background: #fff; max-width: 190mm; margin: 0 auto; padding: 8mm 0; }
.report-head { display: flex; justify-content: space-between; align-items: flex-start; gap: 6mm;
  border-bottom: 3px double #333; padding-bottom: 3mm; margin-bottom: 4mm; }
h1 { font-size: 17pt; letter-spacing: 0.08em; margin: 0 0 1mm; }
.scope { margin: 0; color: #444; }
.as-of { margin: 2mm 0 0; font-size: 11pt; font-weight: bold; }
table { border-collapse: collapse; }
th, td { border: 1px solid #8a8a8a; padding: 1.2mm 1.8mm; vertical-align: top; text-align: left; }
thead th { background: #ececec; font-weight: bold; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
.stamps th { width: 17mm; text-align: center; font-weight: normal; font-size: 8.5pt; padding: 0.5mm; background: #f6f6f6; }
.stamps td { height: 17mm; }
h2 { font-size: 12.5pt; margin: 5mm 0 2mm; padding: 1mm 3mm; border-left: 6px solid #555; background: #f3f3f3;
  break-after: avoid; page-break-after: avoid; }
h2 .count { font-weight: normal; font-size: 10.5pt; margin-left: 2mm; }
h2.decision-reject { border-left-color: #7f0000; background: #fbeaea; }
h2.decision-conditional { border-left-color: #c77c00; background: #fdf4e3; }
h2.decision-approve { border-left-color: #2b6e2f; background: #eaf5ea; }
h2.invalid { border-left-color: #444; }
table.summary th, table.summary td { text-align: center; min-width: 22mm; }
table.summary td { font-size: 13pt; font-weight: bold; }
table.summary th.decision-reject { background: #fbeaea; color: #7f0000; }
table.summary th.decision-conditional { background: #fdf4e3; color: #7a4b00; }
table.summary th.decision-approve { background: #eaf5ea; color: #2b6e2f; }
/* The first page: counts a manager reads across. */
table.counts th, table.counts td { text-align: center; padding: 0.8mm 1.6mm; }
table.counts tbody th, table.counts tfoot th { text-align: left; font-weight: normal; }
table.counts tfoot th, table.counts tfoot td { font-weight: bold; border-top: 2px solid #555; }
table.counts th.decision-reject { color: #7f0000; }
table.counts th.decision-conditional { color: #7a4b00; }
table.counts th.decision-approve { color: #2b6e2f; }
td.count { text-align: right; font-variant-numeric: tabular-nums; }
td.count.zero { color: #aaa; }
td.count.urgent:not(.zero) { color: #b00000; font-weight: bold; }
table.finding-summary, table.certificates { width: 100%; font-size: 8.5pt; line-height: 1.35; }
table.finding-summary td, table.finding-summary th, table.certificates td, table.certificates th { padding: 0.6mm 1.4mm; }
table.finding-summary { table-layout: fixed; }
col.col-id { width: 12%; }
col.col-severity { width: 11%; }
col.col-count { width: 10%; }
.note { font-size: 8.5pt; color: #444; margin: 1.5mm 0 0; }
ul.failed { margin: 0; padding-left: 5mm; font-size: 9pt; }
/* The details start on a page of their own, in a smaller type: one compact row per record. */
.details { break-before: page; page-break-before: always; }
h2.part { border-left-color: #222; background: #e4e4e4; margin-top: 0; }
/* Fixed columns: every decision group lines up the same way on paper. */
table.records, table.errors { width: 100%; table-layout: fixed; }
table.records { font-size: 8pt; line-height: 1.35; }
table.records td { padding: 0.6mm 1.2mm; }
table.records th { padding: 0.6mm 1.2mm; }
table.records th, table.errors th { white-space: nowrap; overflow: hidden; }
tbody.record { break-inside: avoid; page-break-inside: avoid; }
tbody.record td { border-bottom-style: dotted; }
tbody.record td.findings { border-top: none; border-bottom: 1px solid #8a8a8a; }
table.records thead th.findings { font-weight: normal; font-size: 7.5pt; }
col.col-number { width: 5%; }
col.col-title { width: 41%; }
col.col-title-numbered { width: 36%; }
col.col-vendor { width: 23%; }
col.col-risk { width: 6%; }
col.col-verification { width: 18%; }
table.records col.col-ref { width: 12%; }
col.col-ref { width: 14%; }
col.col-file { width: 20%; }
col.col-path { width: 22%; }
col.col-message { width: 38%; }
td.number { text-align: right; }
td code { overflow-wrap: anywhere; }
/* A value from a record cannot turn the text after it around (an unclosed U+202E in a title). */
.ref, .title, .meta, .message, .finding-id, td, li { unicode-bidi: isolate; }
.ref { font-weight: bold; font-family: "Noto Sans Mono CJK JP", monospace; }
.title { font-weight: bold; }
.meta { font-size: 8pt; color: #444; }
.nowrap { white-space: nowrap; }
.sev { flex: none; display: inline-block; min-width: 3.4em; padding: 0 1.2mm; border-radius: 2px; text-align: center;
  font-size: 8.5pt; font-weight: bold; color: #fff; white-space: nowrap; }
.sev-critical { background: #7f0000; }
.sev-high { background: #d9480f; }
.sev-medium { background: #f0a500; color: #1a1a1a; }
.sev-low { background: #868e96; }
.sev-none { background: #fff; color: #555; border: 1px solid #aaa; }
.status-overdue, .status-failed { color: #b00000; font-weight: bold; }
.status-due_soon { color: #8a5a00; font-weight: bold; }
td.findings .ids, td.findings .specific { margin-right: 3mm; }
.ids .sev { margin-right: 1mm; min-width: 2.6em; }
.specific .finding-id { margin-right: 0.5mm; }
.finding-id { font-family: "Noto Sans Mono CJK JP", monospace; font-weight: bold; white-space: nowrap; }
.ids .finding-id { white-space: normal; }
.message { white-space: pre-line; }
.none { color: #555; }
code { font-family: "Noto Sans Mono CJK JP", monospace; font-size: 9pt; }
footer { margin-top: 8mm; padding-top: 2mm; border-top: 1px solid #999; font-size: 8.5pt; color: #555; }
@media print { body { max-width: none; padding: 0; } }
)css";

}  // namespace itaku::detail
