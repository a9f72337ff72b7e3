/**
 * The article text with its layers drawn on it: sources, cues and quoted contents in their own
 * colours, names as links to their entity cards, finding evidence outlined. The text is cut at
 * every span boundary into segments, each inserted as a text node, so overlapping spans keep
 * every highlight and nothing from the article is ever parsed as markup.
 */
import type { Report } from '../types.js';
import { h } from './dom.js';

type Kind = 'source' | 'cue' | 'content' | 'entity' | 'evidence' | 'event';

interface Mark {
  start: number;
  end: number;
  kind: Kind;
  /** Entity id for names; finding/event/attribution index for the others. */
  ref: string;
  /** Anchor id placed on the mark's first segment. */
  anchor?: string;
}

function collect(r: Report): Mark[] {
  const marks: Mark[] = [];
  const len = r.article.text.length;
  const add = (sp: { start: number; end: number } | null | undefined, kind: Kind, ref: string, anchor?: string): void => {
    if (!sp || !Number.isInteger(sp.start) || !Number.isInteger(sp.end) || sp.start < 0 || sp.end > len || sp.start >= sp.end) return;
    marks.push({ start: sp.start, end: sp.end, kind, ref, ...(anchor ? { anchor } : {}) });
  };
  for (const e of r.entities) for (const m of e.mentions) add(m, 'entity', e.id);
  r.attributions.forEach((a, ai) => {
    add(a.source, 'source', String(ai));
    add(a.cue, 'cue', String(ai));
    a.content.forEach((c, k) => add(c, 'content', String(ai), k === 0 ? `q-${ai}` : undefined));
  });
  r.findings.forEach((f, fi) => f.evidence.forEach((sp, k) => add(sp, 'evidence', String(fi), `ev-${fi}-${k}`)));
  r.events.forEach((v, vi) => add(v.evidence, 'event', String(vi), `v-${vi}`));
  return marks;
}

export interface AnnotateHandlers {
  onEntity: (entityId: string) => void;
}

export function annotatedText(r: Report, handlers: AnnotateHandlers): HTMLElement {
  const text = r.article.text;
  const marks = collect(r);
  const cuts = new Set<number>([0, text.length]);
  for (const m of marks) {
    cuts.add(m.start);
    cuts.add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const starts = new Map<number, Mark[]>();
  for (const m of marks) starts.set(m.start, [...(starts.get(m.start) ?? []), m]);
  const active: Mark[] = [];
  const root = h('div', { class: 'article-text', id: 'article-text' });
  const title = r.article.titleSpan;
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    for (let k = active.length - 1; k >= 0; k--) if (active[k]!.end <= a) active.splice(k, 1);
    active.push(...(starts.get(a) ?? []));
    const piece = text.slice(a, b);
    if (active.length === 0) {
      root.append(a >= title.start && b <= title.end && title.end > title.start ? h('span', { class: 'headline' }, piece) : piece);
      continue;
    }
    const kinds = new Set(active.map((m) => m.kind));
    const cls = [...kinds].map((k) => `m-${k}`);
    if (a >= title.start && b <= title.end && title.end > title.start) cls.push('headline');
    const entity = active.find((m) => m.kind === 'entity');
    const tip = [...kinds].join(', ');
    const anchors = active.filter((m) => m.anchor && m.start === a).map((m) => m.anchor!);
    const seg = entity
      ? h('a', { class: cls.join(' '), href: `#entity-card`, title: tip, data: { entity: entity.ref }, on: { click: (ev) => { ev.preventDefault(); handlers.onEntity(entity.ref); } } }, piece)
      : h('span', { class: cls.join(' '), title: tip }, piece);
    if (anchors.length) {
      // One element per anchor keeps every jump target addressable even when spans start together.
      const wrap = h('span', { id: anchors[0]!, tabindex: -1, class: 'anchor' });
      for (const extra of anchors.slice(1)) wrap.append(h('span', { id: extra, tabindex: -1, class: 'anchor' }));
      wrap.append(seg);
      root.append(wrap);
    } else {
      root.append(seg);
    }
  }
  return root;
}

/** Scroll a span of the text into view and flash it; keyboard focus follows. */
export function jumpTo(anchor: string): void {
  const el = document.getElementById(anchor);
  if (!el) return;
  el.scrollIntoView({ block: 'center', behavior: 'smooth' });
  el.focus({ preventScroll: true });
  el.classList.remove('flash');
  void el.offsetWidth;
  el.classList.add('flash');
}
