import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { pickBridge } from './api/bridges';
import { setBridge } from './api/client';
import { App } from './app/App';
import { initI18n, storedLanguage } from './i18n';
import './styles/app.css';

async function start(): Promise<void> {
  await initI18n(storedLanguage(window.localStorage));
  setBridge(pickBridge());
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void start();
