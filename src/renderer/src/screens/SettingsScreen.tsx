import { useCall } from '../api/use-call';
import { CollectionPanel } from './CollectionPanel';
import { DisplaySettingsPanel } from './DisplaySettingsPanel';
import { SchedulerSettingsForm } from './SchedulerSettingsForm';

export function SettingsScreen() {
  const { data: config, error } = useCall('settings.get', {});
  if (error) {
    return (
      <main className="screen">
        <div className="banner error" role="alert">
          Settings could not be loaded: {error}
        </div>
      </main>
    );
  }
  if (!config) return <main className="screen muted">Loading settings…</main>;
  return (
    <main className="screen settings">
      <header className="page-head">
        <h1>Settings</h1>
      </header>
      <SchedulerSettingsForm config={config} />
      <DisplaySettingsPanel />
      <CollectionPanel />
    </main>
  );
}
