/**
 * Card text as HTML, safely: Markdown is rendered with raw HTML disabled; imported HTML is
 * sanitized by the card HTML policy (card-html-policy.ts). Anki's
 * [sound:x] tags become audio players.
 */
import MarkdownIt from 'markdown-it';
import { useMemo } from 'react';
import { sanitizeCardHtml } from './card-html-policy';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

export function toSafeHtml(text: string, format: 'markdown' | 'html' | 'text'): string {
  if (format === 'markdown') return sanitizeCardHtml(md.render(text));
  if (format === 'text') return sanitizeCardHtml(md.utils.escapeHtml(text).replace(/\n/g, '<br>'));
  const withAudio = text.replace(/\[sound:([^\]]+)\]/g, (_m, name: string) => `<span class="sound">🔊 ${md.utils.escapeHtml(name)}</span>`);
  return sanitizeCardHtml(withAudio);
}

/** Recently shown or prepared cards' safe HTML, so a card prepared ahead is painted without sanitizing it again. */
const prepared = new Map<string, string>();
const PREPARED_MAX = 16;

/** Safe HTML for card text, from the cache when the card was prepared or shown recently. */
export function cardHtml(text: string, format: 'markdown' | 'html' | 'text'): string {
  const key = `${format}\u0000${text}`;
  let html = prepared.get(key);
  if (html === undefined) {
    html = toSafeHtml(text, format);
    if (prepared.size >= PREPARED_MAX) prepared.delete(prepared.keys().next().value as string);
    prepared.set(key, html);
  }
  return html;
}

export function CardContent({ text, format, className }: { text: string; format: 'markdown' | 'html' | 'text'; className?: string }) {
  const html = useMemo(() => cardHtml(text, format), [text, format]);
  return <div className={`card-content ${className ?? ''}`} dangerouslySetInnerHTML={{ __html: html }} />;
}
