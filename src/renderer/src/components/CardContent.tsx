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

export function CardContent({ text, format, className }: { text: string; format: 'markdown' | 'html' | 'text'; className?: string }) {
  const html = useMemo(() => toSafeHtml(text, format), [text, format]);
  return <div className={`card-content ${className ?? ''}`} dangerouslySetInnerHTML={{ __html: html }} />;
}
