import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { applyDisplayPolicy } from './boot-policy';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  void applyDisplayPolicy().then(() =>
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
}
