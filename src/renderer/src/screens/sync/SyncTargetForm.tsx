/**
 * Choose where to sync: a folder (kept in sync by Syncthing, Dropbox, iCloud Drive, OneDrive…) or a
 * WebDAV server. "Connect" tests the target (it answers, it can be written to, the password is
 * right) and keeps it only when the test passes; the problem shows here in plain words otherwise.
 */
import { useId, useState } from 'react';
import { isInsecureWebdavUrl, type SyncProblem, type SyncStatus } from '../../../../shared/api/sync-contract';
import { errorMessage } from '../../api/error-message';
import { call } from '../../api/transport';
import { acceptConnect, syncNow } from './sync-store';
import { problemAdvice } from './sync-words';

type Kind = 'folder' | 'webdav';

const KINDS: ReadonlyArray<{ kind: Kind; name: string; help: string }> = [
  { kind: 'folder', name: 'A folder', help: 'A folder that Syncthing, Dropbox, iCloud Drive, OneDrive or Google Drive keeps in sync between your computers.' },
  { kind: 'webdav', name: 'WebDAV', help: 'A Nextcloud, ownCloud or NAS server that speaks WebDAV, with your user name and password.' },
];

export function SyncTargetForm({ status, onDone, onCancel }: { status: SyncStatus; onDone: () => void; onCancel?: () => void }) {
  const current = status.target;
  const [kind, setKind] = useState<Kind>(current?.kind ?? 'folder');
  const [path, setPath] = useState(current?.kind === 'folder' ? current.path : '');
  const [url, setUrl] = useState(current?.kind === 'webdav' ? current.url : '');
  const [username, setUsername] = useState(current?.kind === 'webdav' ? current.username : '');
  const [password, setPassword] = useState('');
  const [insecure, setInsecure] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<SyncProblem | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const id = useId();
  const needsConsent = kind === 'webdav' && isInsecureWebdavUrl(url.trim());

  const connect = () => {
    setBusy(true);
    setProblem(null);
    setRefused(null);
    const request =
      kind === 'folder'
        ? call('sync.setFolder', { path: path.trim() })
        : call('sync.setWebdav', { url: url.trim(), username: username.trim(), password, insecure: needsConsent && insecure });
    request
      .then((result) => {
        if (!result.connected) {
          setProblem(result.problem);
          return;
        }
        acceptConnect(result);
        setPassword('');
        onDone();
        // The first exchange starts at once; its progress shows on the page.
        void syncNow().catch(() => undefined);
      })
      .catch((err: unknown) => setRefused(errorMessage(err)))
      .finally(() => setBusy(false));
  };

  return (
    <form
      className="panel sync-form"
      aria-label="Where to sync"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        connect();
      }}
    >
      <fieldset className="sync-kinds">
        <legend>Where to sync</legend>
        <div className="mode-cards">
          {KINDS.map((k) => (
            <label key={k.kind} className={`mode-card ${kind === k.kind ? 'selected' : ''}`}>
              <input type="radio" name={`${id}-kind`} value={k.kind} checked={kind === k.kind} onChange={() => setKind(k.kind)} />
              <span className="mode-name">{k.name}</span>
              <span className="mode-help">{k.help}</span>
            </label>
          ))}
        </div>
      </fieldset>

      {kind === 'folder' ? (
        <div className="field">
          <label className="field-label" htmlFor={`${id}-path`}>
            Folder
          </label>
          <input id={`${id}-path`} type="text" value={path} onChange={(e) => setPath(e.target.value)} spellCheck={false} autoComplete="off" aria-describedby={`${id}-path-help`} required />
          <span className="field-help" id={`${id}-path-help`}>
            The full path of the folder, for example /home/you/Dropbox or C:\Users\you\OneDrive. Retain keeps its files in a “retain-sync” folder inside it.
          </span>
        </div>
      ) : (
        <div className="sync-webdav">
          <div className="field sync-wide">
            <label className="field-label" htmlFor={`${id}-url`}>
              Server address
            </label>
            <input id={`${id}-url`} type="url" value={url} onChange={(e) => setUrl(e.target.value)} spellCheck={false} autoComplete="url" placeholder="https://cloud.example.com/remote.php/dav/files/you/" aria-describedby={`${id}-url-help`} required />
            <span className="field-help" id={`${id}-url-help`}>
              The WebDAV address of a folder on the server; Retain keeps its files in a “retain-sync” folder inside it.
            </span>
          </div>
          <div className="field">
            <label className="field-label" htmlFor={`${id}-user`}>
              User name
            </label>
            <input id={`${id}-user`} type="text" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" spellCheck={false} required />
          </div>
          <div className="field">
            <label className="field-label" htmlFor={`${id}-password`}>
              Password
            </label>
            <input id={`${id}-password`} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" aria-describedby={`${id}-password-help`} />
            <span className="field-help" id={`${id}-password-help`}>
              {status.passwordStorage === 'keychain'
                ? 'Kept encrypted by your system’s keychain, never in the collection.'
                : 'Kept only while Retain runs (this Retain cannot use a system keychain): you enter it again after a restart.'}
            </span>
          </div>
          {needsConsent && (
            <label className="field check sync-wide sync-insecure">
              <input type="checkbox" checked={insecure} onChange={(e) => setInsecure(e.target.checked)} />
              <span>
                <strong>This address is not encrypted (http://).</strong> Anyone on the network between you and the server could read your password and cards. Use https:// if the
                server offers it; tick this only for a server on your own network.
              </span>
            </label>
          )}
        </div>
      )}

      {problem && (
        <div className="banner error sync-problem" role="alert">
          <div>
            <p>
              <strong>Not connected:</strong> {problem.message}
            </p>
            <p>{problemAdvice(problem, kind)}</p>
          </div>
        </div>
      )}
      {refused && (
        <p className="banner error" role="alert">
          Not connected: {refused}
        </p>
      )}

      <div className="row sync-actions">
        <button className="btn primary" type="submit" disabled={busy || (needsConsent && !insecure)}>
          {busy ? 'Testing the connection…' : 'Connect'}
        </button>
        {onCancel && (
          <button className="btn" type="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        )}
        {busy && (
          <span role="status" className="muted">
            Checking that the {kind === 'folder' ? 'folder' : 'server'} answers and can be written to…
          </span>
        )}
      </div>
    </form>
  );
}
