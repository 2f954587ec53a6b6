import { useCall } from '../api/use-call';
import { ScreenError } from '../components/ScreenError';
import { CollectionPanel } from './CollectionPanel';
import { DisplaySettingsPanel } from './DisplaySettingsPanel';
import { SchedulerSettingsForm } from './SchedulerSettingsForm';

export function SettingsScreen() {
  const { data: config, error } = useCall('settings.get', {});
  if (error) return <ScreenError what="Settings" error={error} />;
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
