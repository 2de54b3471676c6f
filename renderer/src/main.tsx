import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { playOneAtATime } from './audio/one-player.js';
import { connectCoreEvents } from './data/core-events.js';
import { createQueryClient } from './data/query-client.js';
import './styles/index.css';

const queryClient = createQueryClient();
connectCoreEvents(queryClient);
playOneAtATime();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
}
