/**
 * Two hand-drawn SVG charts (no chart library to load): events over time stacked by quad class
 * with the mean Goldstein line on its own axis, and the network of actors most often in events
 * together (a circle layout, stable from one load to the next).
 */
import { h, s } from './dom.js';

export const QUADS = ['verbal cooperation', 'material cooperation', 'verbal conflict', 'material conflict'] as const;

export interface SeriesPoint {
  period: string;
  count: number;
  meanGoldstein: number;
  byQuad: Record<string, number>;
}

export function seriesChart(points: readonly SeriesPoint[]): HTMLElement {
  const W = 760, H = 280, L = 40, R = 40, T = 16, B = 48;
  const max = Math.max(1, ...points.map((p) => p.count));
  const bw = points.length ? (W - L - R) / points.length : 0;
  const y = (n: number): number => T + (H - T - B) * (1 - n / max);
  const g = (v: number): number => T + (H - T - B) * (1 - (v + 10) / 20);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': 'Events over time by quad class, with the mean Goldstein score' });
  svg.append(s('line', { x1: L, x2: W - R, y1: g(0), y2: g(0), class: 'zero' }));
  points.forEach((p, i) => {
    let acc = 0;
    QUADS.forEach((q, qi) => {
      const n = p.byQuad[q] ?? 0;
      if (!n) return;
      svg.append(s('rect', { x: L + i * bw + 2, width: Math.max(1, bw - 4), y: y(acc + n), height: y(acc) - y(acc + n), class: `q${qi + 1}` },
        s('title', {}, `${p.period}: ${n} ${q}`)));
      acc += n;
    });
    if (points.length <= 16 || i % Math.ceil(points.length / 16) === 0) {
      svg.append(s('text', { x: L + i * bw + bw / 2, y: H - B + 16, class: 'tick', 'text-anchor': 'middle' }, p.period));
    }
  });
  if (points.length > 0) {
    const d = points.map((p, i) => `${i ? 'L' : 'M'}${(L + i * bw + bw / 2).toFixed(1)},${g(p.meanGoldstein).toFixed(1)}`).join(' ');
    svg.append(s('path', { d, class: 'goldstein' }));
    points.forEach((p, i) => svg.append(s('circle', { cx: L + i * bw + bw / 2, cy: g(p.meanGoldstein), r: 3, class: 'goldstein-dot' }, s('title', {}, `${p.period}: mean Goldstein ${p.meanGoldstein}`))));
  }
  svg.append(s('text', { x: 4, y: T + 8, class: 'tick' }, String(max)), s('text', { x: 4, y: H - B, class: 'tick' }, '0'));
  svg.append(s('text', { x: W - R + 4, y: g(10) + 8, class: 'tick' }, '+10'), s('text', { x: W - R + 4, y: g(-10), class: 'tick' }, '−10'));
  const legend = h('p', { class: 'legend' }, QUADS.map((q, qi) => [h('span', { class: `swatch q${qi + 1}` }), ` ${q} `]), h('span', { class: 'swatch goldstein' }), ' mean Goldstein (right axis)');
  return h('figure', { class: 'chart-box' }, svg, legend);
}

export interface Network {
  nodes: Array<{ id: string; events: number }>;
  links: Array<{ source: string; target: string; events: number; meanGoldstein: number }>;
}

export function networkGraph(net: Network, onPick: (id: string) => void): HTMLElement {
  const W = 520, H = 420, cx = W / 2, cy = H / 2, rad = Math.min(W, H) / 2 - 50;
  const pos = new Map<string, { x: number; y: number }>();
  net.nodes.forEach((n, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, net.nodes.length) - Math.PI / 2;
    pos.set(n.id, { x: cx + rad * Math.cos(a), y: cy + rad * Math.sin(a) });
  });
  const maxLink = Math.max(1, ...net.links.map((l) => l.events));
  const maxNode = Math.max(1, ...net.nodes.map((n) => n.events));
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'network', role: 'img', 'aria-label': 'Actors most often in events together' });
  for (const l of net.links) {
    const a = pos.get(l.source), b = pos.get(l.target);
    if (!a || !b) continue;
    svg.append(s('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: l.meanGoldstein < 0 ? 'link conflict' : 'link coop', 'stroke-width': (1 + (5 * l.events) / maxLink).toFixed(1) },
      s('title', {}, `${l.source}–${l.target}: ${l.events} event(s), mean Goldstein ${l.meanGoldstein}`)));
  }
  for (const n of net.nodes) {
    const p = pos.get(n.id)!;
    const node = s('g', { class: 'node', tabindex: 0, role: 'button', 'aria-label': `${n.id}, ${n.events} events` },
      s('circle', { cx: p.x, cy: p.y, r: (6 + (14 * n.events) / maxNode).toFixed(1) }),
      s('text', { x: p.x, y: p.y - 22, 'text-anchor': 'middle' }, n.id));
    node.addEventListener('click', () => onPick(n.id));
    node.addEventListener('keydown', (ev) => {
      if ((ev as KeyboardEvent).key === 'Enter' || (ev as KeyboardEvent).key === ' ') {
        ev.preventDefault();
        onPick(n.id);
      }
    });
    svg.append(node);
  }
  return h('figure', { class: 'chart-box' }, svg,
    h('p', { class: 'legend' }, h('span', { class: 'swatch coop' }), ' mostly cooperative ', h('span', { class: 'swatch conflict' }), ' mostly conflictual · choose an actor to centre on it'));
}
