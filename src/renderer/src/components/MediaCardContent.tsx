/**
 * CardContent with the card's media files shown: names in <img src> and [sound:…] are fetched
 * once each with `media.get` (or taken from `known`, e.g. a preview's files not stored yet) and
 * inlined as data URLs before the HTML is sanitized. Used by the review screen and the import preview.
 */
import { useEffect, useMemo, useState } from 'react';
import type { MediaFile } from '../../../shared/api/import-contract';
import { call } from '../api/transport';
import { CardContent, cardHtml } from './CardContent';
import { inlineMedia, mediaReferences as mediaNames } from '../../../shared/media-references';

const fetched = new Map<string, Promise<string | null>>();
/** Media already fetched, so a card whose files were fetched ahead is painted whole at once. */
const resolved = new Map<string, string>();

function dataUrl(f: MediaFile): string {
  return `data:${f.mime};base64,${f.dataBase64}`;
}

function load(name: string): Promise<string | null> {
  let p = fetched.get(name);
  if (!p) {
    p = call('media.get', { name }).then(
      (f) => {
        const url = dataUrl(f);
        resolved.set(name, url);
        return url;
      },
      () => null,
    );
    fetched.set(name, p);
  }
  return p;
}

/** Fetch a card's media and sanitize its HTML ahead of showing it (the review screen's next card). */
export function prepareCardContent(text: string, format: 'markdown' | 'html' | 'text'): void {
  const names = format === 'html' ? mediaNames(text) : [];
  if (names.length === 0) {
    cardHtml(text, format);
    return;
  }
  void Promise.all(names.map(load)).then(() => cardHtml(inlineMedia(text, (n) => resolved.get(n)), format));
}

export function MediaCardContent({
  text,
  format,
  className,
  known,
}: {
  text: string;
  format: 'markdown' | 'html' | 'text';
  className?: string;
  known?: readonly MediaFile[];
}) {
  const names = useMemo(() => (format === 'html' ? mediaNames(text) : []), [text, format]);
  const knownUrls = useMemo(() => new Map((known ?? []).map((f) => [f.name, dataUrl(f)])), [known]);
  const [urls, setUrls] = useState<Record<string, string>>({});

  useEffect(() => {
    let live = true;
    for (const name of names) {
      if (knownUrls.has(name) || resolved.has(name)) continue;
      void load(name).then((url) => {
        if (live && url) setUrls((u) => (u[name] === url ? u : { ...u, [name]: url }));
      });
    }
    return () => {
      live = false;
    };
  }, [names, knownUrls]);

  const html = useMemo(
    () => (names.length ? inlineMedia(text, (n) => knownUrls.get(n) ?? urls[n] ?? resolved.get(n)) : text),
    [names, text, knownUrls, urls],
  );
  return <CardContent text={html} format={format} {...(className !== undefined ? { className } : {})} />;
}
