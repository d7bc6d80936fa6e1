import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startConnection } from './store/connection';
import { startStreams } from './store/streams';
import './styles/theme.css';
import './styles/app.css';

startConnection();
startStreams();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
