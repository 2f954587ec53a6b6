/** Reading a WebDAV listing whatever namespace prefix the server uses. */
import { describe, expect, it } from 'vitest';
import { SyncTargetError } from '../../src/main/services/sync/targets/sync-target';
import { parseMultistatus } from '../../src/main/services/sync/targets/webdav-target';

describe('parseMultistatus', () => {
  it('reads a Nextcloud-style answer (d: prefix, the folder itself first, encoded names)', () => {
    const xml = `<?xml version="1.0"?>
<d:multistatus xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns" xmlns:oc="http://owncloud.org/ns">
 <d:response><d:href>/remote.php/dav/files/ann/Retain%20sync/retain-sync/</d:href>
  <d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
 <d:response><d:href>/remote.php/dav/files/ann/Retain%20sync/retain-sync/devices/</d:href>
  <d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
 <d:response><d:href>/remote.php/dav/files/ann/Retain%20sync/retain-sync/format.json</d:href>
  <d:propstat><d:prop><d:resourcetype/></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
 <d:response><d:href>/remote.php/dav/files/ann/Retain%20sync/retain-sync/a%20(conflicted%20copy).gz</d:href>
  <d:propstat><d:prop><d:resourcetype/></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
</d:multistatus>`;
    expect(parseMultistatus(xml, '/remote.php/dav/files/ann/Retain%20sync/retain-sync/')).toEqual([
      { name: 'devices', folder: true },
      { name: 'format.json', folder: false },
      { name: 'a (conflicted copy).gz', folder: false },
    ]);
  });

  it('reads an answer with a default namespace, absolute hrefs and a single response', () => {
    const xml = `<multistatus xmlns="DAV:"><response><href>http://127.0.0.1:8080/x/</href><propstat><prop><resourcetype><collection/></resourcetype></prop></propstat></response></multistatus>`;
    expect(parseMultistatus(xml, '/x/')).toEqual([]);
    const two = `<D:multistatus xmlns:D="DAV:"><D:response><D:href>http://h/x/</D:href></D:response><D:response><D:href>http://h/x/f.gz</D:href><D:propstat><D:prop><D:resourcetype></D:resourcetype></D:prop></D:propstat></D:response></D:multistatus>`;
    expect(parseMultistatus(two, '/x/')).toEqual([{ name: 'f.gz', folder: false }]);
  });

  it('refuses an answer that is not a WebDAV listing (a login page, garbage) with a typed error', () => {
    expect(() => parseMultistatus('not xml <<<', '/x/')).toThrow(SyncTargetError);
    expect(() => parseMultistatus('<html><body>Sign in</body></html>', '/x/')).toThrow(/not WebDAV/);
  });
});
