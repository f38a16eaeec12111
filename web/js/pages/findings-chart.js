// Findings by department and severity as horizontal stacked bars (SVG). Each severity has its own
// pattern as well as its colour, each bar carries its numbers, and the same figures follow as a
// table: the chart reads in greyscale, printed, and with a screen reader.
import { h, uniqueId } from '../dom.js';
import { formatNumber, tr } from '../i18n.js';
import { word } from '../labels.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  for (const child of children) element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return element;
}

// Colour and pattern per severity: solid, dense diagonal hatching, dots, sparse lines.
const LOOK = {
  critical: { colour: '#8f0000', pattern: (id) => svg('pattern', { id, width: 8, height: 8, patternUnits: 'userSpaceOnUse' }, svg('rect', { width: 8, height: 8, fill: '#8f0000' })) },
  high: { colour: '#ce0000', pattern: (id) => svg('pattern', { id, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
    svg('rect', { width: 6, height: 6, fill: '#fdeeee' }), svg('rect', { width: 3, height: 6, fill: '#ce0000' })) },
  medium: { colour: '#a85b00', pattern: (id) => svg('pattern', { id, width: 6, height: 6, patternUnits: 'userSpaceOnUse' },
    svg('rect', { width: 6, height: 6, fill: '#fff8e5' }), svg('circle', { cx: 3, cy: 3, r: 1.8, fill: '#a85b00' })) },
  low: { colour: '#4d4d4d', pattern: (id) => svg('pattern', { id, width: 6, height: 6, patternUnits: 'userSpaceOnUse' },
    svg('rect', { width: 6, height: 6, fill: '#f2f2f2' }), svg('rect', { y: 2, width: 6, height: 1.5, fill: '#4d4d4d' })) },
};

function total(row, severities) {
  return severities.reduce((sum, severity) => sum + (row[severity] || 0), 0);
}

export function findingsChart(rows, severities) {
  const titleId = uniqueId('chart-title');
  const descId = uniqueId('chart-desc');
  const section = h('section', { 'aria-labelledby': titleId }, h('h2', { id: titleId }, tr('指摘事項（所管課別・重大度別）', 'Findings by department and severity')));
  if (!rows.length || rows.every((row) => total(row, severities) === 0)) {
    section.append(h('p', {}, tr('指摘事項はありません。', 'There are no findings.')));
    return section;
  }
  const labelWidth = 170;
  const barWidth = 540;
  const rowHeight = 30;
  const top = 40;
  const height = top + rows.length * rowHeight + 10;
  const largest = Math.max(...rows.map((row) => total(row, severities)), 1);
  const ids = Object.fromEntries(severities.map((severity) => [severity, uniqueId(`pattern-${severity}`)]));
  const sums = Object.fromEntries(severities.map((severity) => [severity, rows.reduce((sum, row) => sum + (row[severity] || 0), 0)]));
  const description = severities.map((severity) => `${word('risk_level', severity)} ${sums[severity]}`).join('、');
  const chart = svg('svg', { class: 'chart', viewBox: `0 0 ${labelWidth + barWidth + 60} ${height}`, role: 'img', 'aria-labelledby': `${titleId} ${descId}` },
    svg('desc', { id: descId }, tr(`合計: ${description}。所管課ごとの数は次の表にあります。`, `Totals: ${description}. The figures per department are in the table below.`)),
    svg('defs', {}, ...severities.map((severity) => LOOK[severity].pattern(ids[severity]))));
  // Legend: a swatch of each pattern and its word.
  severities.forEach((severity, index) => {
    const x = labelWidth + index * 130;
    chart.append(svg('rect', { x, y: 8, width: 18, height: 18, fill: `url(#${ids[severity]})`, stroke: '#1a1a1c' }),
      svg('text', { x: x + 24, y: 22, 'font-size': 14 }, word('risk_level', severity)));
  });
  rows.forEach((row, index) => {
    const y = top + index * rowHeight;
    // A long name is cut at its end with "…" (the table below has it whole, and so has the tooltip):
    // the start is what tells departments apart.
    const shown = [...row.department].length > 11 ? `${[...row.department].slice(0, 10).join('')}…` : row.department;
    chart.append(svg('text', { x: labelWidth - 8, y: y + 19, 'font-size': 14, 'text-anchor': 'end' }, shown, svg('title', {}, row.department)));
    let x = labelWidth;
    for (const severity of severities) {
      const count = row[severity] || 0;
      if (!count) continue;
      const width = (count / largest) * barWidth;
      chart.append(svg('rect', { x, y: y + 4, width, height: rowHeight - 8, fill: `url(#${ids[severity]})`, stroke: '#1a1a1c', 'stroke-width': 1 },
        svg('title', {}, `${row.department}: ${word('risk_level', severity)} ${count}`)));
      x += width;
    }
    chart.append(svg('text', { x: x + 6, y: y + 19, 'font-size': 14 }, formatNumber(total(row, severities))));
  });
  const table = h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': tr('指摘事項の表', 'Findings table') },
    h('table', {},
      h('caption', {}, tr('所管課別・重大度別の指摘事項の数', 'Findings per department and severity')),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, tr('所管課', 'Department')),
        severities.map((severity) => h('th', { scope: 'col', class: 'number' }, word('risk_level', severity))),
        h('th', { scope: 'col', class: 'number' }, tr('計', 'Total')))),
      h('tbody', {}, rows.map((row) => h('tr', {}, h('th', { scope: 'row' }, row.department),
        severities.map((severity) => h('td', { class: 'number' }, formatNumber(row[severity] || 0))),
        h('td', { class: 'number' }, formatNumber(total(row, severities))))))));
  section.append(chart, h('details', { class: 'chart-table' }, h('summary', {}, tr('表で見る', 'Show as a table')), table));
  return section;
}
