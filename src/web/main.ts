/**
 * The web UI: a hash router over six pages (Analyze, Corpus, Article, Speaker, Relations,
 * Findings) and entity cards. Bundled by esbuild at build time (`npm run build:web`) into
 * dist/web/; nothing is fetched at run time but the API on the same server.
 */
import { ApiFailure, saveToken, savedToken } from './api.js';
import { h, mount } from './dom.js';
import { analyzePage } from './pages/analyze.js';
import { articlePage } from './pages/article.js';
import { corpusPage } from './pages/corpus.js';
import { entityPage } from './pages/entity.js';
import { findingsPage } from './pages/findings.js';
import { relationsPage } from './pages/relations.js';
import { speakerPage } from './pages/speaker.js';

const NAV: Array<[string, string, string]> = [
  ['#/analyze', 'Analyze', 'a'],
  ['#/corpus', 'Corpus', 'c'],
  ['#/speaker', 'Speakers', 's'],
  ['#/relations', 'Relations', 'r'],
  ['#/findings', 'Findings', 'f'],
];

function shell(app: HTMLElement): HTMLElement {
  const main = h('main', { id: 'main', tabindex: -1 });
  const token = h('input', { type: 'password', id: 'token', value: savedToken(), placeholder: 'token', autocomplete: 'off', aria: { label: 'API token (only for servers that need one)' } });
  token.addEventListener('change', () => saveToken(token.value.trim()));
  mount(app,
    h('a', { href: '#main', class: 'skip', on: { click: (ev) => { ev.preventDefault(); main.focus(); } } }, 'Skip to content'),
    h('header', { class: 'top' },
      h('a', { href: '#/analyze', class: 'brand' }, 'wiretrace'),
      h('nav', { aria: { label: 'Pages' } }, NAV.map(([href, label, key]) => h('a', { href, data: { key }, title: `${label} (Alt+${key.toUpperCase()})` }, label))),
      h('span', { class: 'spacer' }),
      h('a', { href: '/docs' }, 'API'),
      token),
    main);
  return main;
}

async function route(main: HTMLElement): Promise<void> {
  const raw = location.hash.replace(/^#\/?/, '') || 'analyze';
  const [path = '', query = ''] = raw.split('?', 2);
  const [page = 'analyze', ...rest] = path.split('/');
  const arg = decodeURIComponent(rest.join('/'));
  const params = new URLSearchParams(query);
  document.querySelectorAll('header.top nav a').forEach((a) => {
    a.setAttribute('aria-current', a.getAttribute('href') === `#/${page}` ? 'page' : 'false');
  });
  document.title = `${page[0]?.toUpperCase() ?? ''}${page.slice(1)} · wiretrace`;
  mount(main, h('p', { class: 'muted' }, 'Loading…'));
  try {
    switch (page) {
      case 'analyze': analyzePage(main); break;
      case 'article': await articlePage(main, arg); break;
      case 'corpus': await corpusPage(main, params); break;
      case 'speaker': await speakerPage(main, arg); break;
      case 'relations': await relationsPage(main, params); break;
      case 'findings': await findingsPage(main, params); break;
      case 'entity': await entityPage(main, arg); break;
      default: mount(main, h('h1', null, 'Not found'), h('p', null, 'There is no such page. ', h('a', { href: '#/analyze' }, 'Analyze an article'), '.'));
    }
  } catch (e) {
    mount(main, h('h1', null, 'Something went wrong'), h('p', { class: 'error', role: 'alert' }, e instanceof ApiFailure ? `${e.message} (${e.code})` : String(e)));
  }
}

function start(): void {
  const app = document.getElementById('app');
  if (!app) return;
  const main = shell(app);
  window.addEventListener('hashchange', () => void route(main).then(() => main.focus({ preventScroll: true })));
  // Alt+letter moves between pages; "/" jumps to the page's search box.
  document.addEventListener('keydown', (ev) => {
    const target = ev.target as HTMLElement | null;
    const typing = target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT');
    if (ev.altKey && !ev.ctrlKey && !ev.metaKey) {
      const hit = NAV.find(([, , key]) => key === ev.key.toLowerCase());
      if (hit) {
        ev.preventDefault();
        location.hash = hit[0];
      }
    } else if (ev.key === '/' && !typing) {
      const box = document.querySelector<HTMLInputElement>('main input[type=search], main textarea');
      if (box) {
        ev.preventDefault();
        box.focus();
      }
    }
  });
  void route(main);
}

start();
