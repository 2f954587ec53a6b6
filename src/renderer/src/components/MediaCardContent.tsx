/**
 * CardContent with the card's media files shown: names in <img src> and [sound:…] are fetched
 * once each with `media.get` (or taken from `known`, e.g. a preview's files not stored yet) and
 * inlined as data URLs before the HTML is sanitized. Used by the review screen and the import preview.
 */
import { useEffect, useMemo, useState } from 'react';
import type { MediaFile } from '../../../shared/api/import-contract';
import { call } from '../api/transport';
import { CardContent } from './CardContent';
import { inlineMedia, mediaNames } from './media-refs';

const fetched = new Map<string, Promise<string | null>>();

function dataUrl(f: MediaFile): string {
  return `data:${f.mime};base64,${f.dataBase64}`;
}

function load(name: string): Promise<string | null> {
  let p = fetched.get(name);
  if (!p) {
    p = call('media.get', { name }).then(dataUrl, () => null);
    fetched.set(name, p);
  }
  return p;
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
      if (knownUrls.has(name)) continue;
      void load(name).then((url) => {
        if (live && url) setUrls((u) => (u[name] === url ? u : { ...u, [name]: url }));
      });
    }
    return () => {
      live = false;
    };
  }, [names, knownUrls]);

  const html = useMemo(
    () => (names.length ? inlineMedia(text, (n) => knownUrls.get(n) ?? urls[n]) : text),
    [names, text, knownUrls, urls],
  );
  return <CardContent text={html} format={format} {...(className !== undefined ? { className } : {})} />;
}
