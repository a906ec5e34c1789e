/** Entry point: mounts the dashboard with its live connection to the status API. */
import './zod-config.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { LiveProvider } from './live.js';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html is missing <div id="root">');
createRoot(root).render(
  <StrictMode>
    <LiveProvider>
      <App />
    </LiveProvider>
  </StrictMode>,
);
