/**
 * The only way the UI makes elements: `h(tag, props, ...children)`. Children that are strings
 * become text nodes (never markup), and links may only point inside the app or to http(s) pages,
 * so text from an article cannot become a script, a handler or a `javascript:` URL.
 */
export type Child = Node | string | number | null | undefined | false | Child[];

export interface Props {
  class?: string;
  id?: string;
  href?: string;
  title?: string;
  role?: string;
  type?: string;
  name?: string;
  value?: string;
  placeholder?: string;
  for?: string;
  tabindex?: number;
  hidden?: boolean;
  disabled?: boolean;
  checked?: boolean;
  selected?: boolean;
  rows?: number;
  start?: string;
  min?: string;
  max?: string;
  accept?: string;
  autocomplete?: string;
  list?: string;
  aria?: Record<string, string>;
  data?: Record<string, string>;
  on?: Partial<{ [K in keyof HTMLElementEventMap]: (ev: HTMLElementEventMap[K]) => void }>;
}

/** http(s) pages and in-app paths only; anything else (javascript:, data:, vbscript:) becomes inert. */
export function safeHref(href: string): string {
  const h = href.trim();
  if (h.startsWith('#') || (h.startsWith('/') && !h.startsWith('//'))) return h;
  try {
    const u = new URL(h);
    if (u.protocol === 'http:' || u.protocol === 'https:') return u.href;
  } catch {
    // not a URL
  }
  return '#';
}

function append(el: Node, c: Child): void {
  if (c === null || c === undefined || c === false) return;
  if (Array.isArray(c)) {
    for (const x of c) append(el, x);
    return;
  }
  el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props | null = null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props) {
    for (const [k, v] of Object.entries(props)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'on') {
        for (const [ev, fn] of Object.entries(v as Record<string, EventListener>)) el.addEventListener(ev, fn);
      } else if (k === 'aria' || k === 'data') {
        for (const [a, val] of Object.entries(v as Record<string, string>)) el.setAttribute(`${k}-${a}`, val);
      } else if (k === 'href') {
        el.setAttribute('href', safeHref(String(v)));
        if (!String(v).startsWith('#') && !String(v).startsWith('/')) el.setAttribute('rel', 'noopener noreferrer');
      } else if (k === 'class') {
        el.className = String(v);
      } else if (k === 'value') {
        (el as HTMLInputElement).value = String(v);
      } else if (v === true) {
        el.setAttribute(k, '');
      } else {
        el.setAttribute(k, String(v));
      }
    }
  }
  append(el, children);
  return el;
}

/** SVG elements (charts): numeric attributes only come from numbers; text through textContent. */
export function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  append(el, children);
  return el;
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

export function mount(el: Element, ...children: Child[]): void {
  clear(el);
  append(el, children);
}

export function fmtDate(d: string | null | undefined): string {
  return d ? d.slice(0, 10) : 'undated';
}
