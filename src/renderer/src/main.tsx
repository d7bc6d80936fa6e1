import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startConnection } from './store/connection';
import { startRates } from './store/rates';
import { startSettings } from './store/settings';
import { startSources } from './store/sources';
import { startStreams } from './store/streams';
import 'uplot/dist/uPlot.min.css';
import './styles/theme.css';
import './styles/base.css';
import './styles/controls.css';
import './styles/feedback.css';
import './styles/overview.css';
import './styles/streams.css';
import './styles/live-state.css';
import './styles/detail.css';
import './styles/collector-export.css';
import './styles/processing.css';

// Each store subscribes once for the whole app.
startSettings();
startConnection();
startRates();
startStreams();
startSources();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
