/**
 * Card text as HTML, safely: Markdown is rendered with raw HTML disabled; imported HTML is
 * sanitized with DOMPurify (no scripts, no event handlers, no forms, no frames). Anki's
 * [sound:x] tags become audio players.
 */
import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';
import { useMemo } from 'react';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

const PURIFY = {
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed', 'link', 'meta', 'base'],
  FORBID_ATTR: ['style'],
  ALLOW_DATA_ATTR: false,
  ADD_TAGS: ['audio'],
  ADD_ATTR: ['controls', 'target'],
};

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

export function toSafeHtml(text: string, format: 'markdown' | 'html' | 'text'): string {
  if (format === 'markdown') return DOMPurify.sanitize(md.render(text), PURIFY);
  if (format === 'text') return DOMPurify.sanitize(md.utils.escapeHtml(text).replace(/\n/g, '<br>'), PURIFY);
  const withAudio = text.replace(/\[sound:([^\]]+)\]/g, (_m, name: string) => `<span class="sound">🔊 ${md.utils.escapeHtml(name)}</span>`);
  return DOMPurify.sanitize(withAudio, PURIFY);
}

export function CardContent({ text, format, className }: { text: string; format: 'markdown' | 'html' | 'text'; className?: string }) {
  const html = useMemo(() => toSafeHtml(text, format), [text, format]);
  return <div className={`card-content ${className ?? ''}`} dangerouslySetInnerHTML={{ __html: html }} />;
}
