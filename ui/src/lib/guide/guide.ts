// The user guide (docs/brugervejledning.md, the same file the repository shows) as the app shows
// it: Markdown made HTML by `marked`, its screenshots (docs/guide/*.png, taken by the end-to-end
// test user_guide.rs) bundled into the app and linked by their built address.
import { marked } from 'marked';
import text from '../../../../docs/brugervejledning.md?raw';

const shots = import.meta.glob<string>('../../../../docs/guide/*.png', {
  eager: true,
  query: '?url',
  import: 'default',
});

/** A screenshot's built address by its name in the guide (»guide/tavle.png«). */
function shotUrls(): Map<string, string> {
  return new Map(Object.entries(shots).map(([path, url]) => [`guide/${path.split('/').pop() ?? ''}`, url]));
}

/**
 * The guide as HTML: its own Markdown only (no HTML in it is passed through), images pointing at
 * the bundled screenshots, and each section heading with an id (»guide-3-en-almindelig-dag«) for
 * the contents list.
 */
export function guideHtml(markdown: string = text, urls: Map<string, string> = shotUrls()): string {
  const renderer = new marked.Renderer();
  renderer.html = () => '';
  renderer.image = ({ href, text: alt }) => {
    const src = urls.get(href);
    return src === undefined ? '' : `<img src="${src}" alt="${escapeAttr(alt)}" />`;
  };
  // The view's own heading names the guide: its »# « title is left out, its sections are h2.
  renderer.heading = ({ tokens, depth }) => {
    if (depth === 1) return '';
    const inner = marked.Parser.parseInline(tokens);
    return `<h${depth} id="guide-${slug(inner)}" tabindex="-1">${inner}</h${depth}>`;
  };
  return marked.parse(markdown, { renderer, async: false, gfm: true });
}

/** The guide's sections (its »## « headings) for the contents list. */
export function guideSections(markdown: string = text): { id: string; title: string }[] {
  return [...markdown.matchAll(/^## (.+)$/gmu)].map((m) => {
    const title = (m[1] ?? '').trim();
    return { id: `guide-${slug(title)}`, title };
  });
}

function slug(s: string): string {
  return s
    .toLocaleLowerCase('da')
    .replace(/<[^>]*>/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/gu, '');
}

function escapeAttr(s: string): string {
  return s.replace(/&/gu, '&amp;').replace(/"/gu, '&quot;').replace(/</gu, '&lt;');
}
