/**
 * `GET /api/events?token=…`: the browser host's push channel, as Server-Sent Events. EventSource
 * cannot send headers, so the launch token comes in the query (the page's address already holds
 * it; responses send no referrer). Each event is one `data:` line of JSON; a comment every
 * HEARTBEAT_MS keeps idle connections open. The stream ends when the client goes away or the
 * host closes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const HEARTBEAT_MS = 25_000;

export interface EventFeed {
  /** Returns the function that stops listening. */
  subscribe(listener: (event: unknown) => void): () => void;
}

export function streamEvents(req: IncomingMessage, res: ServerResponse, feed: EventFeed): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    connection: 'keep-alive',
  });
  res.write('retry: 2000\n: connected\n\n');
  const unsubscribe = feed.subscribe((event) => {
    if (!res.writableEnded) res.write(`data: ${JSON.stringify(event)}\n\n`);
  });
  const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  const stop = (): void => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  req.on('close', stop);
  res.on('close', stop);
}
