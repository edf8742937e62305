import { describe, expect, it } from 'vitest';
import { guideHtml, guideSections } from './guide';

const md = `# Brugervejledning

Tekst med **fed**.

## 1. Installér programmet

![Tavlen](guide/tavle.png)

<script>alert(1)</script>

## 2. Første start
`;

describe('the user guide in the app', () => {
  const urls = new Map([['guide/tavle.png', '/assets/tavle-abc.png']]);

  it('makes headings with ids and points images at the bundled screenshots', () => {
    const html = guideHtml(md, urls);
    expect(html).toContain('<h2 id="guide-1-installér-programmet" tabindex="-1">1. Installér programmet</h2>');
    expect(html).not.toContain('Brugervejledning</h');
    expect(html).toContain('<img src="/assets/tavle-abc.png" alt="Tavlen" />');
    expect(html).toContain('<strong>fed</strong>');
  });

  it('passes no HTML of its own through', () => {
    expect(guideHtml(md, urls)).not.toContain('<script');
  });

  it('lists the sections', () => {
    expect(guideSections(md)).toEqual([
      { id: 'guide-1-installér-programmet', title: '1. Installér programmet' },
      { id: 'guide-2-første-start', title: '2. Første start' },
    ]);
  });

  it('shows the real guide with every screenshot it names', () => {
    const html = guideHtml();
    const named = [...html.matchAll(/<img src="([^"]+)"/gu)].map((m) => m[1]);
    expect(named.length).toBeGreaterThanOrEqual(6);
    expect(guideSections().length).toBeGreaterThanOrEqual(7);
  });
});
