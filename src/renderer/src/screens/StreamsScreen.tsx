import { StreamDetail } from './detail/StreamDetail';
import { StreamsOverview } from './streams/StreamsOverview';
import { Wizard } from './wizard/Wizard';
import { useNavigation } from '../store/navigation';

/** Overview, wizard (new or edit) or one stream's detail, by route. */
export function StreamsScreen() {
  const { streamId, view } = useNavigation();
  if (view === 'new') return <Wizard key="new" streamId={null} />;
  if (view === 'edit' && streamId) return <Wizard key={`edit-${streamId}`} streamId={streamId} />;
  if (streamId) return <StreamDetail key={streamId} streamId={streamId} />;
  return <StreamsOverview />;
}
