import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../../main/domain';
import { api } from '../../api/client';
import { useShell } from '../../components/app-context';

export function AboutView() {
  const shell = useShell();
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    api['app.info']({}).then(setInfo, (err) => shell.reportError('Loading app information', err));
  }, [shell]);
  if (!info) return <p className="muted pad">Loading…</p>;
  return (
    <div className="about" data-testid="about">
      <dl className="kv">
        <dt>Version</dt>
        <dd>{info.name} {info.version}</dd>
        <dt>Database schema</dt>
        <dd>version {info.schemaVersion}</dd>
        <dt>Data folder</dt>
        <dd><code>{info.dataDir}</code></dd>
      </dl>
      <h2>Shipped data and its licences</h2>
      <table className="grid">
        <thead>
          <tr>
            <th scope="col">Data</th>
            <th scope="col">Licence</th>
            <th scope="col">Attribution</th>
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {info.licences.map((l) => (
            <tr key={l.file}>
              <td><div>{l.title}</div><div className="muted small"><code>{l.file}</code></div></td>
              <td>{l.licence}</td>
              <td className="wrap">{l.attribution}</td>
              <td className="wrap"><code>{l.url}</code></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
